/** 打印 of 月报: the month report as the form the server describes (form.month), the same as the workbook. */
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { api } from '../../api/client';
import { useI18n } from '../../i18n';
import { useMonthWorkbook } from '../month/workbook';
import { PrintFrame } from './PrintFrame';
import { P } from './texts';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export function PrintMonthPage() {
  const { t } = useI18n();
  const month = useParams().month ?? '';
  const valid = MONTH.test(month);
  const form = useQuery({ queryKey: ['form.month', month], queryFn: () => api.form.month.query({ month }), enabled: valid, retry: false });
  const xlsx = useMonthWorkbook(month);
  return <PrintFrame form={form} backTo="/month" xlsx={xlsx} problem={valid ? undefined : t(P.badMonth, { m: month })} />;
}
