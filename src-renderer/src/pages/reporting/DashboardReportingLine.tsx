/** 首页's line on last month's 报送情况 — "上月报送：已报送 8/10（80.0%）" — linking to the page; only when offices are enrolled below. */
import { Alert } from 'antd';
import { Link } from 'react-router';
import { formatPercent } from '@domain/format';
import { previousMonth } from '@domain/month';
import { useMe } from '../../auth/AuthGate';
import { todayIso } from '../../components/options';
import { useI18n } from '../../i18n';
import { reportsComeHere, useReporting } from './reporting-query';
import { R } from './texts';

export function DashboardReportingLine() {
  const { t } = useI18n();
  const { me } = useMe();
  const q = useReporting(previousMonth(todayIso()), reportsComeHere(me.install));
  const d = q.data;
  if (!d || d.rows.length === 0) return null;
  const due = d.counts.reported + d.counts.late + d.counts.missing;
  if (due === 0) return null;
  return (
    <Alert
      type={d.counts.missing > 0 ? 'warning' : 'success'}
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="dashboard-reporting"
      message={
        <Link to="/reporting" data-testid="dashboard-reporting-link">
          {t(R.dashboardLine, { n: d.counts.reported + d.counts.late, due, share: formatPercent(d.share) })}
          {d.counts.missing > 0 && ` · ${t(R.dashboardMissing, { n: d.counts.missing })}`}
        </Link>
      }
    />
  );
}
