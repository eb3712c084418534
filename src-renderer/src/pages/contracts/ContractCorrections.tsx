/**
 * Corrections of a contract (issue 14): 更正 its operator, number, selection method, term,
 * money and a termination date; 撤销终止 a termination made by mistake. A reason appears when
 * the contract's term began before today (always for 撤销终止); a CLOSED_MONTH refusal opens
 * the confirm dialog and resends (components/correction.tsx). The api holds the create rules.
 */
import { Form, Modal, Select } from 'antd';
import { api } from '../../api/client';
import type { ContractRow } from '../../api/outputs';
import { K, ReasonField, touchesPast, useCorrection } from '../../components/correction';
import { useI18n } from '../../i18n';
import type { SelectionMethod } from '@domain/enums';
import { ContractTermFields } from './ContractTermFields';
import { useOperators } from './data';
import { T } from './texts';

interface Values {
  operatorId: number;
  contractNo: string;
  selectionMethod: SelectionMethod;
  startOn: string;
  endOn: string;
  terminatedOn?: string;
  annualFee: number | null;
  deposit: number | null;
  reservedBeds: number | null;
  assetValue: number | null;
  reason?: string;
}

const yuanOf = (fen: number) => fen / 100;

/** 更正合同: only the fields changed are sent. Rendered only while open. */
export function ContractCorrectModal({ contract, onClose }: { contract: ContractRow; onClose(): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const operators = useOperators();
  const correct = useCorrection(api.contract.update.mutate, { form, success: K.corrected, onSuccess: onClose });
  const startOn = Form.useWatch('startOn', form) ?? contract.startOn;
  const needsReason = touchesPast([contract.startOn, startOn]);
  const req = (label: { zh: string; en: string }) => [{ required: true, message: t(T.required, { field: t(label) }) }];

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const changed = <F extends keyof Values>(k: F, old: Values[F]) => (v[k] !== old && v[k] !== null && v[k] !== undefined ? v[k] : undefined);
    correct.mutate({
      id: contract.id,
      operatorId: changed('operatorId', contract.operatorId),
      contractNo: changed('contractNo', contract.contractNo),
      selectionMethod: changed('selectionMethod', contract.selectionMethod),
      startOn: changed('startOn', contract.startOn),
      endOn: changed('endOn', contract.endOn),
      terminatedOn: contract.terminatedOn !== null ? changed('terminatedOn', contract.terminatedOn) : undefined,
      annualFee: changed('annualFee', yuanOf(contract.annualFeeFen)),
      deposit: changed('deposit', yuanOf(contract.depositFen)),
      reservedBeds: changed('reservedBeds', contract.reservedBeds),
      assetValue: changed('assetValue', yuanOf(contract.assetValueFen)),
      reason: v.reason?.trim() || undefined,
    });
  };

  return (
    <Modal
      open
      width={640}
      title={`${t(T.correctContract)}：${contract.facilityName}`}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t(K.correct)}
      cancelText={t(K.cancel)}
      okButtonProps={{ 'data-testid': 'contract-correct-save' } as never}
      confirmLoading={correct.isPending}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          operatorId: contract.operatorId,
          contractNo: contract.contractNo,
          selectionMethod: contract.selectionMethod,
          startOn: contract.startOn,
          endOn: contract.endOn,
          terminatedOn: contract.terminatedOn ?? undefined,
          annualFee: yuanOf(contract.annualFeeFen),
          deposit: yuanOf(contract.depositFen),
          reservedBeds: contract.reservedBeds,
          assetValue: yuanOf(contract.assetValueFen),
        }}
      >
        <Form.Item name="operatorId" label={t(T.operator)} rules={req(T.operator)}>
          <Select showSearch={{ optionFilterProp: 'label' }} loading={operators.isLoading} options={(operators.data ?? []).map((o) => ({ value: o.id, label: o.name }))} data-testid="correct-operator" />
        </Form.Item>
        <ContractTermFields idPrefix="correct-contract" withTermination={contract.terminatedOn !== null} />
        <ReasonField needed={needsReason} testId="contract-correct-reason" />
      </Form>
    </Modal>
  );
}

/** 撤销终止: the contract runs its term again; the reason is always asked. Rendered only while open. */
export function UndoTerminationModal({ contract, onClose }: { contract: ContractRow; onClose(): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason: string }>();
  const undo = useCorrection(api.contract.undoTermination.mutate, { form, success: T.undoTerminationOk, onSuccess: onClose });
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    undo.mutate({ id: contract.id, reason: v.reason.trim() });
  };
  return (
    <Modal
      open
      title={`${t(T.undoTermination)}：${contract.facilityName}`}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t(T.undoTermination)}
      cancelText={t(K.cancel)}
      okButtonProps={{ 'data-testid': 'undo-termination-save' } as never}
      confirmLoading={undo.isPending}
    >
      <p>{t(T.undoTerminationHint, { date: contract.terminatedOn ?? '', end: contract.endOn })}</p>
      <Form form={form} layout="vertical">
        <ReasonField needed testId="undo-termination-reason" />
      </Form>
    </Modal>
  );
}
