/**
 * The hub (docs/architecture.md#hub): the central server installs sync with when a network is
 * there. It is a recipient like any office and applies what it receives with the office's own
 * engine — signatures, revocations, ownership, gaps and refusals (services/exchange/) — on a
 * working SQLite copy (the "engine", a province-level install enrolled by nobody, as the
 * reference of the exchange simulation), and keeps in PostgreSQL:
 * - every package file it received, whole (hub_packages), so the engine can always be made
 *   again from PostgreSQL alone: after a restore of a dump, or on a new server;
 * - the register and the change stream they make (mirror.ts), which its reports read;
 * - its identity (the keys sealed as in any install, under a key derived from the hub key).
 * Files for another office (a county's package for the city) are checked — a known sender's
 * signature — and kept until that office syncs (relay): the same files as on a USB stick.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AppDb } from '../../db/open';
import { openDatabase } from '../../db/open';
import { installIdentity, keyFingerprint, signAsInstall, verifyInstallSignature } from '../../db/install-identity';
import type { PgDb } from '../../db/pg/connection';
import { personalCipher, type PersonalCipher } from '../../db/pg/personal-cipher';
import type { ReceiveReport } from '../../db/exchange/types';
import { clockNowIso } from '../../domain/dates';
import { holdings } from '../exchange/batch';
import type { RegistryRow } from '../exchange/enrol';
import { importPackage } from '../exchange/import-package';
import { checkSender, PackageRefused, readPackageHeader } from '../exchange/package-file';
import { mirrorRegister, resetMirror } from './mirror';

/** An install as the registry holds it: the row an install sends when it says hello. */
export type { RegistryRow };

export interface HubIdentity {
  uid: string;
  publicKey: string;
  boxPublicKey: string;
  fingerprint: string;
  /** The root install the hub trusts (its fingerprint). */
  root: string;
}

/** The hub's acknowledgement: through which change of each origin it holds, signed by the hub. */
export interface SignedAcks {
  body: string;
  signature: string;
}

export type PushOutcome =
  | { kind: 'applied'; alreadyHad: boolean; report?: ReceiveReport; acks: SignedAcks }
  | { kind: 'relayed'; alreadyHad: boolean; recipients: string[] }
  | { kind: 'refused'; code: string; zh: string; en: string };

export interface InboxEntry {
  sha256: string;
  position: number;
  sender: string;
  receivedAt: string;
}

const ENGINE_FILE = 'hub-engine.db';
/** The engine's own record of the last package (hub_packages.position) it applied. */
const APPLIED_KEY = '_hubApplied';

function unknownSender(): PushOutcome {
  return {
    kind: 'refused',
    code: 'UNKNOWN_SENDER',
    zh: '中心服务器尚不认识本单位：请先让登记本单位的上级单位同步一次，再同步',
    en: 'The hub does not know this office yet: have the section that enrolled it sync once, then sync again',
  };
}

export function normaliseFingerprint(fp: string): string {
  return fp.replace(/[^0-9a-fA-F]/g, '').toLowerCase();
}

function subkey(hubKey: Buffer, purpose: string): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', hubKey, Buffer.alloc(0), `eldercare hub ${purpose} v1`, 32));
}

export interface HubOptions {
  pg: PgDb;
  /** The folder of the engine file (a working copy, made again from PostgreSQL when missing). */
  dataDir: string;
  /** 32 bytes, kept outside the database (db/pg/personal-cipher.ts hubKey). */
  hubKey: Buffer;
  rootFingerprint: string;
  log?: (line: string) => void;
}

export class Hub {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private engine: AppDb,
    readonly pg: PgDb,
    readonly cipher: PersonalCipher,
    private readonly options: HubOptions,
  ) {}

  /** Open the hub: its PostgreSQL (migrated), its identity, and an engine in step with the packages PostgreSQL holds. */
  static async open(options: HubOptions): Promise<Hub> {
    fs.mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
    const engineKey = subkey(options.hubKey, 'engine');
    const cipher = personalCipher(subkey(options.hubKey, 'personal'));
    const file = path.join(options.dataDir, ENGINE_FILE);
    const open = () => openDatabase(file, { key: engineKey, install: { level: 'province', regionCode: '000000' }, autoBackup: false, backupBeforeMigrate: false });
    let engine = open();
    const hub = new Hub(engine, options.pg, cipher, options);
    const root = await hub.state<RegistryRow>('root');
    if (root && normaliseFingerprint(keyFingerprint(root.public_key)) !== normaliseFingerprint(options.rootFingerprint))
      throw new Error(
        `该数据库的中心服务器信任另一个根安装（${keyFingerprint(root.public_key)}），与 --root 不符；请核对 --root 或换一个数据库 / this hub database trusts another root (${keyFingerprint(root.public_key)}), not --root; check --root or use another database`,
      );
    const stored = await hub.state<Record<string, unknown>>('identity');
    const mine = engine.sqlite.prepare('SELECT * FROM install_identity WHERE id = 1').get() as Record<string, unknown>;
    const lastStored = await hub.lastPosition();
    const applied = hub.appliedPosition();
    if (!stored) {
      // a new hub: its identity is the engine's, kept in PostgreSQL from now on
      await hub.setState('identity', mine);
      if (lastStored > 0) throw new Error('hub_packages holds files but the hub has no identity: this database belongs to another hub');
    } else if (stored.uid !== mine.uid || applied > lastStored) {
      // a new engine, or PostgreSQL restored from an older dump: make the engine again from PostgreSQL
      options.log?.(`从 PostgreSQL 重建工作副本 / rebuilding the working copy from PostgreSQL (${lastStored} 个交换包 / packages)`);
      engine.close();
      for (const f of fs.readdirSync(options.dataDir)) if (f.startsWith(ENGINE_FILE)) fs.rmSync(path.join(options.dataDir, f), { force: true });
      engine = open();
      engine.sqlite.prepare('DELETE FROM install_identity').run();
      const cols = Object.keys(stored);
      engine.sqlite.prepare(`INSERT INTO install_identity (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`).run(stored);
      engine.close();
      engine = open();
      hub.engine = engine;
      if (root) hub.seedRoot(root);
      await resetMirror(options.pg);
    }
    await hub.catchUp();
    await mirrorRegister(hub.engine, options.pg, cipher);
    return hub;
  }

  identity(): HubIdentity {
    const me = installIdentity(this.engine.sqlite);
    return { uid: me.uid, publicKey: me.publicKey, boxPublicKey: me.boxPublicKey, fingerprint: keyFingerprint(me.publicKey), root: this.options.rootFingerprint };
  }

  /** An install says who it is: the root, the first time, becomes known (its fingerprint is the one the hub was started with). */
  hello(install: RegistryRow): Promise<HubIdentity> {
    return this.serial(async () => {
      const isRoot = install.enrolled_by === null && normaliseFingerprint(keyFingerprint(install.public_key)) === normaliseFingerprint(this.options.rootFingerprint);
      if (isRoot && !this.known(install.uid)) {
        this.seedRoot(install);
        await this.setState('root', install);
      }
      return this.identity();
    });
  }

  /** A package file: applied when it is for the hub, kept to pass on when it is for another office. Never half. */
  push(bytes: Buffer): Promise<PushOutcome> {
    return this.serial(async () => {
      try {
        const { header } = readPackageHeader(bytes);
        const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
        const me = installIdentity(this.engine.sqlite).uid;
        const recipients = header.recipients.map((r) => r.to);
        const known = this.known(header.from);
        const forHub = recipients.includes(me);
        if (!known && forHub) return unknownSender();
        // a new office's first file (for its section) names its key in its claim; the section checks the claim
        checkSender(this.engine, bytes, undefined, known ? undefined : header.enrolment?.publicKey);
        const had = (await this.pg.pool.query('SELECT 1 FROM hub_packages WHERE sha256 = $1', [sha256])).rowCount! > 0;
        if (!forHub) {
          if (!had) await this.store(sha256, header.from, 'relay', recipients, bytes);
          return { kind: 'relayed', alreadyHad: had, recipients };
        }
        if (had) return { kind: 'applied', alreadyHad: true, acks: this.signedAcks(header.from) };
        const position = await this.store(sha256, header.from, 'hub', recipients, bytes);
        const outcome = this.apply(bytes, position);
        if (outcome.refused) {
          // stored and refused alike everywhere: the engine remembers the refusal, as an office would
          return { kind: 'refused', ...outcome.refused };
        }
        await mirrorRegister(this.engine, this.pg, this.cipher);
        return { kind: 'applied', alreadyHad: false, report: outcome.report, acks: this.signedAcks(header.from) };
      } catch (e) {
        if (e instanceof PackageRefused) return { kind: 'refused', code: e.code, zh: e.zh, en: e.en };
        throw e;
      }
    });
  }

  /**
   * Files kept for `uid` after `after` (a position): of each sender, only the latest, which
   * holds all an earlier one did that the receiver still lacks (a batch carries every change
   * past the receiver's acknowledgements, and those only grow) and a newer report.
   */
  async inbox(uid: string, after: number): Promise<InboxEntry[]> {
    const rows = await this.pg.pool.query<{ sha256: string; position: number; sender: string; received_at: string }>(
      `SELECT sha256, position, sender, received_at FROM (
         SELECT DISTINCT ON (sender) sha256, position, sender, received_at FROM hub_packages
         WHERE kind = 'relay' AND $1 = ANY(recipients) AND position > $2 ORDER BY sender, position DESC
       ) latest ORDER BY position`,
      [uid, after],
    );
    return rows.rows.map((r) => ({ sha256: r.sha256, position: r.position, sender: r.sender, receivedAt: r.received_at }));
  }

  /** A file kept for `uid` (null when there is none, or it is not for that install). */
  async packageBytes(sha256: string, uid: string): Promise<Buffer | null> {
    const r = await this.pg.pool.query<{ bytes: Buffer }>("SELECT bytes FROM hub_packages WHERE sha256 = $1 AND kind = 'relay' AND $2 = ANY(recipients)", [sha256, uid]);
    return r.rows[0]?.bytes ?? null;
  }

  /**
   * Which install signed this request (sync-client.ts signedRequestHeaders): a known, unrevoked
   * install, within a quarter of an hour of the hub's clock; null when it proves nothing.
   */
  requester(headers: Record<string, string | string[] | undefined>, method: string, pathAndQuery: string): string | null {
    const uid = headers['x-eldercare-install'];
    const at = headers['x-eldercare-time'];
    const signature = headers['x-eldercare-signature'];
    if (typeof uid !== 'string' || typeof at !== 'string' || typeof signature !== 'string') return null;
    const when = Date.parse(at);
    if (!Number.isFinite(when) || Math.abs(Date.now() - when) > 15 * 60_000) return null;
    const row = this.engine.sqlite.prepare('SELECT public_key AS key, revoked_at AS revokedAt FROM installs WHERE uid = ?').get(uid) as { key: string; revokedAt: string | null } | undefined;
    if (!row || row.revokedAt) return null;
    try {
      return verifyInstallSignature(row.key, Buffer.from(`${uid}\n${method}\n${pathAndQuery}\n${at}`, 'utf8'), Buffer.from(signature, 'base64')) ? uid : null;
    } catch {
      return null;
    }
  }

  /** The engine (tests and the statistics of the hub's own CLI read it). */
  get engineDb(): AppDb {
    return this.engine;
  }

  async close(): Promise<void> {
    await this.queue.catch(() => undefined);
    this.engine.close();
  }

  // ——— inside ———

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private known(uid: string): boolean {
    return this.engine.sqlite.prepare('SELECT 1 FROM installs WHERE uid = ?').get(uid) !== undefined;
  }

  /** The root's registry row, as the root holds it (the root's own first change is that row; receiving it needs the root known). */
  private seedRoot(root: RegistryRow): void {
    const s = this.engine.sqlite;
    s.transaction(() => {
      s.prepare('INSERT OR IGNORE INTO change_capture_off (id) VALUES (1)').run();
      s.prepare(
        'INSERT OR IGNORE INTO installs (uid, level, region_code, facility_uid, public_key, box_public_key, enrolled_by, created_at) VALUES (@uid, @level, @region_code, @facility_uid, @public_key, @box_public_key, @enrolled_by, @created_at)',
      ).run({ ...root, created_at: root.created_at ?? clockNowIso() });
      s.prepare('DELETE FROM change_capture_off').run();
    })();
  }

  private apply(bytes: Buffer, position: number) {
    const outcome = importPackage(this.engine, bytes);
    this.engine.sqlite
      .prepare("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')")
      .run(APPLIED_KEY, JSON.stringify(position));
    return outcome;
  }

  private appliedPosition(): number {
    const v = this.engine.sqlite.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(APPLIED_KEY) as string | undefined;
    return v ? (JSON.parse(v) as number) : 0;
  }

  private async lastPosition(): Promise<number> {
    return (await this.pg.pool.query<{ n: number }>('SELECT coalesce(max(position), 0) AS n FROM hub_packages')).rows[0]!.n;
  }

  /** Apply, in the order received, the files for the hub the engine has not applied (a new engine: all of them). */
  private async catchUp(): Promise<void> {
    const from = this.appliedPosition();
    const me = installIdentity(this.engine.sqlite).uid;
    const rows = await this.pg.pool.query<{ position: number; bytes: Buffer }>(
      "SELECT position, bytes FROM hub_packages WHERE kind = 'hub' AND $1 = ANY(recipients) AND position > $2 ORDER BY position",
      [me, from],
    );
    for (const r of rows.rows) this.apply(r.bytes, r.position);
    if (rows.rows.length) this.options.log?.(`已应用 ${rows.rows.length} 个交换包 / applied ${rows.rows.length} package(s)`);
  }

  private async store(sha256: string, sender: string, kind: 'hub' | 'relay', recipients: string[], bytes: Buffer): Promise<number> {
    const r = await this.pg.pool.query<{ position: number }>(
      'INSERT INTO hub_packages (sha256, sender, kind, recipients, received_at, bytes) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (sha256) DO UPDATE SET sha256 = excluded.sha256 RETURNING position',
      [sha256, sender, kind, recipients, clockNowIso(), bytes],
    );
    return r.rows[0]!.position;
  }

  private signedAcks(to: string): SignedAcks {
    const me = installIdentity(this.engine.sqlite).uid;
    const body = JSON.stringify({ hub: me, to, at: clockNowIso(), acks: holdings(this.engine.sqlite, me) });
    return { body, signature: signAsInstall(this.engine.sqlite, this.engine.key, Buffer.from(body, 'utf8')).toString('base64') };
  }

  private async state<T>(key: string): Promise<T | undefined> {
    const r = await this.pg.pool.query<{ value: string }>('SELECT value FROM hub_state WHERE key = $1', [key]);
    return r.rows[0] ? (JSON.parse(r.rows[0].value) as T) : undefined;
  }

  private async setState(key: string, value: unknown): Promise<void> {
    await this.pg.pool.query('INSERT INTO hub_state (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, JSON.stringify(value)]);
  }
}
