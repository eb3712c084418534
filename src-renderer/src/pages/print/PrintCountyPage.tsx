/** 打印 of a county's one-page summary for a leader (form.county): the month's figures as reported, the chart, plan progress. */
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { api } from '../../api/client';
import { useWorkbookDownload } from '../../components/workbook-download';
import { useI18n } from '../../i18n';
import { PrintFrame } from './PrintFrame';
import { P } from './texts';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const CODE = /^\d{6}$/;

export function PrintCountyPage() {
  const { t } = useI18n();
  const { code = '', month = '' } = useParams();
  const valid = CODE.test(code) && MONTH.test(month);
  const input = { regionCode: code, month };
  const form = useQuery({ queryKey: ['form.county', code, month], queryFn: () => api.form.county.query(input), enabled: valid, retry: false });
  const xlsx = useWorkbookDownload(() => api.form.countyXlsx.query(input));
  return <PrintFrame form={form} backTo="/" xlsx={xlsx} problem={valid ? undefined : t(P.badAddress)} />;
}
