/**
 * 导出季报 / 导出年报 on the 月报 screen: the 民政事业统计季报 (养老) of the latest quarter ended by
 * the selected month, and the 年报 of the latest year ended by it (month.statFormWorkbook), from
 * closed snapshots only — a month not closed prints 未关账 in the file.
 */
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Tooltip } from 'antd';
import { api } from '../../api/client';
import { useWorkbookDownload } from '../../components/workbook-download';
import { useI18n } from '../../i18n';
import { STAT_FORM as S } from './texts';


/** 2026-11 → 2026Q3; 2026-02 → 2025Q4. */
export function quarterEndedBy(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const q = Math.floor(m / 3);
  return q === 0 ? `${y - 1}Q4` : `${y}Q${q}`;
}

/** 2026-12 → 2026; 2026-11 → 2025. */
export function yearEndedBy(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return String(m === 12 ? y : y - 1);
}

export function StatFormButtons({ month, disabled }: { month: string; disabled: boolean }) {
  const { t } = useI18n();
  const quarter = quarterEndedBy(month);
  const year = yearEndedBy(month);
  const q = useWorkbookDownload(() => api.month.statFormWorkbook.query({ period: quarter }));
  const a = useWorkbookDownload(() => api.month.statFormWorkbook.query({ period: year }));
  return (
    <>
      <Tooltip title={t(S.hint)}>
        <Button icon={<DownloadOutlined />} onClick={() => void q.download()} disabled={disabled} loading={q.exporting} data-testid="quarter-export">
          {t(S.quarter, { p: quarter })}
        </Button>
      </Tooltip>
      <Tooltip title={t(S.hint)}>
        <Button icon={<DownloadOutlined />} onClick={() => void a.download()} disabled={disabled} loading={a.exporting} data-testid="year-export">
          {t(S.year, { p: year })}
        </Button>
      </Tooltip>
    </>
  );
}
