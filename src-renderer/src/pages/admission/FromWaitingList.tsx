/**
 * 从轮候名单办理入住: the admission flow started from a facility's waiting list. The application
 * names the person and the facility; while it is still waiting and the person is not changed,
 * the admission carries its id, and the server closes it with the stay in one write.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { levelText } from '../../components/format';
import { useI18n } from '../../i18n';
import { WAITING_CATEGORY, WAITING_STATUS } from '@domain/waiting-list';
import { W } from '../facilities/waiting/texts';

export type WaitingApplication = Awaited<ReturnType<typeof api.waiting.get.query>>;

export function useWaitingApplication(facilityId: number | null, applicationId: number | null) {
  const [dropped, setDropped] = useState(false);
  const q = useQuery({
    queryKey: ['waiting.get', facilityId, applicationId],
    queryFn: () => api.waiting.get.query({ facilityId: facilityId!, applicationId: applicationId! }),
    enabled: facilityId !== null && applicationId !== null && !dropped,
  });
  const application = dropped ? undefined : q.data;
  return {
    application,
    /** The application to close with this admission: still waiting, of this person. */
    linkedId: (residentId: number) => (application && application.status === 'waiting' && application.residentId === residentId ? application.id : undefined),
    /** Another person chosen, or a fresh start: an ordinary admission from here on. */
    drop: () => setDropped(true),
  };
}

export function FromWaitingList({ application: a, facilityId }: { application: WaitingApplication; facilityId: number | null }) {
  const { t } = useI18n();
  const level = a.assessmentLevel === null ? t(W.notAssessed) : levelText(t, a.assessmentLevel);
  if (a.status !== 'waiting')
    return <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t(W.fromList)} description={t(W.fromListClosed, { status: t(WAITING_STATUS[a.status]) })} data-testid="admission-from-waiting" />;
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 12 }}
      title={t(W.fromList)}
      data-testid="admission-from-waiting"
      description={
        <>
          {t(W.fromListDetail, { name: a.name, facility: a.facilityName, rank: a.rank ?? '—', applied: a.appliedOn, category: t(WAITING_CATEGORY[a.category]), level })}
          {facilityId !== null && facilityId !== a.facilityId && <div style={{ color: '#d4380d' }}>{t(W.fromListOtherFacility, { facility: a.facilityName })}</div>}
        </>
      }
    />
  );
}
