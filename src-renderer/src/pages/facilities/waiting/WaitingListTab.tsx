/**
 * The facility's waiting list (轮候): the waiting applications in the list's order (the server's
 * order, domain/waiting-list.ts), with 办理入住 (to the admission flow with the application) and
 * 撤回; the closed ones on request, where a withdrawal made in error is reopened.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../../api/client';
import { useMe } from '../../../auth/AuthGate';
import { levelColor, levelText } from '../../../components/format';
import { useI18n } from '../../../i18n';
import { WAITING_CATEGORY, WAITING_STATUS } from '@domain/waiting-list';
import { AddApplicationDrawer } from './AddApplicationDrawer';
import { CloseApplicationModal } from './CloseApplicationModal';
import type { WaitingRow } from './waiting-row';
import { W } from './texts';

export function WaitingListTab({ facilityId }: { facilityId: number }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const mayWrite = useMe().can('write');
  const [showClosed, setShowClosed] = useState(false);
  const [adding, setAdding] = useState(false);
  const [closing, setClosing] = useState<{ row: WaitingRow; action: 'withdraw' | 'reopen' } | null>(null);
  const list = useQuery({
    queryKey: ['waiting.list', facilityId, showClosed],
    queryFn: () => api.waiting.list.query({ facilityId, status: showClosed ? 'all' : 'waiting' }),
  });
  const rows = list.data ?? [];

  return (
    <div data-testid="waiting-list">
      <Alert type="info" showIcon title={t(W.intro)} style={{ marginBottom: 12 }} />
      <Space style={{ marginBottom: 8 }}>
        {mayWrite && (
          <Button type="primary" onClick={() => setAdding(true)} data-testid="waiting-add">
            {t(W.add)}
          </Button>
        )}
        <Checkbox checked={showClosed} onChange={(e) => setShowClosed(e.target.checked)} data-testid="waiting-show-closed">
          {t(W.showClosed)}
        </Checkbox>
      </Space>
      <Table<WaitingRow>
        size="small"
        rowKey="id"
        loading={list.isLoading}
        dataSource={rows}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: <span data-testid="waiting-empty">{t(W.empty)}</span> }}
        columns={[
          { title: t(W.rank), dataIndex: 'rank', width: 64, render: (v: number | null) => (v === null ? '—' : <strong data-testid="waiting-rank">{v}</strong>) },
          { title: t(W.name), dataIndex: 'name', render: (v: string, r) => <a onClick={() => navigate(`/residents/${r.residentId}`)} data-testid="waiting-name">{v}</a> },
          { title: t(W.category), dataIndex: 'category', render: (v: WaitingRow['category']) => <Tag color={v === 'other' ? undefined : 'blue'}>{t(WAITING_CATEGORY[v])}</Tag> },
          {
            title: t(W.level),
            dataIndex: 'assessmentLevel',
            render: (v: number | null) => (v === null ? <Tag>{t(W.notAssessed)}</Tag> : <Tag color={levelColor(v)}>{levelText(t, v)}</Tag>),
          },
          { title: t(W.appliedOn), dataIndex: 'appliedOn' },
          { title: t(W.waitingDays), dataIndex: 'waitingDays', align: 'right', render: (v: number) => t(W.days, { n: v }) },
          ...(showClosed
            ? [{ title: t(W.status), key: 'status', render: (_: unknown, r: WaitingRow) => (r.status === 'waiting' ? t(WAITING_STATUS.waiting) : t(W.closedOn, { status: t(WAITING_STATUS[r.status]), date: r.closedOn ?? '' })) }]
            : []),
          { title: t(W.note), key: 'note', render: (_: unknown, r) => r.withdrawReason || r.note },
          {
            title: '',
            key: 'actions',
            render: (_: unknown, r) =>
              mayWrite && (
                <Space>
                  {r.status === 'waiting' && (
                    <>
                      <Button size="small" type="link" onClick={() => navigate(`/admission?facilityId=${facilityId}&waitingApplicationId=${r.id}`)} data-testid="waiting-admit">
                        {t(W.admit)}
                      </Button>
                      <Button size="small" type="link" danger onClick={() => setClosing({ row: r, action: 'withdraw' })} data-testid="waiting-withdraw">
                        {t(W.withdraw)}
                      </Button>
                    </>
                  )}
                  {r.status === 'withdrawn' && (
                    <Button size="small" type="link" onClick={() => setClosing({ row: r, action: 'reopen' })} data-testid="waiting-reopen">
                      {t(W.reopen)}
                    </Button>
                  )}
                </Space>
              ),
          },
        ]}
      />
      <AddApplicationDrawer open={adding} facilityId={facilityId} onClose={() => setAdding(false)} />
      <CloseApplicationModal facilityId={facilityId} target={closing} onClose={() => setClosing(null)} />
    </div>
  );
}
