/**
 * Register or edit a resident. The fields are a component of their own so that the
 * admission flow can show them inline; the drawer wraps them for the list and the record.
 * The ID number is read as the api and the import read it (full-width, spaces, lower-case x:
 * domain/id-number.ts readIdNumber) and checked as it is typed (province code, check
 * character, birth date, spreadsheet damage); an old 15-digit number gets a button that puts
 * in its 18-digit form. The api checks it again.
 */
import { Alert, Button, Checkbox, Col, Form, Input, Radio, Row, Space, Typography, type FormInstance } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { api, type ApiErrorInfo } from '../../api/client';
import { useWrite } from '../../api/hooks';
import { useCounties } from '../../components/CountySelect';
import { enumOptions, todayIso } from '../../components/options';
import { useI18n } from '../../i18n';
import { C } from '../../i18n/common';
import { ageOn, isIsoDate } from '@domain/dates';
import { SELF_CARE, type SelfCare } from '@domain/enums';
import { normaliseCode } from '@domain/code-text';
import { idNumberMessage, PROVINCE_CODES, readIdNumber, upgradeIdNumber15, type IdNumberProblem } from '@domain/id-number';
import { CountyField } from './CountyField';
import { tryValidate } from './forms';
import { sexText } from '../../components/format';
import { R } from './texts';
import { FormDrawer } from '../../components/FormDrawer';

export type Resident = Awaited<ReturnType<typeof api.resident.create.mutate>>;

export interface ResidentFormValues {
  name?: string;
  idNumber?: string;
  householdRegionCode?: string | null;
  tekun?: boolean;
  tekunSelfCare?: SelfCare | null;
  dibao?: boolean;
  lowIncome?: boolean;
  shidu?: boolean;
  youfu?: boolean;
  phone?: string;
  emergencyContact?: string;
  emergencyPhone?: string;
}

export const EMPTY_RESIDENT: ResidentFormValues = { tekun: false, tekunSelfCare: null, dibao: false, lowIncome: false, shidu: false, youfu: false };

/**
 * What can already be said about a partly typed ID number: problems that more typing cannot
 * fix (a bad character, a spreadsheet number, an impossible birth date, a wrong check
 * character once complete). A merely short number is not a problem yet.
 */
export function instantIdProblem(raw: string | undefined): IdNumberProblem | null {
  const v = normaliseCode(raw ?? '').toUpperCase();
  if (v === '') return null;
  if (/^\d(\.\d+)?E\+?\d+$/i.test(v)) return 'scientific';
  if (v.length > 18) return 'length';
  if (!/^\d*$/.test(v.slice(0, 17)) || (v.length === 18 && !/^[\dX]$/.test(v.slice(17)))) return 'characters';
  if (v.length >= 2 && !PROVINCE_CODES.has(v.slice(0, 2))) return 'province';
  // An old 15-digit number (its digits 7–12 are YYMMDD): said on leaving the field, with its 18-digit form.
  if (v.length === 15 && upgradeIdNumber15(v) !== null) {
    const r = readIdNumber(v, todayIso());
    if (!r.ok && r.problem === 'old15') return null;
  }
  if (v.length >= 14) {
    const birth = `${v.slice(6, 10)}-${v.slice(10, 12)}-${v.slice(12, 14)}`;
    if (!isIsoDate(birth)) return 'birthdate';
    if (birth > todayIso()) return 'future';
  }
  if (v.length === 18) {
    const r = readIdNumber(v, todayIso());
    return r.ok ? null : r.problem;
  }
  return null;
}

function idMessage(r: { problem: IdNumberProblem; upgraded?: string }) {
  const m = idNumberMessage(r);
  // Worded as the api words it: "身份证号：校验位错误".
  return { zh: `身份证号：${m.zh}`, en: `ID number ${m.en}` };
}

/** The api input from the form values; on edit an empty ID number means "unchanged". */
export function toResidentInput(v: ResidentFormValues) {
  const tekun = !!v.tekun;
  return {
    name: (v.name ?? '').trim(),
    idNumber: (v.idNumber ?? '').trim().toUpperCase(),
    householdRegionCode: v.householdRegionCode ?? null,
    tekun,
    tekunSelfCare: tekun ? (v.tekunSelfCare ?? null) : null,
    dibao: !!v.dibao,
    lowIncome: !!v.lowIncome,
    shidu: !!v.shidu,
    youfu: !!v.youfu,
    phone: v.phone ?? '',
    emergencyContact: v.emergencyContact ?? '',
    emergencyPhone: v.emergencyPhone ?? '',
  };
}

/** The resident fields; render inside a <Form form={form} layout="vertical">. */
export function ResidentFields({ form, editing = false, maskedId, columns = 2 }: { form: FormInstance<ResidentFormValues>; editing?: boolean; maskedId?: string; columns?: 2 | 3 }) {
  const { t } = useI18n();
  const counties = useCounties();
  const tekun = Form.useWatch('tekun', form);
  const idValue = Form.useWatch('idNumber', form);
  const span = columns === 3 ? 8 : 12;

  const parsed = idValue ? readIdNumber(idValue, todayIso()) : null;
  const problem = instantIdProblem(idValue);
  const upgraded = parsed && !parsed.ok && parsed.problem === 'old15' ? parsed.upgraded : undefined;
  // Suggest the household county from the ID's region code while it is still empty.
  const suggestedCounty = parsed?.ok && !editing ? parsed.regionCode : null;
  useEffect(() => {
    if (!suggestedCounty || form.getFieldValue('householdRegionCode')) return;
    if ((counties.data ?? []).some((c) => c.code === suggestedCounty)) form.setFieldValue('householdRegionCode', suggestedCounty);
  }, [suggestedCounty, counties.data, form]);

  let idExtra: React.ReactNode = editing && maskedId ? t(R.idKeep, { masked: maskedId }) : t(R.idHint);
  if (parsed?.ok)
    idExtra = (
      <Typography.Text type="success" data-testid="resident-idnumber-ok">
        ✓ {t(R.idOk, { birth: parsed.birthDate, sex: sexText(t, parsed.sex), age: ageOn(parsed.birthDate, todayIso()) })}
      </Typography.Text>
    );
  else if (upgraded)
    idExtra = (
      <Space size={8} wrap>
        <Typography.Text type="warning">{t(R.idOld15, { upgraded })}</Typography.Text>
        <Button
          size="small"
          data-testid="resident-idnumber-use18"
          onClick={() => {
            form.setFieldValue('idNumber', upgraded);
            void form.validateFields(['idNumber']);
          }}
        >
          {t(R.idUse18)}
        </Button>
      </Space>
    );
  else if (idValue && !problem) idExtra = t(R.idTyped, { n: normaliseCode(idValue).length });

  const req = (label: { zh: string; en: string }) => ({ required: true, whitespace: true, message: t(R.required, { field: t(label) }) });

  return (
    <Row gutter={12}>
      <Col span={span}>
        <Form.Item name="name" label={t(R.name)} rules={[req(R.name)]}>
          <Input maxLength={50} data-testid="resident-name" autoComplete="off" />
        </Form.Item>
      </Col>
      <Col span={columns === 3 ? 8 : 12}>
        <Form.Item
          name="idNumber"
          label={t(R.idNumber)}
          required={!editing}
          normalize={(v: string | undefined) => normaliseCode(v ?? '').toUpperCase()}
          validateTrigger={['onChange', 'onBlur']}
          validateFirst
          extra={idExtra}
          rules={[
            // Instant: what more typing cannot fix.
            {
              validateTrigger: ['onChange', 'onBlur'],
              validator: (_, v: string | undefined) => {
                const p = instantIdProblem(v);
                return p ? Promise.reject(new Error(t(idMessage({ problem: p })))) : Promise.resolve();
              },
            },
            // On leaving the field and on save: complete and correct.
            {
              validateTrigger: 'onBlur',
              validator: (_, v: string | undefined) => {
                if (editing && !v) return Promise.resolve();
                const r = readIdNumber(v ?? '', todayIso());
                return r.ok ? Promise.resolve() : Promise.reject(new Error(t(idMessage(r))));
              },
            },
          ]}
        >
          <Input maxLength={24} data-testid="resident-idnumber" autoComplete="off" placeholder={editing ? maskedId : undefined} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
      </Col>
      <Col span={span}>
        <Form.Item name="householdRegionCode" label={t(R.household)}>
          <CountyField allowClear placeholder={t(R.householdPlaceholder)} testId="resident-county" style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col span={span}>
        <Form.Item name="tekun" label={t(R.tekun)} rules={[{ required: true, type: 'boolean', message: t(R.choose, { field: t(R.tekun) }) }]}>
          <Radio.Group
            optionType="button"
            data-testid="resident-tekun"
            options={[
              { value: true, label: t(C.yes) },
              { value: false, label: t(C.no) },
            ]}
            onChange={(e) => {
              if (!e.target.value) form.setFieldValue('tekunSelfCare', null);
            }}
          />
        </Form.Item>
      </Col>
      {tekun && (
        <Col span={columns === 3 ? 16 : 24}>
          <Form.Item name="tekunSelfCare" label={t(R.tekunSelfCare)} extra={t(R.tekunHelp)} rules={[{ required: true, message: t(R.choose, { field: t(R.tekunSelfCare) }) }]}>
            <Radio.Group optionType="button" data-testid="resident-selfcare" options={enumOptions(SELF_CARE, t)} />
          </Form.Item>
        </Col>
      )}
      <Col span={24}>
        <Form.Item label={t(R.flags)}>
          <Space wrap size={16}>
            <Form.Item name="dibao" valuePropName="checked" noStyle>
              <Checkbox data-testid="resident-dibao">{t(R.dibao)}</Checkbox>
            </Form.Item>
            <Form.Item name="lowIncome" valuePropName="checked" noStyle>
              <Checkbox data-testid="resident-lowincome">{t(R.lowIncome)}</Checkbox>
            </Form.Item>
            <Form.Item name="shidu" valuePropName="checked" noStyle>
              <Checkbox data-testid="resident-shidu">{t(R.shidu)}</Checkbox>
            </Form.Item>
            <Form.Item name="youfu" valuePropName="checked" noStyle>
              <Checkbox data-testid="resident-youfu">{t(R.youfu)}</Checkbox>
            </Form.Item>
          </Space>
        </Form.Item>
      </Col>
      <Col span={span}>
        <Form.Item name="phone" label={t(R.phone)}>
          <Input maxLength={50} data-testid="resident-phone" />
        </Form.Item>
      </Col>
      <Col span={span}>
        <Form.Item name="emergencyContact" label={t(R.emergencyContact)}>
          <Input maxLength={50} data-testid="resident-emergency-contact" />
        </Form.Item>
      </Col>
      <Col span={span}>
        <Form.Item name="emergencyPhone" label={t(R.emergencyPhone)}>
          <Input maxLength={50} data-testid="resident-emergency-phone" />
        </Form.Item>
      </Col>
    </Row>
  );
}

interface Props {
  open: boolean;
  /** Editing this resident; registering a new one when absent. */
  resident?: Resident | null;
  onClose(): void;
  onSaved?(r: Resident): void;
}

export function ResidentForm({ open, resident, onClose, onSaved }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<ResidentFormValues>();
  const editing = !!resident;
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (resident)
      form.setFieldsValue({
        name: resident.name,
        idNumber: '',
        householdRegionCode: resident.householdRegionCode,
        tekun: resident.tekun,
        tekunSelfCare: resident.tekunSelfCare,
        dibao: resident.dibao,
        lowIncome: resident.lowIncome,
        shidu: resident.shidu,
        youfu: resident.youfu,
        phone: resident.phone,
        emergencyContact: resident.emergencyContact,
        emergencyPhone: resident.emergencyPhone,
      });
    else form.setFieldsValue(EMPTY_RESIDENT);
  }, [open, resident, form]);

  const done = (r: Resident) => {
    onSaved?.(r);
    onClose();
  };
  // A number already registered to someone the account may see: offer to open that person.
  const [existing, setExisting] = useState<IdTaken | null>(null);
  const onError = (e: ApiErrorInfo) => setExisting(idTaken(e));
  const create = useWrite(api.resident.create.mutate, { form, success: R.created, onSuccess: done, onError });
  const update = useWrite(api.resident.update.mutate, { form, success: C.saved, onSuccess: done, onError });
  const navigate = useNavigate();
  const idValue = Form.useWatch('idNumber', form);
  useEffect(() => setExisting(null), [idValue, open]);

  const submit = async () => {
    const v = await tryValidate(form);
    if (!v) return;
    const input = toResidentInput(v);
    if (resident) {
      const { idNumber, ...rest } = input;
      update.mutate({ id: resident.id, ...rest, ...(idNumber ? { idNumber } : {}) });
    } else create.mutate(input);
  };

  return (
    <FormDrawer open={open} onClose={onClose} width={620} title={t(editing ? R.editResident : R.newResident)} saving={create.isPending || update.isPending} onSave={submit} saveTestId="resident-save">
      {existing && existing.ref.id !== resident?.id && (
        <ExistingResidentAlert
          taken={existing}
          actions={[
            <Button key="open" type="primary" size="small" data-testid="resident-open-existing" onClick={() => { onClose(); navigate(`/residents/${existing.ref.id}`); }}>
              {t(R.viewExisting, { name: existing.ref.name })}
            </Button>,
          ]}
        />
      )}
      <Form form={form} layout="vertical" requiredMark data-testid="resident-form">
        <ResidentFields form={form} editing={editing} maskedId={resident?.idNumberMasked} />
      </Form>
    </FormDrawer>
  );
}

/** A refusal for an ID number already registered to a resident the account may see (the api names them). */
export type IdTaken = ApiErrorInfo & { ref: NonNullable<ApiErrorInfo['ref']> };

export function idTaken(e: ApiErrorInfo): IdTaken | null {
  return e.code === 'ID_NUMBER_TAKEN' && e.ref?.entity === 'resident' ? (e as IdTaken) : null;
}

/** "身份证号已登记（丁国海）" with what to do about it: open (or, in admission, pick) that person. */
export function ExistingResidentAlert({ taken, actions }: { taken: IdTaken; actions: ReactNode[] }) {
  const { t } = useI18n();
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="resident-id-taken"
      title={t({ zh: taken.zh, en: taken.en })}
      action={<Space orientation="vertical">{actions}</Space>}
    />
  );
}
