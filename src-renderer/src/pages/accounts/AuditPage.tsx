/**
 * 操作日志 (administrators): the audit trail, filtered by account, entity, action and dates,
 * and in a second tab the refused accesses counted per account and hour (RefusalsTable).
 * View only: the api has no procedure that changes either, and SQLite refuses audit edits.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Select, Space, Table, Tabs, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { api } from '../../api/client';
import { useMe } from '../../auth/AuthGate';
import { DateField } from '../../components/DateField';
import { useI18n } from '../../i18n';
import { AuditChanges } from './AuditChanges';
import { RefusalsTable } from './RefusalsTable';
import { R } from './refusal-texts';
import { A } from './texts';
import { dateTimeText, paren } from '../../components/format';
import type { AuditEntryRow } from '../../api/outputs';
import { AUDIT_ACTION_GROUPS, AUDIT_ACTION_LABELS, AUDIT_ACTIONS, AUDIT_ACTOR_LABELS, auditActionLabel } from '@contract/audit-labels';
import type { Labelled } from '@domain/enums';
import { PageHeader } from '../../components/PageHeader';

type Row = AuditEntryRow;

const PAGE_SIZE = 50;

/** The entities a filter may pick, in words (what `audit(…, entity, …)` records). */
const ENTITIES: Record<string, Labelled> = {
  facility: AUDIT_ACTION_GROUPS.facility,
  bed: AUDIT_ACTION_GROUPS.bed,
  resident: AUDIT_ACTION_GROUPS.resident,
  stay: AUDIT_ACTION_GROUPS.stay,
  assessment: AUDIT_ACTION_GROUPS.assessment,
  operator: AUDIT_ACTION_GROUPS.operator,
  contract: AUDIT_ACTION_GROUPS.contract,
  region: AUDIT_ACTION_GROUPS.region,
  population: AUDIT_ACTION_GROUPS.population,
  target: AUDIT_ACTION_GROUPS.target,
  month: AUDIT_ACTION_GROUPS.month,
  import: AUDIT_ACTION_GROUPS.import,
  dataQuality: AUDIT_ACTION_GROUPS.dataQuality,
  user: AUDIT_ACTION_GROUPS.user,
  settings: AUDIT_ACTION_GROUPS.settings,
  database: AUDIT_ACTION_GROUPS.backup,
};

/** The usernames that are not people, as the actor filter offers them. */
const PSEUDO_FILTER: Array<{ value: string; label: Labelled }> = [
  { value: 'browser', label: { zh: `${AUDIT_ACTOR_LABELS.local.zh}（浏览器）`, en: `${AUDIT_ACTOR_LABELS.local.en} (browser)` } },
  { value: 'desktop', label: { zh: `${AUDIT_ACTOR_LABELS.local.zh}（桌面）`, en: `${AUDIT_ACTOR_LABELS.local.en} (desktop)` } },
  { value: 'cli', label: AUDIT_ACTOR_LABELS.cli },
  { value: 'seed-demo', label: AUDIT_ACTOR_LABELS.demo },
  { value: 'generate', label: AUDIT_ACTOR_LABELS.generate },
];

/** `2026-12-01 09:15 王科员 为 张三 办理离院`: the entry as one sentence. */
export function auditSentence(t: (l: Labelled, vars?: Record<string, string | number>) => string, r: Row): string {
  const who = r.actorKind === 'user' ? (r.actorName ?? r.username) : t(AUDIT_ACTOR_LABELS[r.actorKind]);
  const what = t(auditActionLabel(r.action), { obj: r.objectName ?? '' }).replace(/\s+/g, ' ').trim();
  return `${dateTimeText(r.at)} ${who} ${what}`;
}

interface Filter {
  username?: string;
  entity?: string;
  entityId?: string;
  action?: string;
  from?: string;
  to?: string;
}

export function AuditPage() {
  const { t } = useI18n();
  const { can } = useMe();
  const [draft, setDraft] = useState<Filter>({});
  const [filter, setFilter] = useState<Filter>({});
  const users = useQuery({ queryKey: ['user.list'], queryFn: () => api.user.list.query(), enabled: can('admin') });
  // One page of 50 at a time from the server (newest first), with the filter's count for the pager.
  const [page, setPage] = useState(1);
  const rows = useQuery({
    queryKey: ['audit.list', filter, page],
    queryFn: () => api.audit.list.query({ ...filter, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    enabled: can('admin'),
    placeholderData: keepPreviousData,
  });
  const count = useQuery({ queryKey: ['audit.count', filter], queryFn: () => api.audit.count.query(filter), enabled: can('admin') });
  if (!can('admin')) return <Alert type="warning" showIcon message={t(A.noPermission)} />;
  const columns: ColumnsType<Row> = [
    { title: t(A.entry), key: 'sentence', render: (_, r) => <span data-testid="audit-sentence">{auditSentence(t, r)}</span> },
    { title: t(A.facilityColumn), dataIndex: 'facilityName', width: 220, render: (v: string | null) => v ?? '' },
  ];
  const actionOptions = Object.entries(AUDIT_ACTION_GROUPS)
    .map(([group, label]) => ({
      label: t(label),
      options: AUDIT_ACTIONS.filter((a) => a.split('.')[0] === group).map((a) => ({ value: a, label: t(AUDIT_ACTION_LABELS[a], { obj: '…' }) })),
    }))
    .filter((g) => g.options.length > 0);
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
            options={[
              ...(users.data ?? []).filter((u) => !u.local).map((u) => ({ value: u.username, label: paren(t, u.displayName, u.username) })),
              ...PSEUDO_FILTER.map((p) => ({ value: p.value, label: t(p.label) })),
            ]}
          />
          <Select allowClear placeholder={t(A.entity)} style={{ width: 140 }} value={draft.entity} onChange={set('entity')} data-testid="audit-entity" options={Object.entries(ENTITIES).map(([e, l]) => ({ value: e, label: t(l) }))} />
          <Select allowClear showSearch optionFilterProp="label" placeholder={t(A.action)} style={{ width: 240 }} value={draft.action} onChange={set('action')} data-testid="audit-action" options={actionOptions} />
          <span style={{ width: 150, display: 'inline-block' }}>
            <DateField allowClear value={draft.from ?? null} onChange={set('from')} testId="audit-from" />
          </span>
          –
          <span style={{ width: 150, display: 'inline-block' }}>
            <DateField allowClear value={draft.to ?? null} onChange={set('to')} testId="audit-to" />
          </span>
          <Button
            type="primary"
            onClick={() => {
              setFilter(draft);
              setPage(1);
            }}
            data-testid="audit-search"
          >
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
        pagination={{
          pageSize: PAGE_SIZE,
          current: page,
          total: count.data ?? 0,
          onChange: setPage,
          showSizeChanger: false,
          showTotal: (n) => t(A.totalEntries, { n: n.toLocaleString('zh-CN') }),
        }}
        expandable={{
          rowExpandable: (r) => r.before !== null || r.after !== null,
          expandedRowRender: (r) => <AuditChanges before={r.before} after={r.after} />,
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
