/**
 * 月报's warning before a month is closed: the offices below that have not yet sent their data
 * through the month's end (报送情况), named (up to 10), with the printout for a phoning round.
 * Closing stays allowed: what arrives later shows as differences, like corrections. Shown only
 * at a county or city install with offices enrolled below.
 */
import { Alert, Space } from 'antd';
import { Link } from 'react-router';
import { useMe } from '../../auth/AuthGate';
import { useI18n } from '../../i18n';
import { SEP } from '../../components/format';
import { missingRows, reportsComeHere, useReporting } from './reporting-query';
import { R } from './texts';

const NAMED = 10;

export function MonthReportingWarning({ month }: { month: string }) {
  const { t } = useI18n();
  const { me } = useMe();
  const q = useReporting(month, reportsComeHere(me.install));
  const missing = q.data ? missingRows(q.data) : [];
  if (missing.length === 0) return null;
  const names = missing.slice(0, NAMED).map((r) => r.name).join(t(SEP));
  const more = missing.length > NAMED ? ` ${t(R.monthWarnMore, { n: missing.length })}` : '';
  return (
    <Alert
      type="warning"
      showIcon
      className="no-print"
      style={{ marginBottom: 12 }}
      data-testid="month-reporting-warning"
      message={t(R.monthWarn, { n: missing.length, m: Number(month.slice(5)), ym: month })}
      description={
        <>
          <div data-testid="month-reporting-missing">
            {names}
            {more}
          </div>
          <div>{t(R.monthWarnBody)}</div>
        </>
      }
      action={
        <Space direction="vertical" size={4}>
          <Link to={`/print/reporting/${month}`} data-testid="month-reporting-print">
            {t(R.monthWarnPrint)}
          </Link>
          <Link to="/reporting">{t(R.monthWarnOpen)}</Link>
        </Space>
      }
    />
  );
}
