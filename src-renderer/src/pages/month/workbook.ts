/** 导出 Excel 工作簿 for a month (month.workbook), shared by 月报 and its print page. */
import { api } from '../../api/client';
import { useWorkbookDownload, type WorkbookDownload } from '../../components/workbook-download';

export function useMonthWorkbook(month: string): WorkbookDownload {
  return useWorkbookDownload(() => api.month.workbook.query({ month }));
}
