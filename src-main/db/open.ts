/**
 * Opening the store: an integrity check first when one is due (recovery.ts: after an unclean
 * shutdown or once a day; a damaged file is moved aside, never opened and never deleted), a file from a newer version refused on a read-only handle
 * (NEWER_VERSION, nothing written), pragmas, a verified backup before pending migrations change a
 * file that holds data, else the daily automatic backup, migrations, reference data. On
 * failure the handle is closed and a typed error raised.
 */
import fs from 'node:fs';
import path from 'node:path';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import * as schema from './schema';
import { registerUidFunctions } from './city-secret';
import { nameSortKey } from '../domain/name-sort';
import { seedReferenceData } from './reference-data';
import { autoBackupIfDue, backupNow, encryptPlainBackups, newestGoodBackup, rememberedOwner, type AutoBackupOutcome } from './backup';
import { connect, isNotADatabase, isPlainSqlite, keyOpens, mayBeEncryptedDatabase, type Sqlite } from './connection';
import { DbKeyError, keyFilePath, resolveKey, type DbKey } from './db-key';
import { encryptPlainFile, sweepEncryptLeftovers } from './encrypt-plain';
import { sweepFolder } from './leftovers';
import { moveAside, probeDatabase, recordFullCheck } from './recovery';
import { storageProblem, unwritableFile, type StorageProblem } from './storage-errors';
import { ensureStoreId, storeIdOfFile } from './store-identity';
import { captureExistingRows, ensureCaptureTriggers } from './change-capture';
import { ensureIdentity, readIdentity } from './install-identity';
import type { InstallPlace } from '../domain/install-place';
import { sealChanges } from './exchange/seal';

/** SQLite's page cache per connection, negative = KiB (SQLite's convention): 128 MiB. */
const PAGE_CACHE_KIB = -131_072;

export type Orm = BetterSQLite3Database<typeof schema>;

export interface AppDb {
  readonly file: string;
  readonly sqlite: Sqlite;
  /**
   * The key the file is encrypted with (absent for an in-memory store): for the connections
   * made beside this one (import worker, preview snapshot, restore) and nothing else.
   */
  readonly key?: DbKey;
  /** The file was plain and was encrypted while opening (the recovery key must be shown). */
  readonly encryptedNow?: boolean;
  readonly orm: Orm;
  /** The drizzle/ folder it was migrated with (a restore migrates the restored copy with it). */
  readonly migrationsFolder?: string;
  /**
   * The automatic backup tried while opening, if one was due, and when (ISO). Its `error` is
   * kept here (in memory only) for backup.status, the dashboard and the CLI to report.
   */
  readonly autoBackup?: AutoBackupOutcome & { at: string };
  close(): void;
}

export type OpenFailure = 'OPEN_FAILED' | 'MIGRATION_FAILED' | 'NOT_A_DATABASE' | 'DAMAGED' | 'NEWER_VERSION' | 'WRONG_KEY' | 'NO_KEY' | 'ENCRYPT_FAILED';

export class DatabaseOpenError extends Error {
  constructor(
    readonly code: OpenFailure,
    readonly file: string,
    override readonly cause: unknown,
  ) {
    super(`${code}: ${file}: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'DatabaseOpenError';
  }
}

/** SQLite's findings, shortened for a message: the first few lines. */
function brief(problems: string[]): string {
  const lines = problems.flatMap((p) => p.split('\n')).filter((l) => l.trim() && !l.startsWith('*** in database'));
  return lines.slice(0, 3).join('; ') + (lines.length > 3 ? `; … (${lines.length} findings)` : '');
}

/**
 * The file failed its integrity check at start and was moved aside; the app must not start
 * on it. The caller offers `newestBackup` (restore.ts restores it).
 */
export class DatabaseDamagedError extends DatabaseOpenError {
  constructor(
    file: string,
    readonly movedTo: string,
    readonly newestBackup: string | undefined,
    readonly problems: string[],
  ) {
    super('DAMAGED', file, new Error(brief(problems)));
    this.name = 'DatabaseDamagedError';
    this.message =
      `数据库文件已损坏，已移到一旁（未删除）：${movedTo}\n` +
      (newestBackup ? `最新的完好备份：${newestBackup}\n恢复命令：npm run --silent cli -- restore --db "${file}" --from "${newestBackup}"\n` : '没有找到完好的备份。\n') +
      `The database file is damaged and was moved aside (not deleted): ${movedTo}\n` +
      (newestBackup ? `Newest good backup: ${newestBackup}` : 'No good backup was found.') +
      `\n(${brief(problems)})`;
  }
}

/**
 * The file was made by a newer version of the app (its schema has migrations this version
 * does not know). It is refused before anything writes to it: migrating or writing with an
 * older schema would damage what the newer version relies on.
 */
export class DatabaseTooNewError extends DatabaseOpenError {
  constructor(
    file: string,
    /** Migrations recorded in the file. */
    readonly databaseVersion: number,
    /** Migrations this version ships (drizzle/meta/_journal.json). */
    readonly appVersion: number,
  ) {
    super('NEWER_VERSION', file, new Error(`schema ${databaseVersion} > ${appVersion}`));
    this.name = 'DatabaseTooNewError';
    this.message =
      `该数据库由较新版本的程序创建（数据库结构第 ${databaseVersion} 版，本程序只认识到第 ${appVersion} 版），请升级程序后再打开：${file}\n` +
      `The database was created by a newer version of the app (schema version ${databaseVersion}; this version knows up to ${appVersion}). Upgrade the app before opening it: ${file}`;
  }
}

/**
 * The file is encrypted and this PC's key does not open it (or there is no key here): a
 * database copied from another PC, a lost key file, a changed ELDERCARE_DB_KEY. Never taken
 * for damage: the file is not moved, and nothing is written to it.
 */
export class DatabaseKeyError extends DatabaseOpenError {
  constructor(code: 'WRONG_KEY' | 'NO_KEY', file: string, cause: unknown) {
    super(code, file, cause);
    this.name = 'DatabaseKeyError';
    const where = code === 'NO_KEY' ? `本机没有该数据库的密钥（${keyFilePath()}）` : '本机的密钥打不开该数据库（文件来自另一台电脑，或密钥已更换）';
    const whereEn = code === 'NO_KEY' ? `this PC has no key for the database (${keyFilePath()})` : "this PC's key does not open the database (it comes from another PC, or the key was changed)";
    this.message =
      `无法打开数据库：${where}。文件没有被移动或更改。\n` +
      `请用设置时打印的恢复密钥打开：npm run --silent cli -- key recover --db "${file}"（桌面版会提示输入恢复密钥）。\n` +
      `Cannot open the database: ${whereEn}. The file was not moved or changed.\n` +
      `Open it with the recovery key printed at set-up: npm run --silent cli -- key recover --db "${file}" (the desktop app asks for it).`;
  }
}

/**
 * The disk is full, the file, folder or drive is read-only, this account may not write there,
 * or a file-size limit was reached (storage-errors.ts): said as the problem and what to do.
 */
export class DatabaseStorageError extends DatabaseOpenError {
  constructor(
    code: 'OPEN_FAILED' | 'MIGRATION_FAILED',
    file: string,
    readonly storageProblem: StorageProblem,
    cause: unknown,
  ) {
    super(code, file, cause);
    this.name = 'DatabaseStorageError';
    this.message = `${storageProblem.zh}\n${storageProblem.en}`;
  }
}

/** The drizzle/ folder: beside the sources in development, beside out/main when built. */
export function defaultMigrationsFolder(): string {
  return process.env.ELDERCARE_MIGRATIONS ?? path.resolve(__dirname, '../../drizzle');
}

export interface OpenOptions {
  migrationsFolder?: string;
  /** The verified backup before migrating a file that holds data (default on). */
  backupBeforeMigrate?: boolean;
  /** The automatic backup when the newest is over a day old (default on; never for a new file). */
  autoBackup?: boolean;
  /** Quick integrity check before opening; a damaged file is moved aside (default on). */
  checkIntegrity?: boolean;
  /**
   * A second connection to a store its owner has opened already (the import worker): no
   * checks, backups, migrations or reference data — it only reads and writes rows.
   */
  alongside?: boolean;
  /** The key (default: db-key.ts's resolveKey — the desktop's, ELDERCARE_DB_KEY or the key file). */
  key?: DbKey;
  /**
   * The place of a new install that joins a section (exchange enrolment); without it a new
   * database, or one from before installs, becomes the city install holding everything.
   */
  install?: InstallPlace;
}

interface Journal {
  entries: Array<{ tag: string }>;
}

function pendingMigrations(sqlite: Sqlite, folder: string): number {
  const journal = JSON.parse(fs.readFileSync(path.join(folder, 'meta', '_journal.json'), 'utf8')) as Journal;
  const hasTable = sqlite
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'")
    .get();
  if (!hasTable) return journal.entries.length;
  const row = sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number };
  return journal.entries.length - row.n;
}

/**
 * Refuse a file from a newer version, on a read-only handle (nothing is written): it records
 * more migrations than drizzle/ holds, or one this version does not have. A recorded
 * migration is known by its hash, or by its timestamp (the same migration whose file bytes
 * differ, e.g. line endings, is not a newer one).
 */
function guardAgainstNewerVersion(file: string, folder: string, key: DbKey | null): void {
  let rows: Array<{ hash: string; created_at: number | bigint | null }>;
  try {
    const raw = connect(file, key, { readonly: true, fileMustExist: true });
    try {
      const hasTable = raw.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get();
      if (!hasTable) return;
      rows = raw.prepare('SELECT hash, created_at FROM __drizzle_migrations').all() as typeof rows;
    } finally {
      raw.close();
    }
  } catch {
    return; // unreadable: the read-write open below reports it
  }
  const known = readMigrationFiles({ migrationsFolder: folder });
  const hashes = new Set(known.map((m) => m.hash));
  const times = new Set(known.map((m) => m.folderMillis));
  const unknown = rows.filter((r) => !hashes.has(r.hash) && !times.has(Number(r.created_at)));
  if (rows.length > known.length || unknown.length > 0) throw new DatabaseTooNewError(file, Math.max(rows.length, known.length + 1), known.length);
}

function hasUserTables(sqlite: Sqlite): boolean {
  return !!sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'facilities'").get();
}

/**
 * A failure to open or migrate: a full disk, a read-only file, folder or drive, a file-size
 * limit (storage-errors.ts) is said in words a user can act on, and the empty -wal/-shm this
 * open left (a full disk: SQLite cannot set up its shared memory) are removed. Only empty ones
 * it did not find: a connection in WAL mode has a -shm of 32 KB at least.
 */
function openFailure(code: 'OPEN_FAILED' | 'MIGRATION_FAILED', file: string, e: unknown, hadCompanions: boolean): DatabaseOpenError {
  const problem = file === ':memory:' || file === '' ? undefined : storageProblem(e, file);
  if (!problem) return new DatabaseOpenError(code, file, e);
  const size = (f: string) => (fs.existsSync(f) ? fs.statSync(f).size : 0);
  try {
    if (!hadCompanions && size(`${file}-wal`) === 0 && size(`${file}-shm`) < 32 * 1024)
      for (const f of [`${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  } catch {
    // left as they are
  }
  return new DatabaseStorageError(code, file, problem, e);
}

/**
 * Refuse to open a damaged file: move it aside and name the newest good backup. Returns
 * whether every page was read and found sound (to be recorded once the file is open).
 */
function guardAgainstDamage(file: string, key: DbKey | null, when: 'always' | 'when-due' = 'when-due'): boolean {
  const probe = probeDatabase(file, key, when);
  if (probe.state !== 'damaged') return probe.state === 'sound' && probe.checked === 'full';
  let movedTo: string;
  try {
    movedTo = moveAside(file);
  } catch (e) {
    throw new DatabaseOpenError('DAMAGED', file, new Error(`damaged (${probe.problems[0]}) and could not be moved aside: ${e instanceof Error ? e.message : String(e)}`));
  }
  // whose backups to offer: the damaged file's identity, if it can still be read
  const storeId = (key ? storeIdOfFile(movedTo, key) : undefined) ?? rememberedOwner(file);
  throw new DatabaseDamagedError(file, movedTo, key ? newestGoodBackup(file, key, storeId ?? undefined)?.file : undefined, probe.problems);
}

/** Staged copies a killed restore left beside the file (encrypted, but a copy of the data), after an hour. */
function sweepRestoreLeftovers(file: string): void {
  const prefix = `${path.basename(file)}.restore-`;
  sweepFolder(path.dirname(path.resolve(file)), { match: (n) => n.startsWith(prefix) && /\.tmp(-wal|-shm|-journal)?$/.test(n), olderThanMs: 60 * 60_000 });
}

/**
 * The key does not read the file's first page: a wrong key, or a damaged first page — the
 * two look the same. A backup of this database that the key opens tells them apart: then the
 * key is right and the file is damaged (moved aside as any damaged file); otherwise it is
 * taken for a key problem and the file is left exactly as it is.
 */
function guardAgainstWrongKey(file: string, key: DbKey, options: OpenOptions): void {
  const backup = newestGoodBackup(file, key);
  if (!backup || options.checkIntegrity === false || options.alongside) throw new DatabaseKeyError('WRONG_KEY', file, new Error('SQLITE_NOTADB with this key'));
  let movedTo: string;
  try {
    movedTo = moveAside(file);
  } catch (e) {
    throw new DatabaseOpenError('DAMAGED', file, new Error(`damaged (first page unreadable) and could not be moved aside: ${e instanceof Error ? e.message : String(e)}`));
  }
  throw new DatabaseDamagedError(file, movedTo, backup.file, ['file is not a database (the first page cannot be read with the key that opens its backups)']);
}

/** The key for this file: given, or resolved; a file that is encrypted already never gets a fresh key file. */
function keyFor(file: string, existed: boolean, plain: boolean, given: DbKey | undefined): DbKey {
  if (given) return given;
  try {
    return resolveKey({ create: !existed || plain }).key;
  } catch (e) {
    if (e instanceof DbKeyError && e.code === 'KEY_MALFORMED') throw new DatabaseOpenError('OPEN_FAILED', file, e);
    throw new DatabaseKeyError('NO_KEY', file, e);
  }
}

/**
 * A plain file from before encryption: checked as plain, then replaced by an encrypted copy
 * (encrypt-plain.ts) before anything else touches it, and its plain backups encrypted.
 */
function encryptIfPlain(file: string, key: DbKey, options: OpenOptions, folder: string): boolean {
  if (options.checkIntegrity !== false) guardAgainstDamage(file, null, 'always');
  guardAgainstNewerVersion(file, folder, null);
  try {
    encryptPlainFile(file, key);
  } catch (e) {
    throw new DatabaseOpenError('ENCRYPT_FAILED', file, storageProblem(e, file) ? new Error(storageProblem(e, file)!.en) : e);
  }
  encryptPlainBackups(file, key);
  return true;
}

type OpenListener = (db: AppDb) => void;
const openListeners = new Set<OpenListener>();

/**
 * Called with every store opened as its owner (not `alongside`), e.g. for the CLI to print a
 * failed automatic backup whichever command opened the file. Returns the unsubscribe.
 */
export function onDatabaseOpened(listener: OpenListener): () => void {
  openListeners.add(listener);
  return () => openListeners.delete(listener);
}

/**
 * The store as an install (db/install-identity.ts) whose every write is captured
 * (db/change-capture.ts): on first open after migration 0008 the identity is made and what the
 * store holds enters the change log once; then the reference data (only the root install seeds
 * the default targets — every other office receives the city's).
 */
function startChangeLog(sqlite: Sqlite, key: DbKey | undefined, place: InstallPlace | undefined): void {
  // migrated with a drizzle/ folder from before 0008 (a test of an older migration): as it was then
  const hasLog = !!sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'install_identity'").get();
  if (!hasLog) {
    seedReferenceData(sqlite);
    return;
  }
  const madeNow = ensureIdentity(sqlite, key, place);
  ensureCaptureTriggers(sqlite);
  if (madeNow)
    sqlite
      .transaction(() => {
        captureExistingRows(sqlite);
        sealChanges(sqlite, false);
      })
      .immediate();
  const root = readIdentity(sqlite)?.level === 'city' && !place;
  sqlite
    .transaction(() => {
      seedReferenceData(sqlite, { defaults: root });
      sealChanges(sqlite, false);
    })
    .immediate();
}

export function openDatabase(file: string, options: OpenOptions = {}): AppDb {
  const folder = options.migrationsFolder ?? defaultMigrationsFolder();
  const onDisk = file !== ':memory:' && file !== '';
  const existed = onDisk && fs.existsSync(file) && fs.statSync(file).isFile() && fs.statSync(file).size > 0;
  // A file that cannot be written is refused before anything opens it: even a read-only open
  // (the checks below) leaves -wal/-shm beside a WAL database.
  const unwritable = existed ? unwritableFile(file) : undefined;
  if (unwritable) throw new DatabaseStorageError('OPEN_FAILED', file, unwritable, new Error(unwritable.en));
  const hadCompanions = onDisk && (fs.existsSync(`${file}-wal`) || fs.existsSync(`${file}-shm`));
  const plain = existed && isPlainSqlite(file);
  const key = onDisk ? keyFor(file, existed, plain, options.key) : undefined;
  let encryptedNow = false;
  if (onDisk && !options.alongside) {
    sweepEncryptLeftovers(file);
    sweepRestoreLeftovers(file);
  }
  if (key && plain && !options.alongside) encryptedNow = encryptIfPlain(file, key, options, folder);
  if (key && existed && !plain && mayBeEncryptedDatabase(file) && !keyOpens(file, key)) guardAgainstWrongKey(file, key, options);
  const checkedFully = existed && options.checkIntegrity !== false && !options.alongside && guardAgainstDamage(file, key ?? null);
  if (existed && !options.alongside) guardAgainstNewerVersion(file, folder, key ?? null);
  let sqlite: Sqlite;
  try {
    if (onDisk) fs.mkdirSync(path.dirname(file), { recursive: true });
    sqlite = connect(file, key ?? null);
    if (onDisk) fs.chmodSync(file, 0o600);
  } catch (e) {
    throw openFailure('OPEN_FAILED', file, e, hadCompanions);
  }
  try {
    // temporary tables and sort files stay in memory: no plain spill files beside the store
    sqlite.pragma('temp_store = MEMORY');
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('synchronous = NORMAL');
    // Pages are decrypted as they enter SQLite's page cache; with the default 2 MB a province
    // register (2.7 GB) decrypts the same pages on every figure. 128 MiB holds what the figures
    // read (statistics for one county at province scale: 1.26 s → 0.37 s CPU); it grows only as
    // pages are read, so a city register stays far below it.
    sqlite.pragma(`cache_size = ${PAGE_CACHE_KIB}`);
  } catch (e) {
    sqlite.close();
    const code = String((e as { code?: unknown }).code ?? '');
    if (isNotADatabase(e) || code.startsWith('SQLITE_CORRUPT')) throw new DatabaseOpenError('NOT_A_DATABASE', file, e);
    throw openFailure('OPEN_FAILED', file, e, hadCompanions);
  }
  const orm = drizzle({ client: sqlite, schema, casing: 'snake_case' });
  if (options.alongside) return { file, sqlite, orm, key, migrationsFolder: folder, close: () => sqlite.close() };
  let autoBackup: (AutoBackupOutcome & { at: string }) | undefined;
  try {
    const pending = pendingMigrations(sqlite, folder);
    const holdsData = onDisk && existed && hasUserTables(sqlite);
    // its identity before any backup is made, so every backup carries it (store-identity.ts)
    if (holdsData) ensureStoreId(sqlite);
    if (encryptedNow) {
      // the verified, encrypted copy of the file as it was found plain
      backupNow(sqlite, file, 'pre-encrypt', key!);
    }
    if (pending > 0 && holdsData && options.backupBeforeMigrate !== false) {
      backupNow(sqlite, file, 'pre-migrate', key!);
    } else if (holdsData && options.autoBackup !== false) {
      const at = new Date();
      const outcome = autoBackupIfDue(sqlite, file, key!, at);
      if (outcome) autoBackup = { ...outcome, at: at.toISOString() };
    }
    // migration 0005 backfills uids and makes the city secret with these (db/city-secret.ts)
    if (pending > 0) registerUidFunctions(sqlite);
    // migration 0007 fills the stored pinyin sort keys with this (domain/name-sort.ts)
    if (pending > 0) sqlite.function('eldercare_name_sort', { deterministic: true }, (name: unknown, person: unknown) => nameSortKey(String(name), Number(person) === 1));
    if (pending > 0) migrate(orm, { migrationsFolder: folder });
    startChangeLog(sqlite, key, options.install);
    ensureStoreId(sqlite);
    // a new file is sound by construction: its next open reads only the header, like any checked file's
    if (checkedFully || (onDisk && !existed)) recordFullCheck(sqlite);
  } catch (e) {
    sqlite.close();
    throw openFailure('MIGRATION_FAILED', file, e, hadCompanions);
  }
  const db: AppDb = { file, sqlite, orm, key, encryptedNow, migrationsFolder: folder, autoBackup, close: () => sqlite.close() };
  for (const listener of openListeners) listener(db);
  return db;
}
