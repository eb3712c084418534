/**
 * An import into a closed month (issue 14, finding 19): the preview and the confirmed import
 * are the confirmation a closed month asks for, so rows dated in or before it import, the
 * month then shows the difference, and a row correcting a past year's figure gives the file
 * as its reason in the audit log.
 */
import { describe, expect, it } from 'vitest';
import { freshDb } from '../support/temp-db';
import { fixture, importFile, importRegisters } from './import-helpers';

/** A home elsewhere, so that November has something to close. */
const HOME = { regionCode: '520624', name: '思南县敬老院', kind: 'support_home', ownership: 'public', status: 'operating', statusDate: '2019-01-01' } as const;

describe('import after a month is closed', () => {
  it('registers dated before the closed month import, and the month shows the difference', async () => {
    const { api } = freshDb();
    await api.facility.create(HOME);
    await api.month.close({ month: '2026-11' });
    await importRegisters(api);
    const stays = await importFile(api, 'stays', 'stays.csv', fixture('stays.csv'));
    expect(stays.committed).toBe(true);
    const report = await api.month.report({ month: '2026-11' });
    const beds = report.differences.find((d) => d.code === '520602' && d.field === 'countedBeds');
    console.log('November 碧江区 counted beds, closed → live:', beds?.closed, '→', beds?.live);
    expect(beds?.closed).toBe(0);
    expect(beds?.live).toBeGreaterThan(0);
  });

  it('a changed figure of a past year imports with the file as its reason', async () => {
    const { db, api } = freshDb();
    const first = await importFile(api, 'population', 'population.csv', fixture('population.csv'));
    expect(first.committed).toBe(true);
    await api.facility.create(HOME);
    await api.month.close({ month: '2026-11' });
    const changed = fixture('population.csv').toString('utf8').replace('520603,2023,38000', '520603,2023,39000');
    const second = await importFile(api, 'population', '人口更正.csv', Buffer.from(changed, 'utf8'));
    expect(second.committed).toBe(true);
    expect(second.updated).toBe(1);
    const row = db.sqlite.prepare("SELECT after FROM audit_log WHERE action = 'population.upsert' ORDER BY id DESC LIMIT 1").get() as { after: string };
    expect(JSON.parse(row.after)).toMatchObject({ population60: 39000, correctionReason: '按导入文件更正：人口更正.csv' });
  });
});
