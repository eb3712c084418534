/**
 * One audit entry's before/after in words: the fields that changed, named as users read them
 * (contract/field-labels.ts), then the stored record itself, folded, for whoever must check it.
 */
import { Collapse, Table } from 'antd';
import { knownFieldLabel } from '@contract/field-labels';
import { useI18n } from '../../i18n';
import { A } from './texts';

type Json = Record<string, unknown>;

function parse(text: string | null): Json | null {
  if (text === null) return null;
  try {
    const v: unknown = JSON.parse(text);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : { value: v };
  } catch {
    return { value: text };
  }
}

function shown(v: unknown, yes: string, no: string): string {
  if (v === undefined || v === null || v === '') return '—';
  if (typeof v === 'boolean') return v ? yes : no;
  if (Array.isArray(v)) return v.map((x) => shown(x, yes, no)).join('、');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

export function AuditChanges({ before, after }: { before: string | null; after: string | null }) {
  const { t } = useI18n();
  const b = parse(before);
  const a = parse(after);
  const keys = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])];
  const rows = keys
    .filter((k) => JSON.stringify(b?.[k]) !== JSON.stringify(a?.[k]))
    .flatMap((k) => {
      const label = knownFieldLabel(k);
      return label ? [{ key: k, label: t(label), before: shown(b?.[k], t(A.yes), t(A.no)), after: shown(a?.[k], t(A.yes), t(A.no)) }] : [];
    });
  return (
    <div data-testid="audit-changes">
      {rows.length > 0 && (
        <Table
          size="small"
          pagination={false}
          rowKey="key"
          dataSource={rows}
          style={{ maxWidth: 900, marginBottom: 8 }}
          columns={[
            { key: 'label', title: t(A.changeField), dataIndex: 'label', width: 200 },
            { key: 'before', title: t(A.changeBefore), dataIndex: 'before' },
            { key: 'after', title: t(A.changeAfter), dataIndex: 'after', render: (v: string) => <strong>{v}</strong> },
          ]}
        />
      )}
      <Collapse
        size="small"
        ghost
        items={[
          {
            key: 'raw',
            label: t(A.details),
            children: <pre style={{ whiteSpace: 'pre-wrap', fontSize: 12, margin: 0 }}>{`${before ?? '—'}\n→ ${after ?? '—'}`}</pre>,
          },
        ]}
      />
    </div>
  );
}
