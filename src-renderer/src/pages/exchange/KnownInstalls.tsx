/**
 * 已知安装: every install known here and how far its changes are processed. Install ids are
 * UUIDv7 (time first), so the short form is their last 8 characters.
 */
import { Card, Empty, Table, Tag } from 'antd';
import { useI18n } from '../../i18n';
import { levelLabel, type Status } from './ThisInstall';
import { T } from './texts';

export function KnownInstalls({ status }: { status: Status | undefined }) {
  const { t } = useI18n();
  const rows = status?.origins ?? [];
  const fmt = (n: number) => n.toLocaleString('en-US');
  return (
    <Card title={t(T.knownTitle)} size="small" data-testid="exchange-known">
      <Table
        size="small"
        rowKey="uid"
        pagination={false}
        loading={!status}
        dataSource={rows}
        locale={{ emptyText: <Empty description={t(T.noKnown)} /> }}
        footer={rows.length === 1 ? () => t(T.noKnown) : undefined}
        columns={[
          { title: t(T.level), dataIndex: 'level', render: (l: string) => levelLabel(t, l) },
          { title: t(T.holds), dataIndex: 'holds' },
          {
            title: t(T.uid),
            dataIndex: 'uid',
            render: (uid: string, o) => (
              <span style={{ fontFamily: 'monospace' }} title={uid}>
                …{uid.slice(-8)}
                {uid === status?.install.uid && <Tag style={{ marginInlineStart: 8 }}>{t(T.self)}</Tag>}
                {o.revokedAt && <Tag color="red" style={{ marginInlineStart: 8 }}>{t(T.revokedTag)}</Tag>}
              </span>
            ),
          },
          { title: t(T.colThrough), dataIndex: 'through', align: 'right', render: fmt },
          { title: t(T.colPending), dataIndex: 'pending', align: 'right', render: fmt },
          { title: t(T.colRefused), dataIndex: 'refused', align: 'right', render: fmt },
        ]}
      />
    </Card>
  );
}
