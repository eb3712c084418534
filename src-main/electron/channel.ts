/** The IPC channels between the renderer and the main process: api calls, and file uploads (raw bytes). */
export const API_CHANNEL = 'eldercare:api';
export const UPLOAD_CHANNEL = 'eldercare:upload';

/** What the upload channel answers; the preload turns a refusal into a rejected promise. */
export type UploadReply =
  | { ok: true; data: { uploadId: string; fileName: string; bytes: number } }
  | { ok: false; error: { code: string; zh: string; en: string } };
