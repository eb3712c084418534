/**
 * One facility as of a date: its details, bed board, residents, contracts and status history.
 */
import { PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Descriptions, Form, Input, Modal, Select, Space, Spin, Table, Tabs, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api, apiError } from '../../api/client';
import { DateField } from '../../components/DateField';
import { enumOptions, todayIso } from '../../components/options';
import { paren } from '../../components/format';
import { useI18n } from '../../i18n';
import { C } from '../../i18n/common';
import { FACILITY_KIND, FACILITY_STATUS, isResidentialKind, OWNERSHIP, type FacilityStatus } from '@domain/enums';
import { formatPercent, formatYuan } from '@domain/format';
import { BedBoard } from './BedBoard';
import { FacilityForm } from './FacilityForm';
import { NationalRecordTab } from './national/NationalRecordTab';
import { N } from './national/texts';
import { WaitingListTab } from './waiting/WaitingListTab';
import { W } from './waiting/texts';
import { T } from './texts';
import { PageHeader } from '../../components/PageHeader';
import { K, ReasonField, touchesPast, useCorrection } from '../../components/correction';

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
  correctStatus: { zh: '更正状态变更', en: 'Correct a status change' },
  deleteStatus: { zh: '删除状态变更', en: 'Delete a status change' },
  deleteConfirm: { zh: '确定删除 {date} 的“{status}”记录？删除后该日起的状态按前一条记录计算。', en: 'Delete the "{status}" change of {date}? From that day the previous change applies.' },
  opening: { zh: '开办', en: 'Opening' },
  openingHint: { zh: '最早的一条是机构的开办记录：开办日期有误请点“更正”。', en: 'The earliest change is the opening: correct its date with "Correct".' },
  openingHasLater: { zh: '开办记录之后还有状态变更，不能删除；开办日期有误请用“更正”', en: 'Later changes exist; the opening cannot be deleted — correct it instead' },
  moveBeds: { zh: '同时把 {n} 张自 {date} 启用的床位改为自新开办日期启用', en: 'Also move the {n} bed(s) in service from {date} to the new opening date' },
  movedBeds: { zh: '已更正，{n} 张床位的启用日期随之更改', en: 'Corrected; {n} bed(s) moved with the opening' },
  printBeds: { zh: '打印床位一览表', en: 'Print bed list' },
  printResidents: { zh: '打印在住老人名单', en: 'Print resident list' },
  printHint: { zh: '内部资料，含老人姓名；按页面所选日期', en: 'Internal: names residents; as of the date chosen above' },
  openingHasBeds: { zh: '机构已有床位，开办记录不能删除；开办日期有误请用“更正”', en: 'The facility has beds; the opening cannot be deleted — correct it instead' },
};

type StatusChange = { id: number; status: FacilityStatus; effectiveOn: string; note: string };

export function FacilityDetailPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const id = Number(useParams().id);
  const [date, setDate] = useState(todayIso());
  const [editOpen, setEditOpen] = useState(false);
  const [statusOpen, setStatusOpen] = useState(false);
  const [statusForm] = Form.useForm();
  const detail = useQuery({ queryKey: ['facility.detail', id, date], queryFn: () => api.facility.detail.query({ id, date }), enabled: Number.isInteger(id) && id > 0 });
  const setStatus = useCorrection(api.facility.setStatus.mutate, { form: statusForm, success: D.statusChanged, onSuccess: () => setStatusOpen(false) });
  const [correcting, setCorrecting] = useState<StatusChange | null>(null);
  const [deleting, setDeleting] = useState<StatusChange | null>(null);
  const [correctForm] = Form.useForm();
  const [deleteForm] = Form.useForm();
  const newDate = Form.useWatch('effectiveOn', correctForm) as string | undefined;
  const newStatus = Form.useWatch('status', correctForm) as FacilityStatus | undefined;
  const correctStatus = useCorrection(api.facility.updateStatusChange.mutate, {
    form: correctForm,
    success: K.corrected,
    onSuccess: (r) => {
      setCorrecting(null);
      if (r.movedBeds > 0) void message.info(t(D.movedBeds, { n: r.movedBeds }));
    },
  });
  const deleteStatus = useCorrection(api.facility.deleteStatusChange.mutate, { form: deleteForm, success: K.deleted, onSuccess: () => setDeleting(null) });

  if (detail.isLoading) return <Spin />;
  if (detail.error || !detail.data) return <Alert type="error" showIcon message={t(C.loadFailed)} description={detail.error ? apiError(detail.error).zh : ''} />;
  const { facility, status, occupancy, beds, residents, contracts, statusHistory } = detail.data;
  const openingId = statusHistory.at(-1)?.id;
  const deleteBlocked = (row: StatusChange): string | null => {
    if (row.id !== openingId) return null;
    if (statusHistory.length > 1) return t(D.openingHasLater);
    if (beds.length > 0) return t(D.openingHasBeds);
    return null;
  };
  const bedsAtOpening = correcting !== null && correcting.id === openingId ? beds.filter((b) => b.inServiceFrom === correcting.effectiveOn).length : 0;
  const correctionChangesFigures = correcting !== null && (newDate !== correcting.effectiveOn || newStatus !== correcting.status);

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
            <Tooltip title={t(D.printHint)}>
              <Button icon={<PrinterOutlined />} onClick={() => navigate(`/print/facility/${id}/beds?date=${date}`)} data-testid="facility-print-beds">
                {t(D.printBeds)}
              </Button>
            </Tooltip>
            <Tooltip title={t(D.printHint)}>
              <Button icon={<PrinterOutlined />} onClick={() => navigate(`/print/facility/${id}/residents?date=${date}`)} data-testid="facility-print-residents">
                {t(D.printResidents)}
              </Button>
            </Tooltip>
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
        <Descriptions.Item label={t(T.beds)}>{paren(t, String(occupancy.beds), `${t(T.nursingBeds)} ${occupancy.nursingBeds}`)}</Descriptions.Item>
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
          { key: 'beds', label: paren(t, t(T.beds), String(occupancy.beds)), children: <BedBoard facilityId={facility.id} beds={beds} /> },
          {
            key: 'residents',
            label: paren(t, t(D.residents), String(residents.length)),
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
          ...(isResidentialKind(facility.kind) ? [{ key: 'waiting', label: t(W.tab), children: <WaitingListTab facilityId={facility.id} /> }] : []),
          { key: 'national', label: t(N.tab), children: <NationalRecordTab facility={facility} /> },
          {
            key: 'history',
            label: t(D.history),
            children: (
              <Table
                size="small"
                rowKey="id"
                dataSource={statusHistory}
                pagination={false}
                data-testid="status-history"
                footer={() => t(D.openingHint)}
                columns={[
                  { dataIndex: 'effectiveOn', title: t(D.effectiveOn) },
                  {
                    dataIndex: 'status',
                    title: t(T.status),
                    render: (v: FacilityStatus, r) => (
                      <>
                        {t(FACILITY_STATUS[v])} {r.id === openingId && <Tag>{t(D.opening)}</Tag>}
                      </>
                    ),
                  },
                  { dataIndex: 'note', title: t(D.note) },
                  {
                    key: 'actions',
                    title: t(C.actions),
                    render: (_, r) => {
                      const blocked = deleteBlocked(r);
                      return (
                        <Space size="small">
                          <Button
                            size="small"
                            data-testid={`status-correct-${r.effectiveOn}`}
                            onClick={() => {
                              correctForm.resetFields();
                              correctForm.setFieldsValue({ status: r.status, effectiveOn: r.effectiveOn, note: r.note, reason: '', moveBeds: true });
                              setCorrecting(r);
                            }}
                          >
                            {t(K.correct)}
                          </Button>
                          <Tooltip title={blocked}>
                            <Button
                              size="small"
                              danger
                              disabled={blocked !== null}
                              data-testid={`status-delete-${r.effectiveOn}`}
                              onClick={() => {
                                deleteForm.resetFields();
                                setDeleting(r);
                              }}
                            >
                              {t(K.delete)}
                            </Button>
                          </Tooltip>
                        </Space>
                      );
                    },
                  },
                ]}
              />
            ),
          },
        ]}
      />
      <FacilityForm open={editOpen} facility={facility} onClose={() => setEditOpen(false)} />
      <Modal
        open={correcting !== null}
        title={t(D.correctStatus)}
        onCancel={() => setCorrecting(null)}
        okText={t(C.save)}
        cancelText={t(C.cancel)}
        confirmLoading={correctStatus.isPending}
        okButtonProps={{ 'data-testid': 'status-correct-ok' } as never}
        onOk={async () => {
          const v = await correctForm.validateFields().catch(() => null);
          if (!v || !correcting) return;
          correctStatus.mutate({ id: correcting.id, status: v.status, effectiveOn: v.effectiveOn, note: v.note ?? '', moveBeds: bedsAtOpening > 0 && v.moveBeds === true, reason: v.reason || undefined });
        }}
        destroyOnHidden
      >
        <Form form={correctForm} layout="vertical">
          <Form.Item name="status" label={t(T.status)} rules={[{ required: true }]}>
            <Select options={enumOptions(FACILITY_STATUS, t)} />
          </Form.Item>
          <Form.Item name="effectiveOn" label={t(D.effectiveOn)} rules={[{ required: true }]} extra={correcting?.id === openingId ? t(D.openingHint) : undefined}>
            <DateField testId="status-correct-date" />
          </Form.Item>
          <Form.Item name="note" label={t(D.note)}>
            <Input maxLength={500} />
          </Form.Item>
          {bedsAtOpening > 0 && correcting && (
            <Form.Item name="moveBeds" valuePropName="checked">
              <Checkbox data-testid="status-move-beds">{t(D.moveBeds, { n: bedsAtOpening, date: correcting.effectiveOn })}</Checkbox>
            </Form.Item>
          )}
          <ReasonField needed={correctionChangesFigures && touchesPast([correcting?.effectiveOn, newDate])} />
        </Form>
      </Modal>
      <Modal
        open={deleting !== null}
        title={t(D.deleteStatus)}
        onCancel={() => setDeleting(null)}
        okText={t(K.delete)}
        cancelText={t(C.cancel)}
        confirmLoading={deleteStatus.isPending}
        okButtonProps={{ danger: true, 'data-testid': 'status-delete-ok' } as never}
        onOk={async () => {
          const v = await deleteForm.validateFields().catch(() => null);
          if (!v || !deleting) return;
          deleteStatus.mutate({ id: deleting.id, reason: v.reason || undefined });
        }}
        destroyOnHidden
      >
        {deleting && <p>{t(D.deleteConfirm, { date: deleting.effectiveOn, status: t(FACILITY_STATUS[deleting.status]) })}</p>}
        <Form form={deleteForm} layout="vertical">
          <ReasonField needed={touchesPast([deleting?.effectiveOn])} />
        </Form>
      </Modal>
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

