/** 下载 Excel of a workbook the api builds (base64): progress while it is built, the file saved, the error said. */
import { App } from 'antd';
import { useState } from 'react';
import { apiError } from '../api/client';
import { saveBase64, XLSX_TYPE } from './download';
import { useI18n } from '../i18n';

const W = {
  downloading: { zh: '正在生成工作簿…', en: 'Building the workbook…' },
  downloaded: { zh: '已导出 {file}', en: 'Exported {file}' },
} as const;

export interface WorkbookDownload {
  exporting: boolean;
  download(): Promise<void>;
}

export function useWorkbookDownload(fetch: () => Promise<{ fileName: string; base64: string }>): WorkbookDownload {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [exporting, setExporting] = useState(false);
  const download = async () => {
    setExporting(true);
    const hide = message.loading(t(W.downloading), 0);
    try {
      const wb = await fetch();
      saveBase64(wb.fileName, wb.base64, XLSX_TYPE);
      void message.success(t(W.downloaded, { file: wb.fileName }));
    } catch (e) {
      void message.error(t(apiError(e)));
    } finally {
      hide();
      setExporting(false);
    }
  };
  return { exporting, download };
}
