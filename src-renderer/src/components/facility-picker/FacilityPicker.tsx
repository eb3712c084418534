/**
 * Choosing where a resident goes: a residential facility operating on the date (searchable
 * by typing). Its free beds are FreeBedTiles.tsx.
 */
import { useQuery } from '@tanstack/react-query';
import { Select, Tag, Typography } from 'antd';
import { api } from '../../api/client';
import { useI18n } from '../../i18n';
import { FACILITY_KIND, FACILITY_KINDS, isResidentialKind, type FacilityKind } from '@domain/enums';
import { FP as A } from './texts';

interface FacilityOption {
  value: number;
  label: string;
  county: string;
  free: number;
  kind: FacilityKind;
}

const RESIDENTIAL_KINDS = FACILITY_KINDS.filter(isResidentialKind);

/** Residential facilities operating on the date (nursing homes, support homes, mutual-aid homes). */
export function useResidentialFacilities(date: string) {
  return useQuery({
    queryKey: ['facility.list', 'residential-operating', date],
    queryFn: () => api.facility.list.query({ statuses: ['operating'], kinds: RESIDENTIAL_KINDS, date }),
  });
}

export function FacilityPicker({ value, onChange, date, testId, placeholder, id }: { value?: number | null; onChange?: (id: number | null) => void; date: string; testId?: string; placeholder?: string; id?: string }) {
  const { t } = useI18n();
  const list = useResidentialFacilities(date);
  const rows = list.data?.rows ?? [];
  return (
    <Select<number, FacilityOption>
      id={id}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      allowClear
      showSearch={{ optionFilterProp: ['label', 'county'] }}
      loading={list.isLoading}
      placeholder={placeholder ?? t(A.facilityPlaceholder)}
      data-testid={testId}
      notFoundContent={list.isLoading ? undefined : <Typography.Text type="secondary">{t(A.noFacility)}</Typography.Text>}
      style={{ width: '100%' }}
      options={rows.map((f): FacilityOption => ({ value: f.id, label: f.name, county: f.regionName, free: Math.max(0, f.beds - f.occupiedBeds), kind: f.kind }))}
      optionRender={(o) => (
        <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
          <span style={{ flex: '0 0 auto' }}>{o.data.label}</span>
          <Typography.Text type="secondary" ellipsis style={{ flex: 1, minWidth: 0 }}>
            {o.data.county} · {t(FACILITY_KIND[o.data.kind])}
          </Typography.Text>
          <Tag color={o.data.free > 0 ? 'green' : 'default'} style={{ flex: '0 0 auto', marginInlineEnd: 0 }}>
            {t(A.freeBeds, { n: o.data.free })}
          </Tag>
        </div>
      )}
    />
  );
}
