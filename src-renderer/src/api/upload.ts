/**
 * Sends a file the user chose to the main process as raw bytes — by POST /api/upload in
 * browser mode, by the preload's upload channel in the desktop app — and returns its id for
 * the import procedures. A file never travels base64 inside an api call.
 */
import { MAX_FILE_BYTES } from '@domain/import-limits';
import type { ApiErrorInfo } from './client';

export interface Uploaded {
  uploadId: string;
  fileName: string;
  bytes: number;
}

interface UploadBridge {
  upload?(fileName: string, bytes: Uint8Array): Promise<Uploaded>;
}

/** Thrown when the upload itself is refused (too large, not logged in): the same shape as an api error. */
export class UploadError extends Error {
  constructor(readonly info: ApiErrorInfo) {
    super(info.en);
  }
}

export async function uploadFile(file: File): Promise<Uploaded> {
  // Said before a byte is sent (the server would stop reading past the limit and close the connection).
  if (file.size > MAX_FILE_BYTES) {
    const mb = MAX_FILE_BYTES / 1024 / 1024;
    throw new UploadError({ code: 'UPLOAD_TOO_LARGE', field: 'file', zh: `文件过大（超过 ${mb} MB），未上传`, en: `The file is too large (over ${mb} MB); not uploaded` });
  }
  const bridge = window.eldercare as UploadBridge | undefined;
  if (bridge?.upload) return bridge.upload(file.name, new Uint8Array(await file.arrayBuffer()));
  const res = await fetch(`/api/upload?name=${encodeURIComponent(file.name)}`, {
    method: 'POST',
    headers: { 'x-eldercare-client': '1', 'content-type': 'application/octet-stream' },
    body: file,
  });
  const body = (await res.json().catch(() => null)) as (Uploaded & { error?: { data?: { app?: ApiErrorInfo } } }) | null;
  if (!res.ok || !body?.uploadId) {
    const app = body?.error?.data?.app;
    throw new UploadError(app ?? { code: `HTTP_${res.status}`, zh: `上传失败（${res.status}）`, en: `Upload failed (${res.status})` });
  }
  return body;
}
