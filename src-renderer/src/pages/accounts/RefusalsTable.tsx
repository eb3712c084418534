/**
 * 操作日志 → 拒绝的访问 (administrators): refused api calls counted per account, procedure,
 * hour and reason (access_refusals). Hours are stored in UTC and shown in local time.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api, apiError } from '../../api/client';
import { useI18n } from '../../i18n';
import { ANONYMOUS_USERNAME } from '@contract/refusal-labels';
import type { RefusalRow } from '../../api/outputs';
import { R } from './refusal-texts';

const REASONS = ['FORBIDDEN', 'LOGIN_REQUIRED', 'SESSION_EXPIRED'] as const;

function localHour(hour: string): string {
  return dayjs(`${hour.replace(' ', 'T')}:00:00Z`).format('YYYY-MM-DD HH:00');
}

export function RefusalsTable({ usernames }: { usernames: string[] }) {
  const { t, lang } = useI18n();
  const [username, setUsername] = useState<string | undefined>();
  const rows = useQuery({ queryKey: ['audit.refusals', username], queryFn: () => api.audit.refusals.query({ username, limit: 1000 }) });
  const who = (u: string) => (u === ANONYMOUS_USERNAME ? t(R.anonymous) : u);
  const columns: ColumnsType<RefusalRow> = [
    { title: t(R.hour), dataIndex: 'hour', width: 150, render: (v: string) => localHour(v) },
    { title: t(R.user), dataIndex: 'username', width: 130, render: (v: string) => who(v) },
    { title: t(R.procedure), dataIndex: 'procedure', width: 200 },
    { title: t(R.reason), dataIndex: 'code', width: 150, render: (v: string) => ((REASONS as readonly string[]).includes(v) ? t(R[v as (typeof REASONS)[number]]) : v) },
    { title: t(R.count), dataIndex: 'count', width: 80, align: 'right' },
    { title: t(R.lastAt), dataIndex: 'lastAt', width: 170, render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm:ss') },
    { title: t(R.message), dataIndex: 'lastMessage', ellipsis: true },
  ];
  return (
    <div>
      <Typography.Paragraph type="secondary">{t(R.intro)}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t(R.user)}
          style={{ width: 180 }}
          value={username}
          onChange={(v?: string) => setUsername(v || undefined)}
          data-testid="refusals-user"
          options={[ANONYMOUS_USERNAME, ...usernames].map((u) => ({ value: u, label: who(u) }))}
        />
        <Button onClick={() => void rows.refetch()} data-testid="refusals-refresh">
          {t(R.refresh)}
        </Button>
      </Space>
      {rows.error && <Alert type="error" showIcon style={{ marginBottom: 8 }} message={apiError(rows.error)[lang]} />}
      <Table<RefusalRow>
        rowKey="id"
        size="small"
        loading={rows.isLoading}
        dataSource={rows.data ?? []}
        columns={columns}
        locale={{ emptyText: t(R.empty) }}
        pagination={{ pageSize: 50, showSizeChanger: false }}
        data-testid="refusals-table"
      />
    </div>
  );
}
