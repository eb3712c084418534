/**
 * One facility as of a date: its details, bed board, residents, contracts and status history.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Form, Input, Modal, Select, Spin, Table, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api, apiError } from '../../api/client';
import { useWrite } from '../../api/hooks';
import { DateField } from '../../components/DateField';
import { enumOptions, todayIso } from '../../components/options';
import { useI18n } from '../../i18n';
import { C } from '../../i18n/common';
import { FACILITY_KIND, FACILITY_STATUS, OWNERSHIP, type FacilityStatus } from '@domain/enums';
import { formatPercent, formatYuan } from '@domain/format';
import { BedBoard } from './BedBoard';
import { FacilityForm } from './FacilityForm';
import { T } from './texts';
import { PageHeader } from '../../components/PageHeader';

const D = {
  back: { zh: '返回机构列表', en: 'Back to facilities' },
  residents: { zh: '在住老人', en: 'Residents' },
  contracts: { zh: '公建民营合同', en: 'Contracts' },
  history: { zh: '状态历史', en: 'Status history' },
  setStatus: { zh: '变更状态', en: 'Change status' },
  effectiveOn: { zh: '生效日期', en: 'Effective on' },
  note: { zh: '备注', en: 'Note' },
  occupancy: { zh: '入住率', en: 'Occupancy' },
  resident: { zh: '老人', en: 'Resident' },
  bed: { zh: '床位', en: 'Bed' },
  admittedOn: { zh: '入住日期', en: 'Admitted' },
  operator: { zh: '运营方', en: 'Operator' },
  term: { zh: '合同期限', en: 'Term' },
  termRange: { zh: '{start} 至 {end}', en: '{start} to {end}' },
  fee: { zh: '年度费用（元）', en: 'Annual fee (yuan)' },
  reserved: { zh: '保障床位', en: 'Reserved beds' },
  inForce: { zh: '有效', en: 'In force' },
  notInForce: { zh: '未生效/已结束', en: 'Not in force' },
  noResidents: { zh: '该日期没有在住老人。在“入住登记”为老人办理入住。', en: 'No residents on this date. Use Admission to admit one.' },
  noContracts: { zh: '没有合同记录。在“公建民营”页登记运营合同。', en: 'No contracts. Register one on the PPP contracts page.' },
  notPpp: { zh: '该机构不是公建民营，无需运营合同。', en: 'Not a PPP home: no operating contract needed.' },
  statusChanged: { zh: '状态已变更', en: 'Status changed' },
};

export function FacilityDetailPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const [date, setDate] = useState(todayIso());
  const [editOpen, setEditOpen] = useState(false);
  const [statusOpen, setStatusOpen] = useState(false);
  const [statusForm] = Form.useForm();
  const detail = useQuery({ queryKey: ['facility.detail', id, date], queryFn: () => api.facility.detail.query({ id, date }), enabled: Number.isInteger(id) && id > 0 });
  const setStatus = useWrite(api.facility.setStatus.mutate, { form: statusForm, success: D.statusChanged, onSuccess: () => setStatusOpen(false) });

  if (detail.isLoading) return <Spin />;
  if (detail.error || !detail.data) return <Alert type="error" showIcon message={t(C.loadFailed)} description={detail.error ? apiError(detail.error).zh : ''} />;
  const { facility, status, occupancy, beds, residents, contracts, statusHistory } = detail.data;

  return (
    <div data-testid="page-facility-detail">
      <PageHeader
        back={{ to: '/facilities', label: t(D.back) }}
        titleTestId="facility-title"
        title={
          <>
            {facility.name} {status && <Tag color={status === 'operating' ? 'green' : 'default'}>{t(FACILITY_STATUS[status])}</Tag>}
          </>
        }
        asOf={{ date, onChange: setDate, testId: 'facility-date' }}
        actions={
          <>
            <Button onClick={() => setEditOpen(true)} data-testid="facility-edit">
              {t(C.edit)}
            </Button>
            <Button onClick={() => { statusForm.setFieldsValue({ status: status ?? 'operating', effectiveOn: todayIso(), note: '' }); setStatusOpen(true); }} data-testid="facility-set-status">
              {t(D.setStatus)}
            </Button>
          </>
        }
      />
      <Descriptions size="small" column={{ xs: 1, md: 3, xl: 4 }} style={{ margin: '12px 0' }} bordered>
        <Descriptions.Item label={t(T.kind)}>{t(FACILITY_KIND[facility.kind])}</Descriptions.Item>
        <Descriptions.Item label={t(T.ownership)}>{t(OWNERSHIP[facility.ownership])}</Descriptions.Item>
        <Descriptions.Item label={t(T.township)}>{facility.township || '—'}</Descriptions.Item>
        <Descriptions.Item label={t(T.grade)}>{facility.grade ? t(T.gradeLevel, { n: facility.grade }) : t(T.noGrade)}</Descriptions.Item>
        <Descriptions.Item label={t(T.beds)}>{occupancy.beds}（{t(T.nursingBeds)} {occupancy.nursingBeds}）</Descriptions.Item>
        <Descriptions.Item label={t(T.occupied)}>{occupancy.occupiedBeds}</Descriptions.Item>
        <Descriptions.Item label={t(D.occupancy)}>{formatPercent(occupancy.occupancyRate)}</Descriptions.Item>
        <Descriptions.Item label={t(T.medicalCare)}>{facility.medicalCare ? t(C.yes) : t(C.no)}</Descriptions.Item>
        <Descriptions.Item label={t(T.staff)}>{facility.staffCount}</Descriptions.Item>
        <Descriptions.Item label={t(T.careWorkers)}>{facility.careWorkerCount}</Descriptions.Item>
        <Descriptions.Item label={t(T.phone)}>{facility.phone || '—'}</Descriptions.Item>
        <Descriptions.Item label={t(T.address)}>{facility.address || '—'}</Descriptions.Item>
      </Descriptions>
      <Tabs
        items={[
          { key: 'beds', label: `${t(T.beds)}（${occupancy.beds}）`, children: <BedBoard facilityId={facility.id} beds={beds} /> },
          {
            key: 'residents',
            label: `${t(D.residents)}（${residents.length}）`,
            children: (
              <Table
                size="small"
                rowKey="id"
                dataSource={residents as Array<{ id: number; residentId: number; residentName: string; bedLabel: string | null; admittedOn: string }>}
                locale={{ emptyText: t(D.noResidents) }}
                pagination={{ pageSize: 20, hideOnSinglePage: true }}
                onRow={(r) => ({ onClick: () => navigate(`/residents/${r.residentId}`), style: { cursor: 'pointer' } })}
                columns={[
                  { dataIndex: 'residentName', title: t(D.resident) },
                  { dataIndex: 'bedLabel', title: t(D.bed) },
                  { dataIndex: 'admittedOn', title: t(D.admittedOn) },
                ]}
              />
            ),
          },
          {
            key: 'contracts',
            label: t(D.contracts),
            children:
              facility.ownership !== 'public_private' && contracts.length === 0 ? (
                <Alert type="info" message={t(D.notPpp)} />
              ) : (
                <Table
                  size="small"
                  rowKey="id"
                  dataSource={contracts}
                  locale={{ emptyText: t(D.noContracts) }}
                  pagination={false}
                  columns={[
                    { dataIndex: 'operatorName', title: t(D.operator) },
                    { title: t(D.term), render: (_, c) => t(D.termRange, { start: String(c.startOn), end: String(c.endOn) }) },
                    { dataIndex: 'annualFeeFen', title: t(D.fee), align: 'right', render: (v: number) => formatYuan(v) },
                    { dataIndex: 'reservedBeds', title: t(D.reserved), align: 'right' },
                    { dataIndex: 'inForce', title: t(T.status), render: (v: boolean) => (v ? <Tag color="green">{t(D.inForce)}</Tag> : <Tag>{t(D.notInForce)}</Tag>) },
                  ]}
                />
              ),
          },
          {
            key: 'history',
            label: t(D.history),
            children: (
              <Table
                size="small"
                rowKey="id"
                dataSource={statusHistory}
                pagination={false}
                columns={[
                  { dataIndex: 'effectiveOn', title: t(D.effectiveOn) },
                  { dataIndex: 'status', title: t(T.status), render: (v: FacilityStatus) => t(FACILITY_STATUS[v]) },
                  { dataIndex: 'note', title: t(D.note) },
                ]}
              />
            ),
          },
        ]}
      />
      <FacilityForm open={editOpen} facility={facility} onClose={() => setEditOpen(false)} />
      <Modal
        open={statusOpen}
        title={t(D.setStatus)}
        onCancel={() => setStatusOpen(false)}
        okText={t(C.save)}
        cancelText={t(C.cancel)}
        confirmLoading={setStatus.isPending}
        onOk={async () => {
          const v = await statusForm.validateFields().catch(() => null);
          if (!v) return;
          setStatus.mutate({ facilityId: facility.id, status: v.status, effectiveOn: v.effectiveOn, note: v.note ?? '' });
        }}
      >
        <Form form={statusForm} layout="vertical">
          <Form.Item name="status" label={t(T.status)} rules={[{ required: true }]}>
            <Select options={enumOptions(FACILITY_STATUS, t)} />
          </Form.Item>
          <Form.Item name="effectiveOn" label={t(D.effectiveOn)} rules={[{ required: true }]}>
            <DateField />
          </Form.Item>
          <Form.Item name="note" label={t(D.note)}>
            <Input maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}

