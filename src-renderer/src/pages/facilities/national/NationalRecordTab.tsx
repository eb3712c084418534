/**
 * The facility's national record (国家系统信息): registration, filing, founder, premises, fees,
 * and its licences and insurances with their expiry — what the national system asks, kept here.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../../../api/client';
import { useWrite } from '../../../api/hooks';
import { todayIso } from '../../../components/options';
import { useI18n } from '../../../i18n';
import { C } from '../../../i18n/common';
import { fieldLabel } from '@contract/field-labels';
import { FOUNDER, LICENCE_KIND, REGISTRATION } from '@domain/enums';
import { formatYuan } from '@domain/format';
import { LicenceForm, type Licence } from './LicenceForm';
import { NationalRecordForm } from './NationalRecordForm';
import type { FacilityRecord } from './record-values';
import { N } from './texts';

const area = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 });

export function NationalRecordTab({ facility }: { facility: FacilityRecord }) {
  const { t } = useI18n();
  const { modal } = App.useApp();
  const [editing, setEditing] = useState(false);
  const [licence, setLicence] = useState<Licence | null | undefined>(undefined);
  const licences = useQuery({ queryKey: ['facility.licences', facility.id], queryFn: () => api.facility.licences.query({ facilityId: facility.id }) });
  const remove = useWrite(api.facility.removeLicence.mutate, { success: N.removed });
  const label = (f: string) => t(fieldLabel([f]));
  const none = <span style={{ color: '#999' }}>{t(N.none)}</span>;
  const textOr = (v: string | null) => (v ? v : none);
  const fee = (min: number | null, max: number | null) =>
    min === null && max === null ? none : t(N.fee, { min: min === null ? '—' : formatYuan(min), max: max === null ? '—' : formatYuan(max) });
  const flags = [facility.tekunInstitution && label('tekunInstitution'), facility.gloryHome && label('gloryHome'), facility.regionalCentre && label('regionalCentre'), facility.offersDayCare && label('offersDayCare')].filter(Boolean);
  const today = todayIso();
  const confirmRemove = (l: Licence) =>
    modal.confirm({
      title: t(N.removeConfirm, { kind: t(LICENCE_KIND[l.kind]), issued: l.issuedOn }),
      okText: t(C.delete),
      okButtonProps: { danger: true, 'data-testid': 'licence-remove-ok' },
      cancelText: t(C.cancel),
      onOk: () => remove.mutateAsync({ facilityId: facility.id, licenceId: l.id }).catch(() => undefined),
    });

  return (
    <div data-testid="national-record">
      <Alert type="info" showIcon message={t(N.intro)} style={{ marginBottom: 12 }} />
      <Space style={{ marginBottom: 8 }}>
        <Button onClick={() => setEditing(true)} data-testid="record-edit">
          {t(N.edit)}
        </Button>
      </Space>
      <Descriptions size="small" bordered column={{ xs: 1, md: 2, xl: 3 }} data-testid="record-view">
        <Descriptions.Item label={label('creditCode')}>{textOr(facility.creditCode)}</Descriptions.Item>
        <Descriptions.Item label={label('registration')}>{t(REGISTRATION[facility.registration])}</Descriptions.Item>
        <Descriptions.Item label={label('registrationAuthority')}>{textOr(facility.registrationAuthority)}</Descriptions.Item>
        <Descriptions.Item label={label('registeredOn')}>{textOr(facility.registeredOn)}</Descriptions.Item>
        <Descriptions.Item label={label('filedOn')}>{textOr(facility.filedOn)}</Descriptions.Item>
        <Descriptions.Item label={label('founder')}>{facility.founder ? t(FOUNDER[facility.founder]) : none}</Descriptions.Item>
        <Descriptions.Item label={label('legalRep')}>{textOr(facility.legalRep)}</Descriptions.Item>
        <Descriptions.Item label={label('legalRepPhone')}>{textOr(facility.legalRepPhone)}</Descriptions.Item>
        <Descriptions.Item label={label('admissionTargets')}>{textOr(facility.admissionTargets)}</Descriptions.Item>
        <Descriptions.Item label={label('buildingArea')}>{facility.buildingArea === null ? none : t(N.squareMetres, { n: area.format(facility.buildingArea) })}</Descriptions.Item>
        <Descriptions.Item label={label('landArea')}>{facility.landArea === null ? none : t(N.squareMetres, { n: area.format(facility.landArea) })}</Descriptions.Item>
        <Descriptions.Item label={t(N.flags)}>{flags.length > 0 ? flags.join('、') : none}</Descriptions.Item>
        <Descriptions.Item label={t({ zh: '床位费（元/月）', en: 'Bed fee (yuan/month)' })}>{fee(facility.bedFeeMinFen, facility.bedFeeMaxFen)}</Descriptions.Item>
        <Descriptions.Item label={t({ zh: '护理费（元/月）', en: 'Care fee (yuan/month)' })}>{fee(facility.careFeeMinFen, facility.careFeeMaxFen)}</Descriptions.Item>
        <Descriptions.Item label={t({ zh: '膳食费（元/月）', en: 'Meal fee (yuan/month)' })}>{fee(facility.mealFeeMinFen, facility.mealFeeMaxFen)}</Descriptions.Item>
        <Descriptions.Item label={label('residentDeposit')}>{facility.residentDepositFen === null ? none : formatYuan(facility.residentDepositFen)}</Descriptions.Item>
        <Descriptions.Item label={t(N.coordinates)}>{facility.latitude === null || facility.longitude === null ? none : `${facility.latitude}, ${facility.longitude}`}</Descriptions.Item>
      </Descriptions>

      <Space style={{ margin: '16px 0 8px' }}>
        <strong>{t(N.licences)}</strong>
        <Button size="small" onClick={() => setLicence(null)} data-testid="licence-add">
          {t(N.addLicence)}
        </Button>
      </Space>
      <Table<Licence>
        size="small"
        rowKey="id"
        pagination={false}
        loading={licences.isLoading}
        dataSource={licences.data ?? []}
        locale={{ emptyText: t(N.noLicences) }}
        data-testid="licence-table"
        columns={[
          { title: t(N.kind), dataIndex: 'kind', render: (k: Licence['kind']) => t(LICENCE_KIND[k]) },
          { title: label('number'), dataIndex: 'number', render: (v: string) => v || '—' },
          { title: label('issuedOn'), dataIndex: 'issuedOn' },
          {
            title: label('expiresOn'),
            dataIndex: 'expiresOn',
            render: (v: string | null) => (v === null ? t(N.noExpiry) : v < today ? <Tag color="red">{`${v} ${t(N.expired)}`}</Tag> : v),
          },
          { title: label('note'), dataIndex: 'note' },
          {
            title: '',
            key: 'actions',
            render: (_: unknown, l) => (
              <Space>
                <Button size="small" type="link" onClick={() => setLicence(l)}>
                  {t(C.edit)}
                </Button>
                <Button size="small" type="link" danger onClick={() => confirmRemove(l)} data-testid="licence-remove">
                  {t(C.delete)}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <NationalRecordForm open={editing} facility={facility} onClose={() => setEditing(false)} />
      <LicenceForm open={licence !== undefined} facilityId={facility.id} licence={licence ?? null} onClose={() => setLicence(undefined)} />
    </div>
  );
}
