/**
 * Choosing where a resident goes: a residential facility operating on the date (searchable
 * by typing), and the free beds of one facility as tiles.
 */
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Row, Select, Spin, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { api } from '../../api/client';
import { useI18n } from '../../i18n';
import { FACILITY_KIND, FACILITY_KINDS, isResidentialKind, type FacilityKind } from '@domain/enums';
import type { BedTile } from '../../api/outputs';
import { A } from './texts';

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

export function useFreeBeds(facilityId: number | null | undefined, date: string) {
  const board = useQuery({
    queryKey: ['bed.board', facilityId, date],
    queryFn: () => api.bed.board.query({ facilityId: facilityId!, date }),
    enabled: !!facilityId,
  });
  const free = useMemo(() => (board.data ?? []).filter((b) => b.state === 'free'), [board.data]);
  return { ...board, free };
}

function roomsOf(beds: BedTile[]) {
  const map = new Map<string, { key: string; title: string; beds: BedTile[] }>();
  for (const b of beds) {
    const key = `${b.building}\u0000${b.room}`;
    if (!map.has(key)) map.set(key, { key, title: [b.building, b.room].filter(Boolean).join(' · '), beds: [] });
    map.get(key)!.beds.push(b);
  }
  return [...map.values()];
}

/** The free beds of a facility on a date as tiles; nursing-type ones first when suggested. */
export function FreeBedTiles({ beds, loading, value, onChange, suggestNursing, date }: { beds: BedTile[]; loading?: boolean; value: number | null; onChange(b: BedTile): void; suggestNursing: boolean; date: string }) {
  const { t } = useI18n();
  const sorted = useMemo(() => (suggestNursing ? [...beds].sort((a, b) => (a.careType === b.careType ? 0 : a.careType === 'nursing' ? -1 : 1)) : beds), [beds, suggestNursing]);
  const rooms = useMemo(() => roomsOf(sorted), [sorted]);
  if (loading) return <Spin />;
  if (beds.length === 0) return <Empty description={t(A.noFreeBeds, { date })} data-testid="admission-no-free-beds" />;
  return (
    <Row gutter={[12, 12]} data-testid="admission-beds">
      {rooms.map((room) => (
        <Col key={room.key} xs={24} md={12} xl={8}>
          <Card size="small" title={room.title || t({ zh: '未分楼栋/房间', en: 'No building/room' })}>
            <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
              {room.beds.map((b) => {
                const selected = value === b.id;
                const nursing = b.careType === 'nursing';
                return (
                  <button
                    key={b.id}
                    type="button"
                    onClick={() => onChange(b)}
                    aria-pressed={selected}
                    data-testid={`admission-bed-${b.label}`}
                    data-nursing={nursing}
                    data-selected={selected}
                    style={{
                      width: 92,
                      minHeight: 54,
                      padding: '4px 6px',
                      cursor: 'pointer',
                      textAlign: 'left',
                      borderRadius: 6,
                      fontSize: 13,
                      lineHeight: 1.35,
                      background: selected ? '#1f6feb' : nursing ? '#fff7e6' : '#f6ffed',
                      color: selected ? '#fff' : '#222',
                      border: `${selected ? 2 : 1}px solid ${selected ? '#0b4fc4' : nursing ? '#ffa940' : '#95de64'}`,
                    }}
                  >
                    <div style={{ fontWeight: 600 }}>{b.label}</div>
                    <div style={{ fontSize: 12 }}>
                      {nursing ? t(A.nursing) : t(A.general)}
                      {nursing && suggestNursing ? ` · ${t(A.suggested)}` : ''}
                    </div>
                  </button>
                );
              })}
            </div>
          </Card>
        </Col>
      ))}
    </Row>
  );
}
