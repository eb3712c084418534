/**
 * The frame of every print page (layout/print-routes.tsx): a toolbar (返回, 打印, 下载 Excel;
 * hidden in print) over the form as white A4 sheets on grey, with the loading and error
 * states of the other pages.
 */
import { ArrowLeftOutlined, DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Spin, Typography } from 'antd';
import type { UseQueryResult } from '@tanstack/react-query';
import { useLocation, useNavigate } from 'react-router';
import type { PrintedForm } from '@domain/printed-form';
import { apiError } from '../../api/client';
import { useI18n } from '../../i18n';
import { C } from '../../i18n/common';
import { PrintedFormView } from './PrintedFormView';
import { P } from './texts';

export interface PrintFrameProps {
  form: UseQueryResult<PrintedForm>;
  /** Where 返回 goes when the page was opened directly (no history to go back to). */
  backTo: string;
  /** 下载 Excel, when the form has a workbook. */
  xlsx?: { download(): Promise<void>; exporting: boolean };
  /** A message in place of the form (e.g. a malformed address). */
  problem?: string;
}

export function PrintFrame({ form, backTo, xlsx, problem }: PrintFrameProps) {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  // A page reached inside the app has a history entry to return to; one opened by address does not.
  const back = () => (location.key !== 'default' ? void navigate(-1) : void navigate(backTo));
  const data = form.data;
  return (
    <div className="pf-screen" data-testid="page-print">
      <div className="pf-toolbar">
        <Button icon={<ArrowLeftOutlined />} onClick={back} data-testid="print-back">
          {t(P.back)}
        </Button>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} disabled={!data} data-testid="print-print">
          {t(P.print)}
        </Button>
        {xlsx && (
          <Button icon={<DownloadOutlined />} onClick={() => void xlsx.download()} loading={xlsx.exporting} disabled={!data} data-testid="print-xlsx">
            {t(P.downloadXlsx)}
          </Button>
        )}
        {data && (
          <Typography.Text className="pf-hint">
            {data.title} · {data.period} · {t(P.hint, { orientation: t(P[data.orientation]) })}
          </Typography.Text>
        )}
      </div>
      {problem ? (
        <Alert className="pf-screen-state" type="warning" showIcon message={problem} data-testid="print-problem" />
      ) : form.isLoading ? (
        <Spin style={{ display: 'block', margin: 96 }} />
      ) : form.error || !data ? (
        <Alert
          className="pf-screen-state"
          type="error"
          showIcon
          message={t(C.loadFailed)}
          description={form.error ? apiError(form.error)[lang] : ''}
          action={<Button onClick={() => void form.refetch()}>{t(C.retry)}</Button>}
          data-testid="print-error"
        />
      ) : (
        <PrintedFormView form={data} />
      )}
    </div>
  );
}
