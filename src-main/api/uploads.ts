/**
 * Files users hand to the app (an import's spreadsheet) arrive here as raw bytes — by the
 * browser-mode server's `POST /api/upload`, or the desktop shell's upload channel — and the
 * import procedures name them by id. A file never travels base64 inside a JSON call, so no
 * request body is larger than the file itself and JSON bodies stay small (1 MB).
 *
 * An upload belongs to the account that sent it (another account's id is "not found"), lives
 * 30 minutes, and each owner keeps at most a few; the store as a whole holds a bounded number
 * of bytes, dropping the oldest files first.
 */
import crypto from 'node:crypto';
import { AppError } from '../domain/errors';
import type { Actor } from '../services/context';

export interface StoredUpload {
  fileName: string;
  bytes: Uint8Array;
}

interface Entry extends StoredUpload {
  owner: string;
  at: number;
}

export const UPLOAD_TTL_MS = 30 * 60_000;
export const UPLOADS_PER_OWNER = 3;
/** All uploads held at once, in bytes (a few import files of the largest size). */
export const UPLOAD_STORE_BYTES = 256 * 1024 * 1024;

/** Who an upload belongs to: the account, or the local user while no account has a password. */
export function uploadOwner(actor: Actor): string {
  return actor.userId !== null ? `user:${actor.userId}` : `local:${actor.username}`;
}

export class UploadStore {
  private readonly entries = new Map<string, Entry>();
  constructor(private readonly now: () => number = Date.now) {}

  put(owner: string, fileName: string, bytes: Uint8Array): string {
    this.expire();
    const mine = [...this.entries].filter(([, e]) => e.owner === owner);
    for (const [id] of mine.slice(0, Math.max(0, mine.length - UPLOADS_PER_OWNER + 1))) this.entries.delete(id);
    let total = bytes.byteLength;
    for (const e of this.entries.values()) total += e.bytes.byteLength;
    for (const [id, e] of this.entries) {
      if (total <= UPLOAD_STORE_BYTES) break;
      total -= e.bytes.byteLength;
      this.entries.delete(id);
    }
    const id = crypto.randomBytes(18).toString('base64url');
    this.entries.set(id, { owner, fileName: cleanFileName(fileName), bytes, at: this.now() });
    return id;
  }

  /** The upload `id` of `owner`; refused as not found when it is someone else's, expired or unknown. */
  get(owner: string, id: string): StoredUpload {
    this.expire();
    const e = this.entries.get(id);
    if (!e || e.owner !== owner)
      throw new AppError({
        code: 'UPLOAD_NOT_FOUND',
        kind: 'not_found',
        field: 'uploadId',
        zh: '找不到上传的文件（已过期或不属于当前账号），请重新选择文件',
        en: 'The uploaded file is gone (expired, or not this account’s); choose the file again',
      });
    return { fileName: e.fileName, bytes: e.bytes };
  }

  delete(id: string): void {
    this.entries.delete(id);
  }

  clear(): void {
    this.entries.clear();
  }

  private expire(): void {
    const cutoff = this.now() - UPLOAD_TTL_MS;
    for (const [id, e] of this.entries) if (e.at < cutoff) this.entries.delete(id);
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
