/** 打印未报送名单 (/print/reporting/:month): the offices not reported and late for the month, for a phoning round. */
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { api } from '../../api/client';
import { todayIso } from '../../components/options';
import { useI18n } from '../../i18n';
import { PrintFrame } from '../print/PrintFrame';
import { P } from '../print/texts';
import { reportingForm } from './reporting-form';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export function PrintReportingPage() {
  const { t } = useI18n();
  const { month = '' } = useParams();
  const valid = MONTH.test(month);
  const form = useQuery({
    queryKey: ['print.reporting', month],
    queryFn: async () => {
      const [status, me] = await Promise.all([api.exchange.reporting.query({ month }), api.exchange.identity.query()]);
      return reportingForm(status, me.regionName ?? me.regionCode, todayIso());
    },
    enabled: valid,
    retry: false,
  });
  return <PrintFrame form={form} backTo="/reporting" problem={valid ? undefined : t(P.badMonth, { m: month })} />;
}
