/**
 * The bed board of one facility: rooms and beds as tiles coloured by state, nursing-type
 * marked; add N beds at once; select free beds and retire them (after confirmation).
 */
import { App, Button, Card, Col, Empty, Form, Input, InputNumber, Modal, Radio, Row, Segmented, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import { useWrite } from '../../api/hooks';
import { DateField } from '../../components/DateField';
import { todayIso } from '../../components/options';
import { reportingDate } from '../../components/reporting-date';
import { useI18n } from '../../i18n';
import { C } from '../../i18n/common';
import type { BedState, BedTile } from '../../api/outputs';
import { B } from './bed-texts';
import { K, ReasonField, touchesPast, useCorrection } from '../../components/correction';
import { BED_USE, BED_USES, CARE_TYPE } from '@domain/enums';
import { fieldLabel } from '@contract/field-labels';

const COLORS: Record<BedState, { bg: string; border: string }> = {
  free: { bg: '#f6ffed', border: '#95de64' },
  occupied: { bg: '#e6f4ff', border: '#4096ff' },
  on_leave: { bg: '#fffbe6', border: '#ffc53d' },
  retired: { bg: '#f5f5f5', border: '#d9d9d9' },
  not_yet: { bg: '#fafafa', border: '#d9d9d9' },
};

function groupByRoom(beds: BedTile[]): Array<{ key: string; building: string; room: string; beds: BedTile[] }> {
  const map = new Map<string, { key: string; building: string; room: string; beds: BedTile[] }>();
  for (const b of beds) {
    const key = `${b.building}\u0000${b.room}`;
    if (!map.has(key)) map.set(key, { key, building: b.building, room: b.room, beds: [] });
    map.get(key)!.beds.push(b);
  }
  return [...map.values()];
}

export function BedBoard({ facilityId, beds }: { facilityId: number; beds: BedTile[] }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [selected, setSelected] = useState<number[]>([]);
  const [addOpen, setAddOpen] = useState(false);
  const [retireOpen, setRetireOpen] = useState(false);
  const [retireOn, setRetireOn] = useState(todayIso());
  const [form] = Form.useForm();
  const rooms = useMemo(() => groupByRoom(beds), [beds]);
  const [view, setView] = useState<'board' | 'list'>('board');
  const [correcting, setCorrecting] = useState<BedTile | null>(null);
  const [correctForm] = Form.useForm();
  const watched = {
    careType: Form.useWatch('careType', correctForm) as string | undefined,
    inServiceFrom: Form.useWatch('inServiceFrom', correctForm) as string | undefined,
    retiredOn: Form.useWatch('retiredOn', correctForm) as string | null | undefined,
  };
  const correct = useCorrection(api.bed.correct.mutate, { form: correctForm, success: K.corrected, onSuccess: () => setCorrecting(null) });
  const bedDates = (() => {
    if (!correcting) return [];
    const dates: Array<string | null | undefined> = [];
    if (watched.inServiceFrom !== correcting.inServiceFrom) dates.push(correcting.inServiceFrom, watched.inServiceFrom);
    if ((watched.retiredOn ?? null) !== correcting.retiredOn) dates.push(correcting.retiredOn, watched.retiredOn);
    if (watched.careType !== correcting.careType) dates.push(correcting.inServiceFrom, watched.inServiceFrom);
    return dates;
  })();
  const openCorrection = (b: BedTile) => {
    correctForm.resetFields();
    correctForm.setFieldsValue({ building: b.building, room: b.room, label: b.label, careType: b.careType, use: b.use, inServiceFrom: b.inServiceFrom, retiredOn: b.retiredOn, reason: '' });
    setCorrecting(b);
  };
  const counts = useMemo(() => {
    const inService = beds.filter((b) => b.state !== 'retired' && b.state !== 'not_yet');
    return {
      beds: inService.length,
      nursing: inService.filter((b) => b.careType === 'nursing').length,
      occupied: beds.filter((b) => b.state === 'occupied').length,
      leave: beds.filter((b) => b.state === 'on_leave').length,
      free: beds.filter((b) => b.state === 'free').length,
    };
  }, [beds]);

  const add = useCorrection(api.bed.add.mutate, {
    form,
    onSuccess: (rows) => {
      void message.success(t(B.added, { n: rows.length }));
      setAddOpen(false);
    },
  });
  const retire = useWrite(api.bed.retire.mutate, {
    onSuccess: (rows) => {
      setSelected([]);
      setRetireOpen(false);
      void message.success(t(B.retiredDone, { n: rows.length }));
    },
  });

  const toggle = (b: BedTile) => {
    if (b.state === 'occupied' || b.state === 'on_leave') {
      if (b.residentId) navigate(`/residents/${b.residentId}`);
      return;
    }
    if (b.state !== 'free') return;
    setSelected((s) => (s.includes(b.id) ? s.filter((x) => x !== b.id) : [...s, b.id]));
  };

  return (
    <div data-testid="bed-board">
      <Space style={{ display: 'flex', marginBottom: 12 }} wrap>
        <Button type="primary" onClick={() => { form.resetFields(); form.setFieldsValue({ count: 10, nursingCount: 0, labelPattern: '{nn}', inServiceFrom: reportingDate() }); setAddOpen(true); }} data-testid="beds-add">
          {t(B.addBeds)}
        </Button>
        <Button danger disabled={selected.length === 0} onClick={() => setRetireOpen(true)} data-testid="beds-retire">
          {t(B.retire)}
          {selected.length > 0 ? `（${selected.length}）` : ''}
        </Button>
        <Segmented
          value={view}
          onChange={(v) => setView(v as 'board' | 'list')}
          options={[
            { value: 'board', label: t(B.viewBoard) },
            { value: 'list', label: <span data-testid="beds-view-list">{t(B.viewList)}</span> },
          ]}
        />
        <Typography.Text type="secondary" data-testid="beds-summary">
          {t(B.summary, counts)}
        </Typography.Text>
      </Space>
      <Space style={{ display: view === 'board' ? 'flex' : 'none', marginBottom: 12 }} wrap>
        {(['free', 'occupied', 'on_leave', 'retired'] as const).map((s) => (
          <Tag key={s} style={{ background: COLORS[s].bg, borderColor: COLORS[s].border, color: '#333' }}>
            {t(B[s])}
          </Tag>
        ))}
        <Typography.Text type="secondary">{t(B.selectHint)}</Typography.Text>
      </Space>
      {beds.length === 0 ? (
        <Empty description={t(B.empty)} />
      ) : view === 'list' ? (
        <Table
          size="small"
          rowKey="id"
          dataSource={beds}
          data-testid="bed-list"
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          columns={[
            { dataIndex: 'building', title: t(B.building), render: (v: string) => v || '—' },
            { dataIndex: 'room', title: t(B.room), render: (v: string) => v || '—' },
            { dataIndex: 'label', title: t(B.label) },
            { dataIndex: 'careType', title: t(B.careType), render: (v: BedTile['careType']) => t(CARE_TYPE[v]) },
            { dataIndex: 'inServiceFrom', title: t(B.inServiceFrom) },
            { dataIndex: 'retiredOn', title: t(B.retiredOn), render: (v: string | null) => v ?? '—' },
            { dataIndex: 'state', title: t(B.state), render: (v: BedState, r) => `${t(B[v])}${r.residentName ? ` · ${r.residentName}` : ''}` },
            {
              key: 'actions',
              title: t(C.actions),
              render: (_, r) => (
                <Button size="small" onClick={() => openCorrection(r)} data-testid={`bed-correct-${r.label}`}>
                  {t(K.correct)}
                </Button>
              ),
            },
          ]}
        />
      ) : (
        <Row gutter={[12, 12]}>
          {rooms.map((room) => (
            <Col key={room.key} xs={24} md={12} xl={8}>
              <Card size="small" title={[room.building || t(B.noBuilding), room.room].filter(Boolean).join(' · ')}>
                <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6 }}>
                  {room.beds.map((b) => {
                    const isSel = selected.includes(b.id);
                    return (
                      <Tooltip key={b.id} title={`${t(B[b.state])}${b.residentName ? ` · ${b.residentName}（${b.admittedOn}）` : ''}${b.careType === 'nursing' ? ` · ${t(B.nursingTitle)}` : ''}`}>
                        <button
                          type="button"
                          onClick={() => toggle(b)}
                          data-testid={`bed-tile-${b.label}`}
                          data-state={b.state}
                          data-nursing={b.careType === 'nursing'}
                          style={{
                            width: 78, minHeight: 52, padding: 4, cursor: b.state === 'retired' || b.state === 'not_yet' ? 'default' : 'pointer',
                            background: COLORS[b.state].bg, border: `${isSel ? 3 : 1}px solid ${isSel ? '#cf1322' : COLORS[b.state].border}`, borderRadius: 4,
                            textAlign: 'left', fontSize: 12, lineHeight: 1.3, textDecoration: b.state === 'retired' ? 'line-through' : 'none',
                          }}
                        >
                          <div style={{ fontWeight: 600 }}>
                            {b.label} {b.careType === 'nursing' && <span style={{ color: '#cf1322' }}>{t(B.nursing)}</span>} {b.use === 'day_care' && <span style={{ color: '#0958d9' }} data-testid={`bed-day-care-${b.label}`}>{t(BED_USE.day_care)}</span>}
                          </div>
                          <div style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{b.residentName ?? t(B[b.state])}</div>
                        </button>
                      </Tooltip>
                    );
                  })}
                </div>
              </Card>
            </Col>
          ))}
        </Row>
      )}

      <Modal
        open={addOpen}
        title={t(B.addBeds)}
        onCancel={() => setAddOpen(false)}
        okText={t(C.save)}
        cancelText={t(C.cancel)}
        confirmLoading={add.isPending}
        okButtonProps={{ 'data-testid': 'beds-add-ok' } as never}
        onOk={async () => {
          const v = await form.validateFields().catch(() => null);
          if (!v) return;
          add.mutate({ facilityId, count: v.count, nursingCount: v.nursingCount ?? 0, use: v.use ?? 'full_time', building: v.building ?? '', room: v.room ?? '', labelPattern: v.labelPattern || undefined, startNumber: v.startNumber ?? undefined, inServiceFrom: v.inServiceFrom });
        }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item name="count" label={t(B.count)} rules={[{ required: true }]}>
                <InputNumber min={1} max={2000} precision={0} style={{ width: '100%' }} data-testid="beds-count" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="nursingCount" label={t(B.nursingCount)}>
                <InputNumber min={0} precision={0} style={{ width: '100%' }} data-testid="beds-nursing" />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item name="use" label={t(fieldLabel(['use']))} initialValue="full_time">
                <Radio.Group data-testid="beds-use" options={BED_USES.map((u) => ({ value: u, label: <span data-testid={`beds-use-${u}`}>{t(BED_USE[u])}</span> }))} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="building" label={t(B.building)}>
                <Input maxLength={50} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="room" label={t(B.room)}>
                <Input maxLength={50} data-testid="beds-room" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="labelPattern" label={t(B.labelPattern)} extra={t(B.labelPatternHelp)}>
                <Input maxLength={50} data-testid="beds-pattern" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="startNumber" label={t(B.startNumber)}>
                <InputNumber min={0} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="inServiceFrom" label={t(B.inServiceFrom)} rules={[{ required: true }]} extra={t(B.inServiceHint)}>
                <DateField testId="beds-from" />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Modal>

      <Modal
        open={correcting !== null}
        title={correcting ? t(B.correctBed, { label: correcting.label }) : ''}
        onCancel={() => setCorrecting(null)}
        okText={t(C.save)}
        cancelText={t(C.cancel)}
        confirmLoading={correct.isPending}
        okButtonProps={{ 'data-testid': 'bed-correct-ok' } as never}
        onOk={async () => {
          const v = await correctForm.validateFields().catch(() => null);
          if (!v || !correcting) return;
          correct.mutate({
            id: correcting.id,
            building: v.building ?? '',
            room: v.room ?? '',
            label: v.label,
            careType: v.careType,
            use: v.use,
            inServiceFrom: v.inServiceFrom,
            retiredOn: v.retiredOn ?? null,
            reason: v.reason || undefined,
          });
        }}
        destroyOnHidden
      >
        <Form form={correctForm} layout="vertical">
          <Row gutter={12}>
            <Col span={8}>
              <Form.Item name="building" label={t(B.building)}>
                <Input maxLength={50} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="room" label={t(B.room)}>
                <Input maxLength={50} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="label" label={t(B.label)} rules={[{ required: true, whitespace: true }]}>
                <Input maxLength={50} data-testid="bed-correct-label" />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item name="careType" label={t(B.careType)} rules={[{ required: true }]}>
                <Radio.Group
                  data-testid="bed-correct-care-type"
                  options={(['nursing', 'general'] as const).map((c) => ({ value: c, label: <span data-testid={`bed-care-${c}`}>{t(CARE_TYPE[c])}</span> }))}
                />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item name="use" label={t(fieldLabel(['use']))} rules={[{ required: true }]}>
                <Radio.Group data-testid="bed-correct-use" options={BED_USES.map((u) => ({ value: u, label: t(BED_USE[u]) }))} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="inServiceFrom" label={t(B.inServiceFrom)} rules={[{ required: true }]} extra={t(B.inServiceHint)}>
                <DateField testId="bed-correct-from" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="retiredOn" label={t(B.retiredOn)} extra={t(B.retiredOnHint)}>
                <DateField testId="bed-correct-retired" allowClear />
              </Form.Item>
            </Col>
          </Row>
          <ReasonField needed={touchesPast(bedDates)} />
        </Form>
      </Modal>

      <Modal
        open={retireOpen}
        title={t(B.retire)}
        onCancel={() => setRetireOpen(false)}
        okText={t(C.confirm)}
        cancelText={t(C.cancel)}
        okButtonProps={{ danger: true, 'data-testid': 'beds-retire-ok' } as never}
        confirmLoading={retire.isPending}
        onOk={() => retire.mutate({ bedIds: selected, retiredOn: retireOn })}
      >
        <p>{t(B.retireConfirm, { n: selected.length })}</p>
        <Form.Item label={t(B.retiredOn)}>
          <DateField value={retireOn} onChange={(v) => v && setRetireOn(v)} testId="beds-retire-date" />
        </Form.Item>
      </Modal>
    </div>
  );
}
