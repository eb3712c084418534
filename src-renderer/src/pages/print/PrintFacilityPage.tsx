/**
 * 打印 of a facility's 床位一览表 or 在住老人名单 (内部资料, form.facilityBeds /
 * form.facilityResidents), as of the date the facility page shows (?date=). Every fetch of a
 * named list is audited, so the form is fetched once: no refetch on focus or reconnect.
 */
import { useQuery } from '@tanstack/react-query';
import { useParams, useSearchParams } from 'react-router';
import { isIsoDate } from '@domain/dates';
import { api } from '../../api/client';
import { useWorkbookDownload } from '../../components/workbook-download';
import { useI18n } from '../../i18n';
import { PrintFrame } from './PrintFrame';
import { P } from './texts';

const ONCE = { retry: false, staleTime: Infinity, gcTime: 0, refetchOnWindowFocus: false, refetchOnReconnect: false } as const;

export function PrintFacilityPage({ list }: { list: 'beds' | 'residents' }) {
  const { t } = useI18n();
  const facilityId = Number(useParams().id);
  const date = useSearchParams()[0].get('date') ?? undefined;
  const valid = Number.isInteger(facilityId) && facilityId > 0 && (date === undefined || isIsoDate(date));
  const input = { facilityId, date };
  const form = useQuery({
    queryKey: ['form.facility', list, facilityId, date],
    queryFn: () => (list === 'beds' ? api.form.facilityBeds.query(input) : api.form.facilityResidents.query(input)),
    enabled: valid,
    ...ONCE,
  });
  const xlsx = useWorkbookDownload(() => (list === 'beds' ? api.form.facilityBedsXlsx.query(input) : api.form.facilityResidentsXlsx.query(input)));
  return <PrintFrame form={form} backTo={valid ? `/facilities/${facilityId}` : '/facilities'} xlsx={xlsx} problem={valid ? undefined : t(P.badAddress)} />;
}
