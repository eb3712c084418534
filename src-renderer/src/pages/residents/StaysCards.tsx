/** A resident's stays: the open one with its actions, and the history with leaves. */
import { Button, Card, Descriptions, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../../i18n';
import { DISCHARGE_REASON } from '@domain/enums';
import { StayActions, useLeaves, type StayRow } from './StayActions';
import { CorrectStayModal, lastMoveOf, UndoMoveModal } from './Corrections';
import { R, RC } from './texts';

function LeavesTable({ stayId }: { stayId: number }) {
  const { t } = useI18n();
  const leaves = useLeaves(stayId);
  return (
    <Table
      size="small"
      rowKey="id"
      loading={leaves.isLoading}
      dataSource={leaves.data ?? []}
      pagination={false}
      locale={{ emptyText: t(R.noLeaves) }}
      columns={[
        { dataIndex: 'startOn', title: t(R.leaveStart), width: 130 },
        { dataIndex: 'endOn', title: t(R.leaveEnd), width: 130, render: (v: string | null) => v ?? <Tag color="gold">{t(R.stillAway)}</Tag> },
        { dataIndex: 'reason', title: t(R.leaveReason), render: (v: string) => v || '—' },
      ]}
    />
  );
}

export function OpenStayCard({ stay, residentId, readOnly }: { stay: StayRow; residentId: number; readOnly: boolean }) {
  const { t } = useI18n();
  const leaves = useLeaves(stay.id);
  const openLeave = (leaves.data ?? []).find((l) => l.endOn === null) ?? null;
  return (
    <Card
      size="small"
      title={
        <Space>
          {t(R.currentStay)}
          {openLeave ? <Tag color="gold">{t(R.onLeaveSince, { date: openLeave.startOn })}</Tag> : <Tag color="blue">{stay.bedId ? t(R.inCare) : t(R.dayCare)}</Tag>}
        </Space>
      }
      extra={readOnly ? null : <StayActions stay={stay} openLeave={openLeave} />}
      style={{ marginBottom: 12 }}
      data-testid={`open-stay-${residentId}`}
    >
      <Descriptions size="small" column={{ xs: 1, md: 3 }}>
        <Descriptions.Item label={t(R.facility)}>
          <Link to={`/facilities/${stay.facilityId}`}>{stay.facilityName}</Link>
        </Descriptions.Item>
        <Descriptions.Item label={t(R.bed)}>
          <span data-testid="open-stay-bed">{stay.bedLabel ?? '—'}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t(R.admittedOn)}>{stay.admittedOn}</Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

/** Every stay of the resident; a stay with leaves expands to them. Each can be corrected, and the latest move undone. */
export function StaysCard({ stays, residentId, readOnly = true }: { stays: StayRow[]; residentId?: number; readOnly?: boolean }) {
  const { t } = useI18n();
  const [correcting, setCorrecting] = useState<StayRow | null>(null);
  const [undoing, setUndoing] = useState(false);
  const canUndo = !readOnly && residentId !== undefined && lastMoveOf(stays) !== undefined;
  /** "转床" when the next stay is in the same facility, "转院" otherwise. */
  const reasonText = (s: StayRow): string => {
    if (!s.dischargeReason) return '—';
    if (s.dischargeReason === 'transfer') {
      const next = stays.find((x) => x.transferredFromStayId === s.id);
      if (next) return next.facilityId === s.facilityId ? t(R.bedTransfer) : `${t(DISCHARGE_REASON.transfer)} → ${next.facilityName}`;
    }
    return t(DISCHARGE_REASON[s.dischargeReason]);
  };

  return (
    <Card
      size="small"
      title={t(R.stays)}
      style={{ marginBottom: 12 }}
      extra={
        canUndo ? (
          <Button size="small" onClick={() => setUndoing(true)} data-testid="stay-undo-move">
            {t(RC.undoMove)}
          </Button>
        ) : null
      }
    >
      <Table<StayRow>
        size="small"
        rowKey="id"
        dataSource={stays}
        pagination={false}
        data-testid="resident-stays"
        locale={{ emptyText: t(R.noStays) }}
        expandable={{ rowExpandable: (s) => s.leaveCount > 0, expandedRowRender: (s) => <LeavesTable stayId={s.id} /> }}
        columns={[
          { dataIndex: 'facilityName', title: t(R.facility), render: (v: string, s) => <Link to={`/facilities/${s.facilityId}`}>{v}</Link> },
          { dataIndex: 'bedLabel', title: t(R.bed), render: (v: string | null) => v ?? '—' },
          { dataIndex: 'admittedOn', title: t(R.admittedOn), width: 120 },
          { dataIndex: 'dischargedOn', title: t(R.dischargedOn), width: 120, render: (v: string | null) => v ?? <Tag color="blue">{t(R.open)}</Tag> },
          { key: 'reason', title: t(R.reason), render: (_, s) => reasonText(s) },
          { dataIndex: 'leaveCount', title: t(R.leaves), width: 80, render: (n: number) => (n > 0 ? t(R.leaveCount, { n }) : '—') },
          ...(readOnly
            ? []
            : [
                {
                  key: 'correct',
                  title: '',
                  width: 80,
                  render: (_: unknown, s: StayRow) => (
                    <Button size="small" type="link" onClick={() => setCorrecting(s)} data-testid={`stay-correct-${s.id}`}>
                      {t(RC.correct)}
                    </Button>
                  ),
                },
              ]),
        ]}
      />
      {correcting && <CorrectStayModal stay={correcting} onClose={() => setCorrecting(null)} />}
      {undoing && residentId !== undefined && <UndoMoveModal residentId={residentId} stays={stays} onClose={() => setUndoing(false)} />}
    </Card>
  );
}
