/**
 * One resident's record: details (ID masked; the full number only on request, audited),
 * the open stay with its actions, the stays history with leaves, and the assessments.
 * The api says what the account may do here (`access`): for a resident who has left its
 * facilities, or for a read-only account, the record is shown without its actions. The age
 * comes from the api; the birth date only for accounts that may reveal personal data.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Spin, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, apiError } from '../../api/client';
import { useMe } from '../../auth/AuthGate';
import { useI18n } from '../../i18n';
import { C } from '../../i18n/common';
import { AssessmentDrawer } from '../../components/assessment/AssessmentDrawer';
import { ResidentForm } from './ResidentForm';
import type { StayRow } from './StayActions';
import { AssessmentsCard } from './AssessmentsCard';
import { ResidentDetails } from './ResidentDetails';
import { OpenStayCard, StaysCard } from './StaysCards';
import { R } from './texts';
import { PageHeader } from '../../components/PageHeader';

export function ResidentRecordPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const [editOpen, setEditOpen] = useState(false);
  const [assessOpen, setAssessOpen] = useState(false);
  const { can } = useMe();
  const detail = useQuery({ queryKey: ['resident.get', id], queryFn: () => api.resident.get.query({ id }), enabled: Number.isInteger(id) && id > 0 });

  const stays = useMemo(() => (detail.data?.stays ?? []) as StayRow[], [detail.data]);
  const openStays = stays.filter((s) => s.dischargedOn === null);
  // The api keeps no death flag on the resident: a stay closed for death is the only record of it.
  const death = openStays.length === 0 ? stays.find((s) => s.dischargeReason === 'death') : undefined;

  if (detail.isLoading) return <Spin />;
  if (detail.error || !detail.data)
    return (
      <div data-testid="page-resident">
        <Link to="/residents">← {t(R.back)}</Link>
        <Alert style={{ marginTop: 12 }} type="error" showIcon title={t(C.loadFailed)} description={detail.error ? t(apiError(detail.error)) : t(R.notFound)} />
      </div>
    );
  const { resident, assessments, access } = detail.data;
  const age = resident.age;
  const readOnly = !access.change;
  // An account that writes elsewhere but not here: the resident has left its facilities.
  const left = readOnly && can('write');

  return (
    <div data-testid="page-resident">
      <PageHeader
        back={{ to: '/residents', label: t(R.back) }}
        titleTestId="resident-title"
        title={
          <>
            {resident.name}{' '}
            {openStays.length > 0 ? <Tag color="blue">{t(R.inCare)}</Tag> : death ? <Tag color="default">{t(R.died)}</Tag> : <Tag>{t(R.notInCare)}</Tag>}
            {age >= 80 && <Tag color="purple">{t(R.oldOld)}</Tag>}
          </>
        }
        actions={
          <>
            {openStays.length === 0 && (
              <Button type={death ? 'default' : 'primary'} disabled={readOnly || !!death} title={death ? t(R.diedNoAdmit) : undefined} onClick={() => navigate(`/admission?residentId=${resident.id}`)} data-testid="resident-admit">
                {t(R.admit)}
              </Button>
            )}
            <Button onClick={() => setAssessOpen(true)} disabled={readOnly} data-testid="assessment-new">
              {t(R.newAssessment)}
            </Button>
            <Button onClick={() => setEditOpen(true)} disabled={readOnly} title={readOnly ? t(R.changeNotAllowed) : undefined} data-testid="resident-edit">
              {t(C.edit)}
            </Button>
          </>
        }
      />

      <ResidentDetails resident={resident} access={access} />

      {left && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t(R.readOnlyRecord)} data-testid="resident-read-only" />
      )}
      {death && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t(R.diedWarn, { date: death.dischargedOn ?? '' })} data-testid="resident-died" />}
      {openStays.length === 0 ? (
        !death && !left && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t(R.noOpenStay)} data-testid="no-open-stay" />
      ) : (
        openStays.map((s) => <OpenStayCard key={s.id} stay={s} residentId={resident.id} readOnly={readOnly} />)
      )}

      <StaysCard stays={stays} residentId={resident.id} readOnly={readOnly} />

      <AssessmentsCard assessments={assessments} readOnly={readOnly} onNew={() => setAssessOpen(true)} />

      {editOpen && <ResidentForm open={editOpen} resident={resident} onClose={() => setEditOpen(false)} />}
      {assessOpen && (
        <AssessmentDrawer open={assessOpen} resident={resident} defaultReason={assessments.some((a) => a.voidedAt === null) ? 'routine' : 'first'} onClose={() => setAssessOpen(false)} />
      )}
    </div>
  );
}
