/** The free beds of one facility on a date, as tiles grouped by building and room. */
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Row, Spin } from 'antd';
import { useMemo } from 'react';
import { api } from '../../api/client';
import type { BedTile } from '../../api/outputs';
import { useI18n } from '../../i18n';
import { FP as A } from './texts';

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
