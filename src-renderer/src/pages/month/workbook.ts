/** 导出 Excel 工作簿 for a month (month.workbook), shared by 月报 and its print page. */
import { App } from 'antd';
import { useState } from 'react';
import { api, apiError } from '../../api/client';
import { saveBase64, XLSX_TYPE } from '../../components/download';
import { useI18n } from '../../i18n';
import { T } from './texts';

export function useMonthWorkbook(month: string): { exporting: boolean; download(): Promise<void> } {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [exporting, setExporting] = useState(false);
  const download = async () => {
    setExporting(true);
    const hide = message.loading(t(T.downloading), 0);
    try {
      const wb = await api.month.workbook.query({ month });
      saveBase64(wb.fileName, wb.base64, XLSX_TYPE);
      void message.success(t(T.downloaded, { file: wb.fileName }));
    } catch (e) {
      void message.error(t(apiError(e)));
    } finally {
      hide();
      setExporting(false);
    }
  };
  return { exporting, download };
}
