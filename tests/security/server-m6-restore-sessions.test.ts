/**
 * M6: sessions survived a restore and attached to whichever account had the same numeric id
 * in the restored data — a facility manager became an administrator by a backup whose row
 * with their id was an administrator's. Now a restore ends every session (browser mode and
 * the desktop window; the restoring window carries on signed out), and a session is bound to
 * its account's id, name, creation time and password change, so a swapped row never matches.
 */
import path from 'node:path';
import { rawDb } from '../support/raw-db';
import { describe, expect, it } from 'vitest';
import { appRouter } from '../../src-main/api/router';
import { SessionStore } from '../../src-main/api/sessions';
import type { AppDb } from '../../src-main/db/open';
import { freshDb } from '../support/temp-db';
import { PASSWORD, twoFacilities } from '../support/two-facilities';
import { appError, cookieFrom, loginAs, mutate, query, serve } from './server-support';

/** A backup of `db` in which the facility manager's row (same id) is now an administrator. */
async function swappedBackup(db: AppDb, dir: string): Promise<string> {
  const file = path.join(dir, 'other.db');
  db.sqlite.prepare('VACUUM INTO ?').run(file);
  const copy = rawDb(file);
  copy.prepare("UPDATE users SET username = 'admin2', role = 'admin', facility_ids = '[]' WHERE username = 'mgr-a'").run();
  copy.close();
  return file;
}

type Me = { result?: { data: { username: string; role: string; anonymous: boolean } } };

describe('M6: a restore ends every session', () => {
  it('the facility manager does not become the administrator of the restored copy (over HTTP)', async () => {
    const { db, dir } = freshDb();
    await twoFacilities(db);
    const server = await serve(db);
    const admin = await loginAs(server, 'admin', PASSWORD);
    const manager = await loginAs(server, 'mgr-a', PASSWORD);
    const file = await swappedBackup(db, dir);

    const restore = await mutate(server, 'backup.restore', { cookie: admin }, { file });
    expect(restore.status).toBe(200);
    const me = await query(server, 'account.me', { cookie: manager });
    expect(me.status).toBe(401);
    expect((await appError(me))?.code).toBe('NO_SESSION');
    expect((await query(server, 'audit.list', { cookie: manager }, {})).status).toBe(401);
    // the restoring administrator's session ended too; the answer carried a signed-out one
    expect((await query(server, 'account.me', { cookie: admin })).status).toBe(401);
    const after = cookieFrom(restore);
    expect(after).toMatch(/^eldercare_session=/);
    const status = (await (await query(server, 'account.status', { cookie: after })).json()) as { result: { data: { loginRequired: boolean; me: { anonymous: boolean } } } };
    expect(status.result.data).toMatchObject({ loginRequired: true, me: { anonymous: true } });
  });

  it('a session does not follow its account id to another person’s row', async () => {
    const { db } = freshDb();
    const w = await twoFacilities(db);
    const server = await serve(db);
    const manager = await loginAs(server, 'mgr-a', PASSWORD);
    expect((await query(server, 'account.me', { cookie: manager })).status).toBe(200);
    // the row with this id now is someone else (what a restore, or a CLI on the file, can do)
    db.sqlite.prepare("UPDATE users SET username = 'admin2', role = 'admin' WHERE id = ?").run(w.users.managerA.id);
    const me = await query(server, 'account.me', { cookie: manager });
    expect(me.status).toBe(403);
    expect((await appError(me))?.code).toBe('LOGIN_REQUIRED');
    expect(((await (await query(server, 'account.status', { cookie: manager })).json()) as Me).result?.data).toMatchObject({ me: { anonymous: true } });
  });

  it('ends the desktop window’s session too; the window carries on signed out', async () => {
    const { db, dir } = freshDb();
    const w = await twoFacilities(db);
    const desktop = new SessionStore(db, { via: 'desktop' });
    let window = desktop.create(w.users.admin.id, 'desktop');
    const held = window;
    const rotate = (id: string) => {
      window = desktop.get(id)!;
    };
    const file = await swappedBackup(db, dir);
    await appRouter.createCaller(desktop.context(window, rotate)).backup.restore({ file });
    expect(held.userId).toBeNull();
    expect(window).not.toBe(held);
    expect(desktop.context(window, rotate).actor.anonymous).toBe(true);
    expect(desktop.counts()).toEqual({ loggedIn: 0, anonymous: 1 });
  });
});
