/**
 * Files users hand to the app (an import's spreadsheet) arrive as raw bytes, never base64
 * inside a JSON call: `POST /api/upload?name=<file name>` in browser mode (after the same
 * transport checks as every api call), the upload channel in the desktop shell. Both end in
 * the same checks (api/upload-acceptance.ts); the file is kept in api/uploads.ts (on disk,
 * owner-only; the route streams the body straight into it) and named by the id the import
 * procedures take.
 */
import fs from 'node:fs';
import type http from 'node:http';
import { toAppError } from '../api/errors';
import { cleanFileName, uploadOwner, uploads } from '../api/uploads';
import { assertMayUpload, MAX_UPLOAD_BYTES, UPLOAD_REFUSAL } from '../api/upload-acceptance';
import type { AppErrorData } from '../domain/errors';
import type { Actor } from '../services/context';
import { MAX_CONCURRENT_UPLOADS, receiveFile } from './limits';
import { refuse } from './responses';

export { UPLOAD_REFUSAL };

export const UPLOAD_PATH = '/api/upload';

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
