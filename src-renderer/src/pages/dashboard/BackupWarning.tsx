import { useQuery } from '@tanstack/react-query';
import { Alert } from 'antd';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { useMe } from '../../auth/AuthGate';
import { dateTimeText } from '../../components/format';
import { useI18n } from '../../i18n';
import { T } from './texts';

/**
 * Administrators are told when the daily automatic backup failed, or when the newest backup is
 * over two days old (backup.status); nobody else can act on the backups folder.
 */
export function BackupWarning() {
  const { t, lang } = useI18n();
  const admin = useMe().can('admin');
  const status = useQuery({ queryKey: ['backup.status'], queryFn: () => api.backup.status.query(), enabled: admin });
  if (!admin || !status.data) return null;
  const { lastError, stale, newestBackupAt } = status.data;
  if (!lastError && !stale) return null;
  const message = lastError
    ? lastError.problem
      ? t(T.backupFailedStorage, { msg: lang === 'zh' ? lastError.problem.zh : lastError.problem.en })
      : t(T.backupFailed, { msg: lastError.message })
    : newestBackupAt
      ? t(T.backupStale, { at: dateTimeText(newestBackupAt, lang) })
      : t(T.backupNone);
  return (
    <Alert
      type={lastError ? 'error' : 'warning'}
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="dashboard-backup-warning"
      message={message}
      action={<Link to="/settings">{t(T.backupGo)}</Link>}
    />
  );
}
