/**
 * Files users hand to the app (an import's spreadsheet) arrive as raw bytes, never base64
 * inside a JSON call: `POST /api/upload?name=<file name>` in browser mode (after the same
 * transport checks as every api call), the upload channel in the desktop shell. Both end in
 * the same checks: the account needs the 'write' permission, the file at most MAX_UPLOAD_BYTES;
 * it is kept in api/uploads.ts (on disk, owner-only; the route streams the body straight into
 * it) and named by the id the import procedures take.
 */
import fs from 'node:fs';
import type http from 'node:http';
import { toAppError } from '../api/errors';
import { cleanFileName, uploadOwner, uploads } from '../api/uploads';
import { AppError, type AppErrorData } from '../domain/errors';
import { PERMISSION, roleHas } from '../domain/permissions';
import type { Actor } from '../services/context';
import { MAX_CONCURRENT_UPLOADS, MAX_UPLOAD_BYTES, mb, receiveFile } from './limits';
import { refuse } from './responses';

export interface UploadReceipt {
  uploadId: string;
  fileName: string;
  bytes: number;
}

export const UPLOAD_PATH = '/api/upload';

export const UPLOAD_REFUSAL = {
  tooLarge: {
    code: 'UPLOAD_TOO_LARGE',
    kind: 'validation',
    field: 'file',
    zh: `文件过大（超过 ${mb(MAX_UPLOAD_BYTES)} MB），未上传`,
    en: `The file is too large (over ${mb(MAX_UPLOAD_BYTES)} MB); not uploaded`,
  },
  empty: { code: 'UPLOAD_EMPTY', kind: 'validation', field: 'file', zh: '文件是空的（0 字节），未上传', en: 'The file is empty (0 bytes); not uploaded' },
  noName: { code: 'UPLOAD_NAME', kind: 'validation', field: 'name', zh: '缺少文件名（?name=）', en: 'The file name is missing (?name=)' },
  contentType: {
    code: 'BAD_CONTENT_TYPE',
    kind: 'validation',
    zh: '上传内容须为文件本身（application/octet-stream）',
    en: 'An upload must be the raw file (application/octet-stream)',
  },
  method: { code: 'METHOD_NOT_ALLOWED', kind: 'validation', zh: '上传须使用 POST', en: 'Uploads use POST' },
  busy: { code: 'UPLOAD_BUSY', kind: 'conflict', zh: '正在接收其他文件，请稍后再试', en: 'Other files are being received; try again in a moment' },
  loginRequired: { code: 'LOGIN_REQUIRED', kind: 'forbidden', zh: '请先登录', en: 'Please log in first' },
  forbidden: {
    code: 'FORBIDDEN',
    kind: 'forbidden',
    zh: `您的账号没有“${PERMISSION.write.zh}”权限`,
    en: `Your account lacks the "${PERMISSION.write.en}" permission`,
  },
} as const satisfies Record<string, AppErrorData>;

/** Before a byte of the file is read: only accounts that may write registers upload. */
export function assertMayUpload(actor: Actor): void {
  if (actor.anonymous) throw new AppError(UPLOAD_REFUSAL.loginRequired);
  if (!roleHas(actor.role, 'write')) throw new AppError(UPLOAD_REFUSAL.forbidden);
}

/** Checks and keeps an uploaded file (browser route and desktop channel alike). */
export function acceptUpload(actor: Actor, fileName: string, bytes: Uint8Array): UploadReceipt {
  assertMayUpload(actor);
  if (bytes.byteLength === 0) throw new AppError(UPLOAD_REFUSAL.empty);
  if (bytes.byteLength > MAX_UPLOAD_BYTES) throw new AppError(UPLOAD_REFUSAL.tooLarge);
  const name = cleanFileName(fileName);
  return { uploadId: uploads.put(uploadOwner(actor), name, bytes), fileName: name, bytes: bytes.byteLength };
}

const statusOf = (app: AppErrorData) => (app.code === UPLOAD_REFUSAL.tooLarge.code ? 413 : undefined);

let receiving = 0;

/** `POST /api/upload?name=…`, once the transport checks passed; `actor` is the session's. */
export async function handleUpload(req: http.IncomingMessage, res: http.ServerResponse, url: URL, actor: Actor): Promise<void> {
  if (req.method !== 'POST') return refuse(req, res, UPLOAD_REFUSAL.method, 405);
  const type = (req.headers['content-type'] ?? '').split(';', 1)[0]!.trim().toLowerCase();
  if (type !== 'application/octet-stream') return refuse(req, res, UPLOAD_REFUSAL.contentType, 415);
  const name = url.searchParams.get('name') ?? '';
  if (name.trim() === '') return refuse(req, res, UPLOAD_REFUSAL.noName);
  try {
    assertMayUpload(actor);
  } catch (e) {
    return refuse(req, res, toAppError(e).toJSON());
  }
  if (receiving >= MAX_CONCURRENT_UPLOADS) return refuse(req, res, UPLOAD_REFUSAL.busy, 503);
  receiving++;
  try {
    const file = uploads.reserve();
    const read = await receiveFile(req, MAX_UPLOAD_BYTES, file);
    if (!read.ok || read.size === 0) {
      fs.rmSync(file, { force: true });
      if (!read.ok && read.reason === 'too_large') refuse(req, res, UPLOAD_REFUSAL.tooLarge, 413);
      else if (read.ok) refuse(req, res, UPLOAD_REFUSAL.empty);
      return;
    }
    const receipt = { uploadId: uploads.adopt(uploadOwner(actor), name, file, read.size), fileName: cleanFileName(name), bytes: read.size };
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(receipt));
  } catch (e) {
    const app = toAppError(e).toJSON();
    refuse(req, res, app, statusOf(app));
  } finally {
    receiving--;
  }
}
