/**
 * The audit log in words: each entry carries who acted by display name (or the pseudo-actor
 * for the local account, the command line, the demo data) and the object's name, so the
 * 操作日志 page can say `2026-12-01 09:15 甲院长 为 老人1 办理离院`; month closes name people.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { auditActionLabel } from '../../src-main/contract/audit-labels';
import { createCaller } from '../../src-main/api/router';
import { localActor } from '../../src-main/services/local-actor';
import { freshDb } from '../support/temp-db';
import { twoFacilities } from '../support/two-facilities';

describe('audit list in words', () => {
  it('returns display names and object names, and stays filterable by action and actor', async () => {
    const { db } = freshDb();
    const w = await twoFacilities(db);
    await w.as.managerA.stay.discharge({ stayId: w.a.stay.id, dischargedOn: '2026-11-20', dischargeReason: 'home' });
    await w.as.admin.resident.revealIdNumber({ id: w.b.resident.id });
    await w.as.sectionCity.month.close({ month: '2026-11' });

    const all = await w.as.admin.audit.list();
    // nothing of the list speaks in usernames or ids where a name exists
    const discharge = all.find((r) => r.action === 'stay.discharge')!;
    expect(discharge).toMatchObject({ actorKind: 'user', actorName: '甲院长', objectName: '老人1', facilityName: '碧江区甲养老院' });
    expect(auditActionLabel(discharge.action).zh.replace('{obj}', discharge.objectName!)).toBe('为 老人1 办理离院');
    const reveal = all.find((r) => r.action === 'resident.revealIdNumber')!;
    expect(reveal).toMatchObject({ actorName: '管理员', objectName: '老人2' });
    expect(JSON.stringify(reveal)).not.toMatch(/\d{17}[\dX]/);
    expect(all.find((r) => r.action === 'month.close')).toMatchObject({ actorName: '市科员', objectName: '2026-11' });
    // the set-up before login was enabled ran as the local pseudo-account
    const created = all.find((r) => r.action === 'facility.create' && r.objectName === '万山区乙养老院')!;
    expect(created).toMatchObject({ actorKind: 'local', actorName: null, facilityName: '万山区乙养老院' });
    expect(all.filter((r) => r.action === 'bed.add').map((r) => r.objectName)).toEqual(['万山区乙养老院', '碧江区甲养老院']);
    expect(all.filter((r) => r.action === 'contract.create').map((r) => r.facilityName)).toEqual(['万山区乙养老院', '碧江区甲养老院']);
    expect(all.find((r) => r.action === 'population.upsert')!.objectName).toMatch(/^(碧江区|万山区) 2026$/);
    expect(all.find((r) => r.action === 'user.create' && r.objectName === '甲院长')).toBeDefined();

    // filters still answer: by action, and by actor
    const discharges = await w.as.admin.audit.list({ action: 'stay.discharge' });
    expect(discharges.map((r) => r.actorName)).toEqual(['甲院长']);
    const byManager = await w.as.admin.audit.list({ username: 'mgr-a' });
    expect(byManager.length).toBeGreaterThan(0);
    expect(new Set(byManager.map((r) => r.actorName))).toEqual(new Set(['甲院长']));

    // month close records show the display name, not the username
    const status = await w.as.admin.month.status({ month: '2026-11' });
    expect(status.closedByName).toBe('市科员');
    expect(status.history.map((h) => [h.username, h.displayName])).toEqual([['city', '市科员']]);
  });

  it('names the command line and the demo data as such', async () => {
    const { db } = freshDb();
    const cli = createCaller(db, { ...localActor(db), username: 'cli' });
    await cli.facility.create({ regionCode: '520602', name: '命令行建的院', kind: 'nursing_home', ownership: 'public', status: 'operating', statusDate: '2020-01-01' });
    const demo = createCaller(db, { ...localActor(db), username: 'seed-demo' });
    await demo.facility.create({ regionCode: '520602', name: '演示院', kind: 'nursing_home', ownership: 'public', status: 'operating', statusDate: '2020-01-01' });
    const rows = await createCaller(db).audit.list({ action: 'facility.create' });
    expect(rows.map((r) => [r.actorKind, r.objectName])).toEqual([
      ['demo', '演示院'],
      ['cli', '命令行建的院'],
    ]);
  });
});

describe('scope refusals in words', () => {
  it('name the facility and the bed, never an internal id, and do not name a resident', async () => {
    const { db } = freshDb();
    const w = await twoFacilities(db);
    const { rejection } = await import('../support/temp-db');
    const f = await rejection(w.as.managerA.facility.statusHistory({ id: w.b.facility.id }));
    expect(f.code).toBe('FORBIDDEN');
    expect(f.zh).toBe('超出您的权限范围：万山区乙养老院');
    expect(f.en).toBe('Outside your scope: 万山区乙养老院');
    const s = await rejection(w.as.managerA.stay.discharge({ stayId: w.b.stay.id, dischargedOn: '2026-11-20', dischargeReason: 'home' }));
    expect(s.zh).toBe('超出您的权限范围：万山区乙养老院 的入住记录');
    const r = await rejection(w.as.managerA.resident.revealIdNumber({ id: w.b.resident.id }));
    expect(r.zh).not.toMatch(/老人2|（\d+）/);
  });
});

describe('the roster cover', () => {
  it('names who exported by display name, and the local account as 本机用户', async () => {
    const { db } = freshDb();
    const w = await twoFacilities(db);
    const cover = async (api: typeof w.as.admin, full: boolean) => {
      const r = await api.resident.roster({ fullIdNumbers: full });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(r.base64, 'base64') as unknown as ArrayBuffer);
      const texts: string[] = [];
      wb.getWorksheet('封面')!.eachRow((row) => texts.push(row.values && Array.isArray(row.values) ? row.values.filter(Boolean).join(' ') : ''));
      return texts.join('\n');
    };
    const mine = await cover(w.as.sectionCity, true);
    expect(mine).toContain('导出人 市科员（科室人员）');
    expect(mine).toContain('由 市科员（科室人员）于');
    expect(mine).not.toContain('city（');
    expect(await cover(createCaller(db, { ...localActor(db), username: 'browser' }), false)).toContain('导出人 本机用户（管理员）');
  });
});
