/** Step ① of 入住登记: find a registered resident, or register one here. */
import { SearchOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Form, Input, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { useMe } from '../../auth/AuthGate';
import { useWrite } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { C } from '../../i18n/common';
import type { ResidentListRow } from '../../api/outputs';
import { categoryLabels, levelColor, levelText, SEP, sexText } from '../../components/format';
import { EMPTY_RESIDENT, ExistingResidentAlert, idTaken, ResidentFields, toResidentInput, type IdTaken, type Resident, type ResidentFormValues } from '../residents/ResidentForm';
import { tryValidate } from '../residents/forms';
import type { StayRow } from '../residents/StayActions';
import { R } from '../residents/texts';
import { A } from './texts';

/** The resident being admitted, whichever way they were found: the fields of a list row it needs (birthDate only for accounts that may reveal). */
export type Picked = Pick<
  ResidentListRow,
  'id' | 'name' | 'idNumberMasked' | 'birthDate' | 'age' | 'sex' | 'tekun' | 'tekunSelfCare' | 'dibao' | 'lowIncome' | 'shidu' | 'youfu' | 'facilityName' | 'bedLabel' | 'latestLevel' | 'latestAssessedOn'
>;

export function fromListRow(r: ResidentListRow): Picked {
  return r;
}

export function fromCreated(r: Resident): Picked {
  return { ...r, facilityName: null, bedLabel: null, latestLevel: null, latestAssessedOn: null };
}

export function fromDetail(d: Awaited<ReturnType<typeof api.resident.get.query>>): Picked {
  const open = (d.stays as StayRow[]).find((s) => s.dischargedOn === null);
  // A voided assessment counts nowhere: the latest is the latest kept one.
  const latest = d.assessments.find((a) => a.voidedAt === null);
  return { ...d.resident, facilityName: open?.facilityName ?? null, bedLabel: open?.bedLabel ?? null, latestLevel: latest?.finalLevel ?? null, latestAssessedOn: latest?.assessedOn ?? null };
}

/** Step ①: find a registered resident, or register one here. */
export function ResidentStep({ resident, onPick, onClear }: { resident: Picked | null; onPick(r: Picked): void; onClear(): void }) {
  const { t } = useI18n();
  const [typed, setTyped] = useState('');
  const [search, setSearch] = useState('');
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<ResidentFormValues>();
  // Finding by ID number is for accounts that may reveal personal data; others find by name.
  const byId = useMe().can('revealPersonal');
  useEffect(() => {
    const h = setTimeout(() => setSearch(typed.trim()), 300);
    return () => clearTimeout(h);
  }, [typed]);
  const found = useQuery({ queryKey: ['resident.list', 'admission', search], queryFn: () => api.resident.list.query({ search, limit: 20 }), enabled: search.length > 0 });
  // A number already registered to someone the account may see: pick that person instead.
  const [taken, setTaken] = useState<IdTaken | null>(null);
  const create = useWrite(api.resident.create.mutate, {
    form,
    success: R.created,
    onSuccess: (r) => {
      setCreating(false);
      setTaken(null);
      onPick(fromCreated(r));
    },
    onError: (e) => setTaken(idTaken(e)),
  });
  const pickTaken = async (id: number) => {
    const d = await api.resident.get.query({ id });
    setCreating(false);
    setTaken(null);
    onPick(fromDetail(d));
  };

  if (resident)
    return (
      <Card size="small" title={t(A.chosen)} data-testid="admission-resident" extra={<Button onClick={onClear} data-testid="admission-change-resident">{t(A.change)}</Button>}>
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t(R.name)}>{resident.name}</Descriptions.Item>
          <Descriptions.Item label={t(R.idNumber)}>
            <span style={{ fontFamily: 'monospace' }}>{resident.idNumberMasked}</span>
          </Descriptions.Item>
          <Descriptions.Item label={`${t(R.sex)} / ${t(R.age)}`}>
            {sexText(t, resident.sex)} · {resident.age}
          </Descriptions.Item>
          <Descriptions.Item label={t(R.priority)}>{categoryLabels(t, resident).join(t(SEP)) || '—'}</Descriptions.Item>
          <Descriptions.Item label={t(R.latestLevel)}>
            {resident.latestLevel !== null ? <Tag color={levelColor(resident.latestLevel)}>{levelText(t, resident.latestLevel)}</Tag> : t(A.neverAssessed)}
            {resident.latestAssessedOn && <Typography.Text type="secondary"> {resident.latestAssessedOn}</Typography.Text>}
          </Descriptions.Item>
          <Descriptions.Item label={t(R.facility)}>{resident.facilityName ? `${resident.facilityName} ${resident.bedLabel ?? ''}` : t(R.notInCare)}</Descriptions.Item>
        </Descriptions>
        {resident.facilityName && (
          <Alert
            type="warning"
            showIcon
            style={{ marginTop: 8 }}
            data-testid="admission-in-care-warning"
            title={t(A.inCareWarn, { facility: resident.facilityName, bed: resident.bedLabel ?? '—' })}
            action={<Link to={`/residents/${resident.id}`}>{t(A.openRecord)}</Link>}
          />
        )}
      </Card>
    );

  return (
    <div data-testid="admission-step-resident">
      <Space wrap style={{ marginBottom: 8 }}>
        <Input
          allowClear
          autoFocus
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          onPressEnter={() => setSearch(typed.trim())}
          prefix={<SearchOutlined />}
          placeholder={t(byId ? A.searchPlaceholder : A.searchPlaceholderName)}
          style={{ width: 430 }}
          data-testid="admission-search"
        />
        <Button
          type={creating ? 'default' : 'dashed'}
          onClick={() => {
            if (!creating) {
              form.resetFields();
              form.setFieldsValue(EMPTY_RESIDENT);
            }
            setCreating((c) => !c);
          }}
          data-testid="admission-new-resident"
        >
          {creating ? t(C.cancel) : `+ ${t(A.newResident)}`}
        </Button>
      </Space>
      <Typography.Paragraph type="secondary">{t(A.searchHint)}</Typography.Paragraph>
      {creating && (
        <Card size="small" title={t(A.newResident)} style={{ marginBottom: 12 }} data-testid="admission-new-resident-form">
          {taken && (
            <ExistingResidentAlert
              taken={taken}
              actions={[
                <Button key="pick" type="primary" size="small" data-testid="admission-pick-existing" onClick={() => void pickTaken(taken.ref.id)}>
                  {t(R.pickExisting, { name: taken.ref.name })}
                </Button>,
                <Link key="open" to={`/residents/${taken.ref.id}`} data-testid="admission-open-existing">
                  {t(R.viewExisting, { name: taken.ref.name })}
                </Link>,
              ]}
            />
          )}
          <Form form={form} layout="vertical" initialValues={EMPTY_RESIDENT} onValuesChange={(c: Partial<ResidentFormValues>) => ('idNumber' in c ? setTaken(null) : undefined)}>
            <ResidentFields form={form} columns={3} />
          </Form>
          <Button
            type="primary"
            loading={create.isPending}
            data-testid="resident-save"
            onClick={async () => {
              const v = await tryValidate(form);
              if (v) create.mutate(toResidentInput(v));
            }}
          >
            {t(A.registerAndPick)}
          </Button>
        </Card>
      )}
      {search && !creating && (
        <Table<ResidentListRow>
          size="small"
          rowKey="id"
          loading={found.isLoading}
          dataSource={found.data?.rows ?? []}
          pagination={false}
          data-testid="admission-results"
          locale={{ emptyText: t(A.noMatch, { q: search }) }}
          onRow={(r) => (r.diedOn ? { 'data-deceased': 'true' } as never : { onClick: () => onPick(fromListRow(r)), style: { cursor: 'pointer' } })}
          columns={[
            { dataIndex: 'name', title: t(R.name) },
            { dataIndex: 'idNumberMasked', title: t(R.idNumber), render: (v: string) => <span style={{ fontFamily: 'monospace' }}>{v}</span> },
            { key: 'sexAge', title: `${t(R.sex)} / ${t(R.age)}`, render: (_, r) => `${sexText(t, r.sex)} · ${r.age}` },
            {
              key: 'where',
              title: t(R.facility),
              render: (_, r) =>
                r.facilityName ? (
                  `${r.facilityName} ${r.bedLabel ?? ''}`
                ) : r.diedOn ? (
                  <span data-testid={`admission-deceased-${r.id}`}>
                    <Tag>{t(R.died)}</Tag>
                    <Typography.Text type="secondary">{t(A.diedOn, { date: r.diedOn })}</Typography.Text>
                  </span>
                ) : (
                  t(R.notInCare)
                ),
            },
            { dataIndex: 'latestLevel', title: t(R.latestLevel), render: (v: number | null) => levelText(t, v) },
            {
              key: 'pick',
              title: '',
              width: 90,
              render: (_, r) => r.diedOn ? null : (
                <Button
                  size="small"
                  type="primary"
                  data-testid={`admission-pick-${r.id}`}
                  onClick={(e) => {
                    e.stopPropagation();
                    onPick(fromListRow(r));
                  }}
                >
                  {t(A.pick)}
                </Button>
              ),
            },
          ]}
        />
      )}
    </div>
  );
}
