/**
 * A contract's number, selection, term and money, as the 新增合同 drawer and the 更正合同
 * dialog both ask them (inside their antd Form; one Row of half-width columns). Test ids are
 * `${idPrefix}-no`, `-selection`, `-start`, `-end`, `-terminated`, `-fee`, `-deposit`,
 * `-reserved`, `-asset`.
 */
import { Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { SELECTION_METHOD } from '@domain/enums';
import { DateField } from '../../components/DateField';
import { enumOptions } from '../../components/options';
import { useI18n } from '../../i18n';
import { T } from './texts';

const money = { min: 0, max: 1e12, precision: 2, step: 1000, style: { width: '100%' } } as const;

export function ContractTermFields({ idPrefix, withTermination = false }: { idPrefix: string; withTermination?: boolean }) {
  const { t } = useI18n();
  const req = (label: { zh: string; en: string }) => [{ required: true, message: t(T.required, { field: t(label) }) }];
  const choose = (label: { zh: string; en: string }) => [{ required: true, message: t(T.choose, { field: t(label) }) }];
  const id = (s: string) => `${idPrefix}-${s}`;
  return (
    <Row gutter={12}>
      <Col span={12}>
        <Form.Item name="contractNo" label={t(T.contractNo)}>
          <Input maxLength={50} data-testid={id('no')} />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name="selectionMethod" label={t(T.selectionMethod)} rules={choose(T.selectionMethod)}>
          <Select options={enumOptions(SELECTION_METHOD, t)} data-testid={id('selection')} />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name="startOn" label={t(T.startOn)} rules={req(T.startOn)}>
          <DateField testId={id('start')} />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item
          name="endOn"
          label={t(T.endOn)}
          dependencies={['startOn']}
          rules={[
            ...req(T.endOn),
            ({ getFieldValue }) => ({
              validator: (_, value: string | undefined) => {
                const start = getFieldValue('startOn') as string | undefined;
                return !value || !start || value >= start ? Promise.resolve() : Promise.reject(new Error(t(T.endBeforeStart)));
              },
            }),
          ]}
        >
          <DateField testId={id('end')} />
        </Form.Item>
      </Col>
      {withTermination && (
        <Col span={12}>
          <Form.Item name="terminatedOn" label={t(T.terminatedOn)} rules={req(T.terminatedOn)}>
            <DateField testId={id('terminated')} />
          </Form.Item>
        </Col>
      )}
      <Col span={12}>
        <Form.Item name="annualFee" label={t(T.annualFee)}>
          <InputNumber {...money} data-testid={id('fee')} />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name="deposit" label={t(T.deposit)}>
          <InputNumber {...money} data-testid={id('deposit')} />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name="reservedBeds" label={t(T.reservedBeds)} tooltip={t(T.reservedBedsHelp)}>
          <InputNumber min={0} max={1_000_000} precision={0} style={{ width: '100%' }} data-testid={id('reserved')} />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name="assetValue" label={t(T.assetValue)}>
          <InputNumber {...money} data-testid={id('asset')} />
        </Form.Item>
      </Col>
    </Row>
  );
}
