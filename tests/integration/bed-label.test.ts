/**
 * A bed's full name in lists (resident list, stays): building, room and label joined by one
 * space, empty parts left out — never a double space when the building or room is empty.
 */
import { describe, expect, it } from 'vitest';
import { freshDb } from '../support/temp-db';
import { idFor } from './helpers';

describe('bed names in the resident and stay lists', () => {
  it('joins only the parts that are filled in', async () => {
    const { api } = freshDb();
    const f = await api.facility.create({ regionCode: '520602', name: '碧江区社会福利院', kind: 'nursing_home', ownership: 'public', status: 'operating', statusDate: '2020-01-01' });
    const cases = [
      { building: '1号楼', room: '101', label: 'A-1', expected: '1号楼 101 A-1' },
      { building: '1号楼', room: '', label: 'B-1', expected: '1号楼 B-1' },
      { building: '', room: '102', label: 'C-1', expected: '102 C-1' },
      { building: '', room: '', label: 'D-1', expected: 'D-1' },
    ];
    for (const [i, c] of cases.entries()) {
      const [bed] = await api.bed.add({ facilityId: f.id, count: 1, nursingCount: 0, building: c.building, room: c.room, labelPattern: c.label, inServiceFrom: '2020-01-01' });
      const r = await api.resident.create({ name: `住户${i + 1}`, idNumber: idFor(i + 1) });
      await api.stay.admit({ residentId: r.id, bedId: bed!.id, admittedOn: '2026-01-01' });
    }

    // The stay list is raw SQL rows (untyped); these two columns are what the screens read.
    const stays = (await api.stay.list({ facilityId: f.id })) as Array<{ residentName: string; bedLabel: string | null }>;
    const residents = await api.resident.list({});
    for (const [i, c] of cases.entries()) {
      const name = `住户${i + 1}`;
      expect(stays.find((s) => s.residentName === name)?.bedLabel).toBe(c.expected);
      expect(residents.rows.find((r) => r.name === name)?.bedLabel).toBe(c.expected);
    }
    for (const s of stays) expect(s.bedLabel).not.toMatch(/\s{2}|^\s|\s$/);
  });

  it('gives no bed name for a stay without a bed', async () => {
    const { api } = freshDb();
    const r = await api.resident.create({ name: '未入住', idNumber: idFor(9) });
    const list = await api.resident.list({});
    expect(list.rows.find((x) => x.id === r.id)?.bedLabel).toBeNull();
  });
});
