/**
 * The recovery key shown once at set-up (services/recovery-key.ts): administrators get it while
 * this key's has not been confirmed as printed; after the confirmation it is never sent again,
 * also after reopening; nobody else gets it; an in-memory store has none.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCaller } from '../../src-main/api/router';
import { keyFingerprint, keyFromRecovery } from '../../src-main/db/db-key';
import { openDatabase } from '../../src-main/db/open';
import { RECOVERY_KEY_SHOWN_FOR } from '../../src-main/services/recovery-key';
import { freshDb, rejection, tempDir } from '../support/temp-db';
import { twoFacilities } from '../support/two-facilities';

describe('the recovery key', () => {
  it('is shown to an administrator until confirmed, and then never again (also after reopening)', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'office.db');
    const db = openDatabase(file);
    try {
      expect(db.key).toBeDefined();
      const w = await twoFacilities(db);
      const first = await w.as.admin.security.recoveryKey();
      expect(first.pending).toBe(true);
      expect(first.recoveryKey).toMatch(/^([0-9A-HJKMNP-TV-Z]{5}-){11}[0-9A-HJKMNP-TV-Z]{2}$/);
      expect(keyFromRecovery(first.recoveryKey!).equals(db.key!)).toBe(true);
      expect(first.keyId).toBe(keyFingerprint(db.key!));
      // asking again is not confirming: still pending
      expect((await w.as.admin.security.recoveryKey()).pending).toBe(true);

      const after = await w.as.admin.security.acknowledgeRecoveryKey();
      expect(after).toEqual({ pending: false, recoveryKey: null, keyId: first.keyId });
      expect(await w.as.admin.security.recoveryKey()).toEqual({ pending: false, recoveryKey: null, keyId: first.keyId });

      // the confirmation is a settings row naming the key by its fingerprint, and audited without the key
      const row = db.sqlite.prepare('SELECT value FROM settings WHERE key = ?').get(RECOVERY_KEY_SHOWN_FOR) as { value: string };
      expect(JSON.parse(row.value)).toBe(first.keyId);
      const audits = (await w.as.admin.audit.list({ action: 'security.recoveryKeyAcknowledged' })) as Array<{ action: string; username: string; before: string | null; after: string | null }>;
      expect(audits).toHaveLength(1);
      expect(audits[0]).toMatchObject({ username: 'admin', before: null });
      expect(JSON.parse(audits[0]!.after!)).toEqual({ keyId: first.keyId });
      const everything = JSON.stringify(db.sqlite.prepare('SELECT * FROM audit_log').all());
      expect(everything).not.toContain(first.recoveryKey!);
      expect(everything).not.toContain(first.recoveryKey!.replace(/-/g, ''));
      expect(everything).not.toContain(db.key!.toString('hex'));

      // confirming twice changes nothing more
      await w.as.admin.security.acknowledgeRecoveryKey();
      expect(await w.as.admin.audit.list({ action: 'security.recoveryKeyAcknowledged' })).toHaveLength(1);
    } finally {
      db.close();
    }

    const again = openDatabase(file);
    try {
      expect(await createCaller(again).security.recoveryKey()).toMatchObject({ pending: false, recoveryKey: null });
    } finally {
      again.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is refused to every account but the administrator, and their refusal confirms nothing', async () => {
    const { db } = freshDb();
    const w = await twoFacilities(db);
    for (const [who, caller] of [
      ['section city-wide', w.as.sectionCity],
      ['section county-limited', w.as.sectionBijiang],
      ['readonly', w.as.reader],
      ['facility manager', w.as.managerA],
    ] as const) {
      for (const call of [() => caller.security.recoveryKey(), () => caller.security.acknowledgeRecoveryKey()]) {
        const err = await rejection(call());
        expect({ who, kind: err.kind }).toEqual({ who, kind: 'forbidden' });
        expect(JSON.stringify(err.toJSON())).not.toMatch(/[0-9A-Z]{5}-[0-9A-Z]{5}-/);
      }
    }
    expect(db.sqlite.prepare('SELECT 1 FROM settings WHERE key = ?').get(RECOVERY_KEY_SHOWN_FOR)).toBeUndefined();
    expect((await w.as.admin.security.recoveryKey()).pending).toBe(true);
  });

  it('is offered afresh for another key (the confirmation names the key it was for)', async () => {
    const { db } = freshDb();
    db.sqlite.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run(RECOVERY_KEY_SHOWN_FOR, JSON.stringify('0123456789abcdef'));
    const api = createCaller(db);
    const s = await api.security.recoveryKey();
    expect(s.pending).toBe(true);
    expect(keyFromRecovery(s.recoveryKey!).equals(db.key!)).toBe(true);
    await api.security.acknowledgeRecoveryKey();
    const [entry] = (await api.audit.list({ action: 'security.recoveryKeyAcknowledged' })) as Array<{ before: string | null }>;
    expect(JSON.parse(entry!.before!)).toEqual({ keyId: '0123456789abcdef' });
    expect((await api.security.recoveryKey()).pending).toBe(false);
  });

  it('does not exist for an in-memory store', async () => {
    const mem = openDatabase(':memory:');
    try {
      expect(mem.key).toBeUndefined();
      const api = createCaller(mem);
      expect(await api.security.recoveryKey()).toEqual({ pending: false, recoveryKey: null, keyId: null });
      expect(await api.security.acknowledgeRecoveryKey()).toEqual({ pending: false, recoveryKey: null, keyId: null });
      expect(mem.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'security.recoveryKeyAcknowledged'").get()).toEqual({ n: 0 });
    } finally {
      mem.close();
    }
  });
});
