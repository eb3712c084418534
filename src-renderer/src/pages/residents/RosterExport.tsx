/**
 * 导出名册: the residents the account may see as .xlsx. ID numbers masked by default; with
 * the permission, a full-number export after a confirmation (it is audited and the cover
 * warns about it). Without it the full-number item is there, disabled, and says why.
 */
import { DownloadOutlined } from '@ant-design/icons';
import { App, Dropdown, Button, Tooltip } from 'antd';
import { api } from '../../api/client';
import { useWrite } from '../../api/hooks';
import { useMe } from '../../auth/AuthGate';
import { useI18n } from '../../i18n';
import { saveBase64, XLSX_TYPE } from '../../components/download';
import { FULL_ID_EXPORT_REFUSAL } from '@domain/personal';

const TX = {
  roster: { zh: '导出名册', en: 'Export roster' },
  masked: { zh: '身份证号脱敏（默认）', en: 'ID numbers masked (default)' },
  full: { zh: '含完整身份证号…', en: 'With full ID numbers…' },
  confirmTitle: { zh: '导出完整身份证号？', en: 'Export full ID numbers?' },
  confirmBody: {
    zh: '名册将包含完整身份证号码和电话，属于个人敏感信息。本次导出会记入操作日志，封面将注明“含完整身份证号码”。',
    en: 'The roster will hold full ID and phone numbers (sensitive personal data). The export is recorded in the audit log and the cover says so.',
  },
} as const;

export function RosterExport({ inCareOn }: { inCareOn?: string }) {
  const { t } = useI18n();
  const { can } = useMe();
  const { modal } = App.useApp();
  const roster = useWrite((full: boolean) => api.resident.roster.mutate({ fullIdNumbers: full, inCareOn }), {
    onSuccess: (r) => saveBase64(r.fileName, r.base64, XLSX_TYPE),
  });
  const mayReveal = can('revealPersonal');
  const items = [
    { key: 'masked', label: <span data-testid="roster-masked">{t(TX.masked)}</span> },
    {
      key: 'full',
      disabled: !mayReveal,
      label: (
        <Tooltip title={mayReveal ? undefined : t(FULL_ID_EXPORT_REFUSAL)} placement="left">
          <span data-testid="roster-full">{t(TX.full)}</span>
        </Tooltip>
      ),
    },
  ];
  return (
    <Dropdown
      menu={{
        items,
        onClick: (e) => {
          if (e.key === 'masked') roster.mutate(false);
          else if (mayReveal) void modal.confirm({ title: t(TX.confirmTitle), content: t(TX.confirmBody), onOk: () => roster.mutate(true) });
        },
      }}
    >
      <Button icon={<DownloadOutlined />} loading={roster.isPending} data-testid="roster-export">
        {t(TX.roster)}
      </Button>
    </Dropdown>
  );
}
