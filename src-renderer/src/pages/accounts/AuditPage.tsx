/**
 * 操作日志 (administrators): the audit trail, filtered by account, entity, action and dates,
 * and in a second tab the refused accesses counted per account and hour (RefusalsTable).
 * View only: the api has no procedure that changes either, and SQLite refuses audit edits.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Input, Select, Space, Table, Tabs, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { api } from '../../api/client';
import { useMe } from '../../auth/AuthGate';
import { DateField } from '../../components/DateField';
import { useI18n } from '../../i18n';
import { RefusalsTable } from './RefusalsTable';
import { R } from './refusal-texts';
import { A } from './texts';
import { dateTimeText } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';

interface Row {
  id: number;
  at: string;
  username: string;
  action: string;
  entity: string;
  entityId: string | null;
  before: string | null;
  after: string | null;
}

const ENTITIES = ['facility', 'bed', 'resident', 'stay', 'assessment', 'operator', 'contract', 'population', 'target', 'settings', 'user', 'month', 'import', 'backup'];

interface Filter {
  username?: string;
  entity?: string;
  entityId?: string;
  action?: string;
  from?: string;
  to?: string;
}

export function AuditPage() {
  const { t, lang } = useI18n();
  const { can } = useMe();
  const [draft, setDraft] = useState<Filter>({});
  const [filter, setFilter] = useState<Filter>({});
  const users = useQuery({ queryKey: ['user.list'], queryFn: () => api.user.list.query(), enabled: can('admin') });
  const rows = useQuery({
    queryKey: ['audit.list', filter],
    queryFn: () => api.audit.list.query({ ...filter, limit: 1000 }) as Promise<Row[]>,
    enabled: can('admin'),
  });
  if (!can('admin')) return <Alert type="warning" showIcon message={t(A.noPermission)} />;
  const columns: ColumnsType<Row> = [
    { title: t(A.at), dataIndex: 'at', width: 180, render: (v: string) => dateTimeText(v, lang) },
    { title: t(A.user), dataIndex: 'username', width: 120 },
    { title: t(A.action), dataIndex: 'action', width: 200 },
    { title: t(A.entity), dataIndex: 'entity', width: 100 },
    { title: t(A.entityId), dataIndex: 'entityId', width: 90 },
  ];
  const set = (k: keyof Filter) => (v: string | null | undefined) => setDraft((d) => ({ ...d, [k]: v || undefined }));
  const log = (
    <>
      <Typography.Paragraph type="secondary">{t(A.auditIntro)}</Typography.Paragraph>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap>
          <Select
            allowClear
            placeholder={t(A.user)}
            style={{ width: 160 }}
            value={draft.username}
            onChange={set('username')}
            data-testid="audit-user"
            options={(users.data ?? []).map((u) => ({ value: u.username, label: `${u.username}（${u.displayName}）` }))}
          />
          <Select allowClear placeholder={t(A.entity)} style={{ width: 140 }} value={draft.entity} onChange={set('entity')} data-testid="audit-entity" options={ENTITIES.map((e) => ({ value: e, label: e }))} />
          <Input allowClear placeholder={t(A.entityId)} style={{ width: 110 }} value={draft.entityId} onChange={(e) => set('entityId')(e.target.value)} />
          <Input allowClear placeholder={t(A.action)} style={{ width: 180 }} value={draft.action} onChange={(e) => set('action')(e.target.value)} data-testid="audit-action" />
          <span style={{ width: 150, display: 'inline-block' }}>
            <DateField allowClear value={draft.from ?? null} onChange={set('from')} testId="audit-from" />
          </span>
          –
          <span style={{ width: 150, display: 'inline-block' }}>
            <DateField allowClear value={draft.to ?? null} onChange={set('to')} testId="audit-to" />
          </span>
          <Button type="primary" onClick={() => setFilter(draft)} data-testid="audit-search">
            {t(A.search)}
          </Button>
        </Space>
      </Card>
      <Table<Row>
        rowKey="id"
        size="small"
        loading={rows.isLoading}
        dataSource={rows.data ?? []}
        columns={columns}
        pagination={{ pageSize: 50, showSizeChanger: false }}
        expandable={{
          rowExpandable: (r) => r.before !== null || r.after !== null,
          expandedRowRender: (r) => (
            <div>
              <Typography.Text type="secondary">{t(A.details)}</Typography.Text>
              <pre style={{ whiteSpace: 'pre-wrap', fontSize: 12, margin: 0 }}>{`${r.before ?? '—'}\n→ ${r.after ?? '—'}`}</pre>
            </div>
          ),
        }}
        data-testid="audit-table"
      />
    </>
  );
  return (
    <div data-testid="page-audit">
      <PageHeader title={t(A.auditTitle)} />
      <Tabs
        data-testid="audit-tabs"
        items={[
          { key: 'log', label: <span data-testid="tab-audit-log">{t(R.logTab)}</span>, children: log },
          { key: 'refusals', label: <span data-testid="tab-refusals">{t(R.tab)}</span>, children: <RefusalsTable usernames={(users.data ?? []).map((u) => u.username)} /> },
        ]}
      />
    </div>
  );
}
