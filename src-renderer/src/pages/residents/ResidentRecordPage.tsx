/**
 * One resident's record: details (ID masked; the full number only on request, audited),
 * the open stay with its actions, the stays history with leaves, and the assessments.
 * The api says what the account may do here (`access`): for a resident who has left its
 * facilities, or for a read-only account, the record is shown without its actions. The age
 * comes from the api; the birth date only for accounts that may reveal personal data.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Space, Spin, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, apiError } from '../../api/client';
import { useMe } from '../../auth/AuthGate';
import { useWrite } from '../../api/hooks';
import { useCounties } from '../../components/CountySelect';
import { useI18n } from '../../i18n';
import { C } from '../../i18n/common';
import { ASSESSMENT_GROUPS, ASSESSMENT_ITEMS, type AssessmentGroup, type AssessmentScores, scoreAssessment } from '@domain/assessment';
import { ASSESSMENT_REASON, DIAGNOSIS, DISCHARGE_REASON, SELF_CARE } from '@domain/enums';
import { AssessmentDrawer } from '../../components/assessment/AssessmentDrawer';
import { appliedText } from '../../components/assessment/ScoreSummary';
import { categoryLabels, COLON, levelColor, levelText, paren, SEP, sexText } from '../../components/format';
import { ResidentForm } from './ResidentForm';
import { StayActions, useLeaves, type StayRow } from './StayActions';
import { R } from './texts';
import { PageHeader } from '../../components/PageHeader';

type Detail = Awaited<ReturnType<typeof api.resident.get.query>>;
type AssessmentRow = Detail['assessments'][number];

function LeavesTable({ stayId }: { stayId: number }) {
  const { t } = useI18n();
  const leaves = useLeaves(stayId);
  return (
    <Table
      size="small"
      rowKey="id"
      loading={leaves.isLoading}
      dataSource={leaves.data ?? []}
      pagination={false}
      locale={{ emptyText: t(R.noLeaves) }}
      columns={[
        { dataIndex: 'startOn', title: t(R.leaveStart), width: 130 },
        { dataIndex: 'endOn', title: t(R.leaveEnd), width: 130, render: (v: string | null) => v ?? <Tag color="gold">{t(R.stillAway)}</Tag> },
        { dataIndex: 'reason', title: t(R.leaveReason), render: (v: string) => v || '—' },
      ]}
    />
  );
}

function OpenStayCard({ stay, residentId, readOnly }: { stay: StayRow; residentId: number; readOnly: boolean }) {
  const { t } = useI18n();
  const leaves = useLeaves(stay.id);
  const openLeave = (leaves.data ?? []).find((l) => l.endOn === null) ?? null;
  return (
    <Card
      size="small"
      title={
        <Space>
          {t(R.currentStay)}
          {openLeave ? <Tag color="gold">{t(R.onLeaveSince, { date: openLeave.startOn })}</Tag> : <Tag color="blue">{stay.bedId ? t(R.inCare) : t(R.dayCare)}</Tag>}
        </Space>
      }
      extra={readOnly ? null : <StayActions stay={stay} openLeave={openLeave} />}
      style={{ marginBottom: 12 }}
      data-testid={`open-stay-${residentId}`}
    >
      <Descriptions size="small" column={{ xs: 1, md: 3 }}>
        <Descriptions.Item label={t(R.facility)}>
          <Link to={`/facilities/${stay.facilityId}`}>{stay.facilityName}</Link>
        </Descriptions.Item>
        <Descriptions.Item label={t(R.bed)}>
          <span data-testid="open-stay-bed">{stay.bedLabel ?? '—'}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t(R.admittedOn)}>{stay.admittedOn}</Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

export function ResidentRecordPage() {
  const { t } = useI18n();
  const { modal } = App.useApp();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const [editOpen, setEditOpen] = useState(false);
  const [assessOpen, setAssessOpen] = useState(false);
  const [revealed, setRevealed] = useState<string | null>(null);
  const counties = useCounties();
  const { can } = useMe();
  const detail = useQuery({ queryKey: ['resident.get', id], queryFn: () => api.resident.get.query({ id }), enabled: Number.isInteger(id) && id > 0 });
  const reveal = useWrite(api.resident.revealIdNumber.mutate, { onSuccess: (r) => setRevealed(r.idNumber) });

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
  const county = (counties.data ?? []).find((c) => c.code === resident.householdRegionCode);
  // 特困 has its own line; the other categories go together.
  const cats = categoryLabels(t, { ...resident, tekun: false });

  const askReveal = () =>
    modal.confirm({
      title: t(R.revealTitle),
      content: t(R.revealBody),
      okText: t(R.revealOk),
      cancelText: t(C.cancel),
      okButtonProps: { 'data-testid': 'reveal-ok' } as never,
      onOk: () => reveal.mutateAsync({ id: resident.id }).catch(() => undefined),
    });

  /** "转床" when the next stay is in the same facility, "转院" otherwise. */
  const reasonText = (s: StayRow): string => {
    if (!s.dischargeReason) return '—';
    if (s.dischargeReason === 'transfer') {
      const next = stays.find((x) => x.transferredFromStayId === s.id);
      if (next) return next.facilityId === s.facilityId ? t(R.bedTransfer) : `${t(DISCHARGE_REASON.transfer)} → ${next.facilityName}`;
    }
    return t(DISCHARGE_REASON[s.dischargeReason]);
  };

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
              <Button type={death ? 'default' : 'primary'} disabled={readOnly} onClick={() => navigate(`/admission?residentId=${resident.id}`)} data-testid="resident-admit">
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

      <Descriptions size="small" bordered column={{ xs: 1, md: 2, xl: 3 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t(R.idNumber)}>
          <Space wrap size={4}>
            <span style={{ fontFamily: 'monospace' }} data-testid="resident-id">
              {revealed ?? resident.idNumberMasked}
            </span>
            {revealed ? (
              <>
                <Typography.Text type="warning" style={{ fontSize: 12 }}>
                  {t(R.revealed)}
                </Typography.Text>
                <Button size="small" type="link" onClick={() => setRevealed(null)} data-testid="resident-hide-id">
                  {t(R.hide)}
                </Button>
              </>
            ) : (
              <Button
                size="small"
                type="link"
                onClick={askReveal}
                loading={reveal.isPending}
                disabled={!access.reveal}
                title={access.reveal ? undefined : t(R.revealNotAllowed)}
                data-testid="resident-reveal"
              >
                {t(R.reveal)}
              </Button>
            )}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={`${t(R.sex)} / ${t(R.age)}`}>
          {sexText(t, resident.sex)} · {age}
        </Descriptions.Item>
        {resident.birthDate && <Descriptions.Item label={t(R.birthDate)}>{resident.birthDate}</Descriptions.Item>}
        <Descriptions.Item label={t(R.household)}>{county?.name ?? resident.householdRegionCode ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t(R.tekun)}>{resident.tekun ? paren(t, t(C.yes), resident.tekunSelfCare ? t(SELF_CARE[resident.tekunSelfCare]) : '—') : t(C.no)}</Descriptions.Item>
        <Descriptions.Item label={t(R.categories)}>{cats.length ? cats.map((c) => <Tag key={c}>{c}</Tag>) : '—'}</Descriptions.Item>
        <Descriptions.Item label={t(R.phone)}>{resident.phone || '—'}</Descriptions.Item>
        <Descriptions.Item label={t(R.emergencyContact)}>{resident.emergencyContact || '—'}</Descriptions.Item>
        <Descriptions.Item label={t(R.emergencyPhone)}>{resident.emergencyPhone || '—'}</Descriptions.Item>
      </Descriptions>

      {left && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t(R.readOnlyRecord)} data-testid="resident-read-only" />
      )}
      {death && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t(R.diedWarn, { date: death.dischargedOn ?? '' })} data-testid="resident-died" />}
      {openStays.length === 0 ? (
        !death && !left && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t(R.noOpenStay)} data-testid="no-open-stay" />
      ) : (
        openStays.map((s) => <OpenStayCard key={s.id} stay={s} residentId={resident.id} readOnly={readOnly} />)
      )}

      <Card size="small" title={t(R.stays)} style={{ marginBottom: 12 }}>
        <Table<StayRow>
          size="small"
          rowKey="id"
          dataSource={stays}
          pagination={false}
          data-testid="resident-stays"
          locale={{ emptyText: t(R.noStays) }}
          expandable={{ rowExpandable: (s) => s.leaveCount > 0, expandedRowRender: (s) => <LeavesTable stayId={s.id} /> }}
          columns={[
            { dataIndex: 'facilityName', title: t(R.facility), render: (v: string, s) => <Link to={`/facilities/${s.facilityId}`}>{v}</Link> },
            { dataIndex: 'bedLabel', title: t(R.bed), render: (v: string | null) => v ?? '—' },
            { dataIndex: 'admittedOn', title: t(R.admittedOn), width: 120 },
            { dataIndex: 'dischargedOn', title: t(R.dischargedOn), width: 120, render: (v: string | null) => v ?? <Tag color="blue">{t(R.open)}</Tag> },
            { key: 'reason', title: t(R.reason), render: (_, s) => reasonText(s) },
            { dataIndex: 'leaveCount', title: t(R.leaves), width: 80, render: (n: number) => (n > 0 ? t(R.leaveCount, { n }) : '—') },
          ]}
        />
      </Card>

      <Card
        size="small"
        title={t(R.assessments)}
        extra={
          <Button size="small" disabled={readOnly} onClick={() => setAssessOpen(true)}>
            {t(R.newAssessment)}
          </Button>
        }
      >
        <Table<AssessmentRow>
          size="small"
          rowKey="id"
          dataSource={assessments}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          data-testid="resident-assessments"
          locale={{ emptyText: t(R.noAssessments) }}
          expandable={{ rowExpandable: (a) => a.standard === 'GB/T 42195-2022', expandedRowRender: (a) => <AssessmentDetail a={a} /> }}
          columns={[
            { dataIndex: 'assessedOn', title: t(R.assessedOn), width: 110 },
            { dataIndex: 'standard', title: t(R.standard), width: 140 },
            { dataIndex: 'reason', title: t(R.assessReason), render: (v: keyof typeof ASSESSMENT_REASON) => t(ASSESSMENT_REASON[v]) },
            { dataIndex: 'total', title: t(R.totalScore), width: 90, render: (v: number | null) => (v === null ? '—' : `${v} / 90`) },
            {
              key: 'levels',
              title: t(R.levels),
              render: (_, a) => (
                <Space size={4} wrap>
                  {a.preliminaryLevel !== null && a.preliminaryLevel !== a.finalLevel && (
                    <>
                      <Tag>{levelText(t, a.preliminaryLevel, a.standard)}</Tag>→
                    </>
                  )}
                  <Tag color={levelColor(a.finalLevel)}>{levelText(t, a.finalLevel, a.standard)}</Tag>
                </Space>
              ),
            },
            { key: 'assessors', title: t(R.assessors), render: (_, a) => [a.assessor1, a.assessor2].join(t(SEP)) },
          ]}
        />
      </Card>

      {editOpen && <ResidentForm open={editOpen} resident={resident} onClose={() => setEditOpen(false)} />}
      {assessOpen && (
        <AssessmentDrawer open={assessOpen} resident={resident} defaultReason={assessments.length ? 'routine' : 'first'} onClose={() => setAssessOpen(false)} />
      )}
    </div>
  );
}

/** Group subtotals, the adjustments and the 26 item scores of one GB/T 42195 assessment. */
function AssessmentDetail({ a }: { a: AssessmentRow }) {
  const { t } = useI18n();
  const scores = Object.fromEntries(ASSESSMENT_ITEMS.map((i) => [i.key, a[i.key]])) as Record<string, number | null>;
  const complete = ASSESSMENT_ITEMS.every((i) => typeof scores[i.key] === 'number');
  const result = complete ? scoreAssessment(scores as AssessmentScores, { coma: a.coma, diagnosis: a.diagnosis, riskEvents: a.riskEvents }) : null;
  return (
    <div style={{ padding: '4px 8px' }}>
      <Typography.Paragraph style={{ marginBottom: 6 }}>
        {result ? appliedText(t, result.applied) : '—'}
        {a.diagnosis !== 'none' && ` · ${t(DIAGNOSIS[a.diagnosis])}`}
        {a.riskEvents > 0 && ` · ${t({ zh: '风险事件 {n} 次', en: '{n} risk events' }, { n: a.riskEvents })}`}
        {a.note && ` · ${a.note}`}
      </Typography.Paragraph>
      {(Object.keys(ASSESSMENT_GROUPS) as AssessmentGroup[]).map((g) => (
        <div key={g} style={{ marginBottom: 4 }}>
          <b>
            {t(ASSESSMENT_GROUPS[g])} {result ? `${result.groupTotals[g]} / ${ASSESSMENT_GROUPS[g].max}` : ''}
          </b>
          {t(COLON)}
          {ASSESSMENT_ITEMS.filter((i) => i.group === g)
            .map((i) => `${t(i)} ${scores[i.key] ?? '—'}`)
            .join(t(SEP))}
        </div>
      ))}
    </div>
  );
}
