/**
 * Files users hand to the app (an import's spreadsheet) arrive here as raw bytes — by the
 * browser-mode server's `POST /api/upload`, or the desktop shell's upload channel — and the
 * import procedures name them by id. A file never travels base64 inside a JSON call, so JSON
 * bodies stay small (1 MB).
 *
 * Each file is kept on disk, in an owner-only folder of the system's temp directory, not in
 * memory: the process that serves everyone holds none of an upload's bytes (the import worker
 * reads the file and lets it go when it ends), so several 60 MB files cost no memory here.
 * An upload belongs to the account that sent it (another account's id is "not found"), lives
 * 30 minutes, and each account keeps one (a new upload replaces it). Files are removed on
 * expiry, on replacement, on a restore (clear) and when the process exits. They are sealed
 * under a key of this process (upload-seal.ts): what a crash leaves is unreadable.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../domain/errors';
import type { Actor } from '../services/context';
import { seal } from '../import/upload-seal';

export interface StoredUpload {
  fileName: string;
  /** Where the bytes are (owner-only); read it, never keep it. */
  file: string;
  size: number;
}

interface Entry extends StoredUpload {
  owner: string;
  at: number;
}

export const UPLOAD_TTL_MS = 30 * 60_000;
/** One file per account at a time: the import page previews and imports one file; a new upload replaces it. */
export const UPLOADS_PER_OWNER = 1;

/** Who an upload belongs to: the account, or the local user while no account has a password. */
export function uploadOwner(actor: Actor): string {
  return actor.userId !== null ? `user:${actor.userId}` : `local:${actor.username}`;
}

const notFound = () =>
  new AppError({
    code: 'UPLOAD_NOT_FOUND',
    kind: 'not_found',
    field: 'uploadId',
    zh: '找不到上传的文件（已过期或不属于当前账号），请重新选择文件',
    en: 'The uploaded file is gone (expired, or not this account’s); choose the file again',
  });

export class UploadStore {
  private readonly entries = new Map<string, Entry>();
  private dir: string | null = null;
  constructor(private readonly now: () => number = Date.now) {}

  /** A new, empty, owner-only file to receive an upload into; adopt() it, or remove it. */
  reserve(): string {
    const file = path.join(this.folder(), `${crypto.randomBytes(18).toString('base64url')}.upload`);
    fs.closeSync(fs.openSync(file, 'wx', 0o600));
    return file;
  }

  /** Takes over a reserved file holding `size` bytes. */
  adopt(owner: string, fileName: string, file: string, size: number): string {
    this.expire();
    const mine = [...this.entries].filter(([, e]) => e.owner === owner);
    for (const [id] of mine.slice(0, Math.max(0, mine.length - UPLOADS_PER_OWNER + 1))) this.delete(id);
    const id = path.basename(file, '.upload');
    this.entries.set(id, { owner, fileName: cleanFileName(fileName), file, size, at: this.now() });
    return id;
  }

  put(owner: string, fileName: string, bytes: Uint8Array): string {
    const file = this.reserve();
    try {
      fs.writeFileSync(file, seal(bytes));
    } catch (e) {
      fs.rmSync(file, { force: true });
      throw e;
    }
    return this.adopt(owner, fileName, file, bytes.byteLength);
  }

  /** The upload `id` of `owner`; refused as not found when it is someone else's, expired or unknown. */
  get(owner: string, id: string): StoredUpload {
    this.expire();
    const e = this.entries.get(id);
    if (!e || e.owner !== owner || !fs.existsSync(e.file)) throw notFound();
    return { fileName: e.fileName, file: e.file, size: e.size };
  }

  delete(id: string): void {
    const e = this.entries.get(id);
    this.entries.delete(id);
    if (e) fs.rmSync(e.file, { force: true });
  }

  clear(): void {
    for (const id of [...this.entries.keys()]) this.delete(id);
  }

  private folder(): string {
    if (this.dir && fs.existsSync(this.dir)) return this.dir;
    removeStaleFolders();
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), FOLDER_PREFIX));
    fs.chmodSync(this.dir, 0o700);
    const dir = this.dir;
    process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
    return dir;
  }

  private expire(): void {
    const cutoff = this.now() - UPLOAD_TTL_MS;
    for (const [id, e] of this.entries) if (e.at < cutoff) this.delete(id);
  }
}

const FOLDER_PREFIX = 'eldercare-uploads-';

/**
 * Folders a process left behind when it was killed (no exit handler ran): untouched for over
 * an hour, so every upload in them expired long ago (a live store recreates its folder).
 */
function removeStaleFolders(now = Date.now()): void {
  const tmp = os.tmpdir();
  let names: string[];
  try {
    names = fs.readdirSync(tmp);
  } catch {
    return;
  }
  for (const n of names) {
    if (!n.startsWith(FOLDER_PREFIX)) continue;
    const dir = path.join(tmp, n);
    try {
      const newest = Math.max(fs.statSync(dir).mtimeMs, ...fs.readdirSync(dir).map((f) => fs.statSync(path.join(dir, f)).mtimeMs));
      if (now - newest > 2 * UPLOAD_TTL_MS) fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      // another user's, or gone already: leave it
    }
  }
}

/** A file name as shown and audited: no path, no control characters, at most 255 characters. */
export function cleanFileName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const base = name.replace(/^.*[\\/]/, '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return (base || 'upload').slice(0, 255);
}

/** The one store of this process: the server, the desktop shell and the import procedures share it. */
export const uploads = new UploadStore();
