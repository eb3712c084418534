/**
 * What every upload must pass, whichever transport brought it (the browser route in
 * server/upload-route.ts, the desktop's upload channel in electron/main.ts): the account may
 * write registers, the file is not empty and at most MAX_UPLOAD_BYTES. The file is kept in
 * uploads.ts and named by the id the import procedures take.
 */
import { MAX_FILE_BYTES } from '../import/decode';
import { AppError, type AppErrorData } from '../domain/errors';
import { PERMISSION, roleHas } from '../domain/permissions';
import type { Actor } from '../services/context';
import { cleanFileName, uploadOwner, uploads } from './uploads';

/** An upload's body: an import file. */
export const MAX_UPLOAD_BYTES = MAX_FILE_BYTES;

export const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

export interface UploadReceipt {
  uploadId: string;
  fileName: string;
  bytes: number;
}

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
