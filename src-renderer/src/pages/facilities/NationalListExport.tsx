/**
 * 导出国家系统机构名单: the facilities the account may see, in the national system's list
 * (services/national-list.ts), as of the page's date: .xlsx, or .csv from the menu.
 */
import { DownOutlined, DownloadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Dropdown, Space } from 'antd';
import { api, apiError } from '../../api/client';
import { useI18n } from '../../i18n';
import { saveBase64, XLSX_TYPE } from '../../components/download';

const TX = {
  button: { zh: '导出国家系统机构名单', en: 'Export the national facility list' },
  csv: { zh: 'CSV 格式（UTF-8）', en: 'As CSV (UTF-8)' },
} as const;

export function NationalListExport({ date }: { date: string }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const exportList = useMutation({
    mutationFn: (format: 'xlsx' | 'csv') => api.facility.nationalList.query({ date, format }),
    onSuccess: (r, format) => saveBase64(r.fileName, r.base64, format === 'csv' ? 'text/csv;charset=utf-8' : XLSX_TYPE),
    onError: (e) => void message.error(lang === 'zh' ? apiError(e).zh : apiError(e).en),
  });
  return (
    <Space.Compact>
      <Button icon={<DownloadOutlined />} loading={exportList.isPending} onClick={() => exportList.mutate('xlsx')} data-testid="national-list-export">
        {t(TX.button)}
      </Button>
      <Dropdown menu={{ items: [{ key: 'csv', label: <span data-testid="national-list-csv">{t(TX.csv)}</span> }], onClick: () => exportList.mutate('csv') }}>
        <Button icon={<DownOutlined />} disabled={exportList.isPending} aria-label={t(TX.csv)} data-testid="national-list-more" />
      </Dropdown>
    </Space.Compact>
  );
}
