/**
 * `exchange sync`: an install and the hub, when a network is there (docs/exchange.md "Sync
 * with the hub"). In one sync the install
 * 1. says who it is (the root, the first time, becomes known to the hub) and learns the hub's
 *    keys — pinned at the first sync: a hub that later answers with another key is refused;
 * 2. takes the files the hub keeps for it and imports them as any package file, one at a
 *    time, remembering the last one taken — a sync cut off half-way goes on from there, and a
 *    file that also came by USB applies once; first, so what they bring travels on at once;
 * 3. hands the hub the package for its section (the county's for the city, the city's for each
 *    county it enrolled): the same file as `exchange export` writes for the USB stick, which
 *    the hub passes on when that office syncs;
 * 4. hands the hub a package made for it: its own changes and those of the offices below it
 *    that the hub has not acknowledged; the hub's signed acknowledgement says through which
 *    change of each origin it holds, so the next sync carries only the rest.
 * A hub that cannot be reached is a message; nothing here is lost or half-written.
 */
import crypto from 'node:crypto';
import { installIdentity, keyFingerprint, signAsInstall, verifyInstallSignature } from '../../db/install-identity';
import type { AppDb } from '../../db/open';
import { clockNowIso } from '../../domain/dates';
import { fail } from '../../domain/errors';
import { INSTALL } from '../../domain/ownership';
import { audit, write, type Actor } from '../context';
import { localActor } from '../local-actor';
import { makeHubBatch } from '../exchange/batch';
import { exportPackage, PENDING_KEY } from '../exchange/enrolment';
import { importPackage, type ImportOutcome } from '../exchange/import-package';
import { writePackageTo } from '../exchange/package-file';
import type { HubIdentity, InboxEntry, PushOutcome, RegistryRow } from './engine';

/** The hub this install syncs with, as first seen (install-local setting). */
const PINNED_KEY = '_hub';
/** The position of the last file taken from the hub. */
const PULLED_KEY = '_hubPulled';

export interface SyncReport {
  hub: HubIdentity;
  /** The hub was seen for the first time: its fingerprint, for the clerk to compare. */
  firstContact: boolean;
  /** The packages for other offices handed to the hub, by recipient. */
  relayed: Array<{ to: string; outcome: PushOutcome['kind']; alreadyHad: boolean }>;
  /** What the hub made of the package for it. */
  hub_package: { outcome: PushOutcome['kind']; changes: number; applied?: number; refused?: { code: string; zh: string; en: string } };
  pulled: Array<{ sha256: string; position: number; outcome: ImportOutcome }>;
}

type Fetch = typeof fetch;

export class HubUnreachable extends Error {}

function setting(db: AppDb, key: string): string | undefined {
  return db.sqlite.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key) as string | undefined;
}

function putSetting(db: AppDb, key: string, value: unknown): void {
  db.sqlite
    .prepare("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')")
    .run(key, JSON.stringify(value));
}

/** The hub this install has synced with before, if any. */
export function pinnedHub(db: AppDb): { url: string; uid: string; publicKey: string; boxPublicKey: string; fingerprint: string } | undefined {
  const v = setting(db, PINNED_KEY);
  return v ? JSON.parse(v) : undefined;
}

/** Headers that prove which install asks (Ed25519 over install, method, path and time). */
export function signedRequestHeaders(db: AppDb, method: string, pathAndQuery: string): Record<string, string> {
  const me = installIdentity(db.sqlite).uid;
  const at = new Date().toISOString();
  const signature = signAsInstall(db.sqlite, db.key, Buffer.from(`${me}\n${method}\n${pathAndQuery}\n${at}`, 'utf8')).toString('base64');
  return { 'x-eldercare-install': me, 'x-eldercare-time': at, 'x-eldercare-signature': signature };
}

async function call(f: Fetch, url: string, init: RequestInit): Promise<Response> {
  try {
    return await f(url, { ...init, signal: AbortSignal.timeout(10 * 60_000) });
  } catch (e) {
    throw new HubUnreachable(`连接不上中心服务器 ${url}：${e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e)}`, { cause: e });
  }
}

async function json<T>(r: Response): Promise<T> {
  const body = (await r.json()) as T & { code?: string; zh?: string; en?: string };
  if (!r.ok) fail.validation(body.code ?? 'HUB_ERROR', 'hub', body.zh ?? `中心服务器答复 ${r.status}`, body.en ?? `The hub answered ${r.status}`);
  return body;
}

/** A file handed to the hub: what it made of it — a refusal (a forged file, an install it does not know yet) is an outcome, not an error. */
async function push(f: Fetch, base: string, bytes: Buffer): Promise<PushOutcome> {
  const r = await call(f, `${base}/hub/v1/push`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: new Uint8Array(bytes) });
  if (r.status >= 400 && r.status < 500 && r.headers.get('content-type')?.startsWith('application/json')) {
    const body = (await r.clone().json()) as Partial<PushOutcome>;
    if (body.kind === 'refused') return body as PushOutcome;
  }
  return json<PushOutcome>(r);
}

export async function syncWithHub(db: AppDb, url: string, options: { fetch?: Fetch; actor?: Actor } = {}): Promise<SyncReport> {
  const f = options.fetch ?? fetch;
  const actor = options.actor ?? localActor(db);
  const base = url.replace(/\/+$/, '');
  const me = installIdentity(db.sqlite);
  const registered = db.sqlite
    .prepare('SELECT uid, level, region_code, facility_uid, public_key, box_public_key, enrolled_by, created_at FROM installs WHERE uid = ?')
    .get(me.uid) as RegistryRow | undefined;
  // a new office whose section has not answered yet: its first package (with its claim) still goes, to be passed on
  const pending = setting(db, PENDING_KEY);
  const own: RegistryRow | undefined =
    registered ??
    (pending
      ? { uid: me.uid, level: me.level, region_code: me.regionCode, facility_uid: me.facilityUid, public_key: me.publicKey, box_public_key: me.boxPublicKey, enrolled_by: (JSON.parse(pending) as { section: string }).section, created_at: clockNowIso() }
      : undefined);
  if (!own) return fail.validation('NOT_ENROLLED', 'hub', '本机尚未加入上级单位，请先完成登记再同步', 'This install has not joined its section yet; finish the enrolment first');

  // 1. who is the hub
  const hub = await json<HubIdentity>(await call(f, `${base}/hub/v1/hello`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ install: own }) }));
  const pinned = pinnedHub(db);
  if (pinned && (pinned.uid !== hub.uid || pinned.publicKey !== hub.publicKey))
    fail.validation(
      'HUB_KEY_CHANGED',
      'hub',
      `中心服务器的密钥与上次同步时不同（上次 ${pinned.fingerprint}，这次 ${keyFingerprint(hub.publicKey)}），已停止同步；请与市局核实服务器地址`,
      `The hub's key differs from the last sync (then ${pinned.fingerprint}, now ${keyFingerprint(hub.publicKey)}); the sync stopped; check the address with the city`,
    );
  if (keyFingerprint(hub.publicKey) !== hub.fingerprint) fail.validation('HUB_KEY_CHANGED', 'hub', '中心服务器的答复不一致（指纹与密钥不符）', "The hub's answer is inconsistent (fingerprint and key differ)");
  const firstContact = !pinned;
  if (firstContact || pinned.url !== base) write({ db, actor }, INSTALL, () => putSetting(db, PINNED_KEY, { url: base, uid: hub.uid, publicKey: hub.publicKey, boxPublicKey: hub.boxPublicKey, fingerprint: hub.fingerprint }));

  // 2. the files kept for this install, one at a time — first, so what they bring travels on in this sync's packages
  const pulled: SyncReport['pulled'] = [];
  const after = Number(JSON.parse(setting(db, PULLED_KEY) ?? '0'));
  const inboxPath = `/hub/v1/inbox?after=${after}`;
  const listed = await call(f, base + inboxPath, { headers: signedRequestHeaders(db, 'GET', inboxPath) });
  // 401: the hub does not know this install yet (its section has not synced its enrolment): nothing is kept for it
  const inbox = listed.status === 401 ? [] : await json<InboxEntry[]>(listed);
  for (const entry of inbox) {
    const filePath = `/hub/v1/packages/${entry.sha256}`;
    const r = await call(f, base + filePath, { headers: signedRequestHeaders(db, 'GET', filePath) });
    if (!r.ok) await json(r);
    const bytes = Buffer.from(await r.arrayBuffer());
    if (crypto.createHash('sha256').update(bytes).digest('hex') !== entry.sha256) fail.validation('HUB_BAD_FILE', 'hub', '从中心服务器取得的文件不完整，请重新同步', 'A file from the hub arrived incomplete; sync again');
    const imported = importPackage(db, bytes, undefined, actor);
    write({ db, actor }, INSTALL, () => putSetting(db, PULLED_KEY, entry.position));
    pulled.push({ sha256: entry.sha256, position: entry.position, outcome: imported });
  }

  // 3. the packages for the section above (or, at the root, for each office it enrolled), passed on by the hub
  const relayed: SyncReport['relayed'] = [];
  const sections = own.enrolled_by
    ? [own.enrolled_by]
    : (db.sqlite.prepare('SELECT uid FROM installs WHERE enrolled_by = ? AND revoked_at IS NULL ORDER BY uid').pluck().all(me.uid) as string[]);
  for (const to of sections) {
    const outcome = await push(f, base, exportPackage(db, to).file);
    relayed.push({ to, outcome: outcome.kind, alreadyHad: outcome.kind !== 'refused' && outcome.alreadyHad });
  }

  // 4. the package for the hub itself
  const batch = makeHubBatch(db, hub.uid);
  const outcome = await push(f, base, writePackageTo(db, batch, hub));
  const hubPackage: SyncReport['hub_package'] = { outcome: outcome.kind, changes: batch.changes.length };
  if (outcome.kind === 'refused') hubPackage.refused = { code: outcome.code, zh: outcome.zh, en: outcome.en };
  let acks: Record<string, number> = {};
  if (outcome.kind === 'applied') {
    if (!verifyInstallSignature(hub.publicKey, Buffer.from(outcome.acks.body, 'utf8'), Buffer.from(outcome.acks.signature, 'base64')))
      fail.validation('HUB_BAD_SIGNATURE', 'hub', '中心服务器的确认签名不符，已停止同步', "The hub's acknowledgement is not signed by its key; the sync stopped");
    const body = JSON.parse(outcome.acks.body) as { hub: string; to: string; acks: Record<string, number> };
    if (body.hub !== hub.uid || body.to !== me.uid) fail.validation('HUB_BAD_SIGNATURE', 'hub', '中心服务器的确认不是给本机的', "The hub's acknowledgement is for another install");
    acks = body.acks;
    hubPackage.applied = outcome.report?.applied;
  }
  write({ db, actor }, INSTALL, (tx) => {
    const ack = db.sqlite.prepare(
      `INSERT INTO peer_acks (peer, origin, seq) VALUES (?, ?, ?)
       ON CONFLICT(peer, origin) DO UPDATE SET seq = max(seq, excluded.seq), updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`,
    );
    for (const [origin, seq] of Object.entries(acks)) ack.run(hub.uid, origin, seq);
    audit(tx, actor, 'exchange.sync', 'install', hub.uid, null, { hub: base, relayed: relayed.length, hubPackage });
  });

  return { hub, firstContact, relayed, hub_package: hubPackage, pulled };
}
