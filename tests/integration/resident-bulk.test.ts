/**
 * The set-based registration of many people (services/resident-bulk.ts, used by the residents
 * import) stores exactly what registering them one by one stores: the same rows, the same
 * audit rows, the same changes with the same owner and audience, sealed as one write.
 */
import { describe, expect, it } from 'vitest';
import { createResident } from '../../src-main/services/residents';
import { NewResidents } from '../../src-main/services/resident-bulk';
import { localActor } from '../../src-main/services/local-actor';
import { idFor } from './helpers';
import { importFile } from './import-helpers';
import { freshDb } from '../support/temp-db';
import type { AppDb } from '../../src-main/db/open';

const PEOPLE = Array.from({ length: 40 }, (_, i) => ({
  name: ['张秀英', '曾国华', '单雄', 'Ａ李桂兰', '王2号'][i % 5]! + String(i),
  idNumber: idFor(i + 1, i % 2 ? '520602' : '520603', i % 3 ? '19400101' : '19321229'),
  householdRegionCode: i % 4 === 0 ? null : '520602',
  tekun: i % 3 === 0,
  tekunSelfCare: i % 3 === 0 ? (['capable', 'partial', 'none'] as const)[i % 9 === 0 ? 0 : 1] : null,
  dibao: i % 2 === 0,
  lowIncome: i % 5 === 0,
  shidu: i % 7 === 0,
  youfu: i % 11 === 0,
  phone: i % 2 ? `1380000${String(i).padStart(4, '0')}` : '',
  emergencyContact: i % 2 ? '家属' : '',
  emergencyPhone: '',
}));

/** Residents by ID number, without what differs between two stores (ids, uids, timestamps). */
function residentsByNumber(db: AppDb) {
  const rows = db.sqlite.prepare('SELECT * FROM residents ORDER BY id_number').all() as Array<Record<string, unknown>>;
  return rows.map(({ id, uid, created_at, updated_at, ...rest }) => (void id, void uid, void created_at, void updated_at, rest));
}

/** Audit rows of registrations, keyed by the masked number and the name, without ids and timestamps. */
function registrations(db: AppDb) {
  const rows = db.sqlite.prepare("SELECT username, entity, owner, after FROM audit_log WHERE action = 'resident.create' ORDER BY id").all() as Array<{ after: string } & Record<string, unknown>>;
  return rows
    .map(({ after, ...r }) => {
      const a = JSON.parse(after) as Record<string, unknown>;
      expect(Object.keys(a)).toEqual(Object.keys(JSON.parse(rows[0]!.after) as object));
      const { id, uid, createdAt, updatedAt, ...rest } = a;
      expect(typeof id).toBe('number');
      expect(typeof uid).toBe('string');
      void createdAt;
      void updatedAt;
      return { ...r, ...rest };
    })
    .sort((x, y) => String(x.name).localeCompare(String(y.name)));
}

function changes(db: AppDb) {
  return db.sqlite.prepare("SELECT tbl, op, owner, audience, txn, last, after FROM change_log WHERE tbl = 'residents' ORDER BY seq").all() as Array<{
    tbl: string; op: string; owner: string; audience: string; txn: number; last: number; after: string;
  }>;
}

describe('registering many people at once', () => {
  it('stores the same rows, audit rows and changes as registering them one by one', () => {
    const one = freshDb();
    const bulk = freshDb();
    const ctxOne = { db: one.db, actor: localActor(one.db) };
    const ctxBulk = { db: bulk.db, actor: localActor(bulk.db) };
    for (const p of PEOPLE) createResident(ctxOne, p);
    const batch = new NewResidents(ctxBulk);
    const ids = batch.insert(PEOPLE.map((p) => batch.check(p)));
    expect(ids).toHaveLength(PEOPLE.length);
    // the ids come back in the order given, each the person at that place
    const numberOf = bulk.db.sqlite.prepare('SELECT id_number FROM residents WHERE id = ?').pluck();
    expect(ids.map((id) => numberOf.get(id))).toEqual(PEOPLE.map((p) => p.idNumber));

    expect(residentsByNumber(bulk.db)).toEqual(residentsByNumber(one.db));
    expect(registrations(bulk.db)).toEqual(registrations(one.db));

    const a = changes(one.db);
    const b = changes(bulk.db);
    expect(b).toHaveLength(PEOPLE.length);
    const comparable = (c: (typeof a)[number]) => {
      const { uid, created_at, updated_at, ...row } = JSON.parse(c.after) as Record<string, unknown>;
      void uid;
      void created_at;
      void updated_at;
      return { tbl: c.tbl, op: c.op, owner: c.owner, audience: c.audience, row, keys: Object.keys(JSON.parse(c.after) as object) };
    };
    expect(b.map(comparable).sort((x, y) => String(x.row.id_number).localeCompare(String(y.row.id_number)))).toEqual(
      a.map(comparable).sort((x, y) => String(x.row.id_number).localeCompare(String(y.row.id_number))),
    );
    // one write: every change carries the first one's seq as its write, the final one alone is marked last
    const first = bulk.db.sqlite.prepare("SELECT min(seq) FROM change_log WHERE tbl = 'residents'").pluck().get();
    expect(new Set(b.map((c) => c.txn))).toEqual(new Set([first]));
    expect(b.map((c) => c.last)).toEqual([...Array<number>(PEOPLE.length - 1).fill(0), 1]);
    one.db.close();
    bulk.db.close();
  });

  it('refuses a person the rules refuse, naming the field, before anything is written', () => {
    const { db } = freshDb();
    const ctx = { db, actor: localActor(db) };
    const batch = new NewResidents(ctx);
    batch.check(PEOPLE[0]!);
    expect(() => batch.check(PEOPLE[0]!)).toThrow(expect.objectContaining({ field: 'idNumber' }));
    expect(() => batch.check({ ...PEOPLE[1]!, tekun: true, tekunSelfCare: null })).toThrow(expect.objectContaining({ field: 'tekunSelfCare' }));
    expect(() => batch.check({ ...PEOPLE[2]!, householdRegionCode: '520699' })).toThrow(expect.objectContaining({ field: 'householdRegionCode' }));
    expect(() => batch.check({ ...PEOPLE[3]!, idNumber: '520602194001010010' })).toThrow(expect.objectContaining({ field: 'idNumber' }));
    createResident(ctx, PEOPLE[4]!);
    expect(() => batch.check(PEOPLE[4]!)).toThrow(expect.objectContaining({ code: 'ID_NUMBER_TAKEN' }));
    expect(db.sqlite.prepare('SELECT count(*) FROM residents').pluck().get()).toBe(1);
    db.close();
  });

  it('an imported file of people is one import entry with its hash, and the people stay findable by who registered them', async () => {
    const { db, api } = freshDb();
    const header = '姓名,身份证号,户籍区县代码,特困,特困自理能力,低保,低收入,失独,优抚对象,联系电话,紧急联系人,紧急联系电话';
    const lines = PEOPLE.slice(0, 5).map((p) => [p.name, p.idNumber, p.householdRegionCode ?? '', p.tekun ? '是' : '否', p.tekun ? '部分丧失' : '', '否', '否', '否', '否', '', '', ''].join(','));
    const r = await importFile(api, 'residents', '老人.csv', Buffer.from([header, ...lines].join('\n')));
    expect(r).toMatchObject({ committed: true, added: 5, problemCount: 0 });
    const entry = db.sqlite.prepare("SELECT after FROM audit_log WHERE action = 'import.commit'").pluck().get() as string;
    expect(JSON.parse(entry)).toMatchObject({ template: 'residents', fileName: '老人.csv', rows: 5, added: 5, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(db.sqlite.prepare("SELECT count(*) FROM audit_log WHERE action = 'resident.create'").pluck().get()).toBe(5);
    const list = await api.resident.list({ search: PEOPLE[0]!.name });
    expect(list.rows.map((x) => x.name)).toEqual([PEOPLE[0]!.name]);
    db.close();
  });
});
