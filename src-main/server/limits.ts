/**
 * What one request may cost the browser-mode server: bodies are read with a running byte
 * count and refused past their limit (nothing beyond it is buffered or even read), slow
 * requests time out, connections are capped.
 */
import fs from 'node:fs';
import type http from 'node:http';
import type https from 'node:https';
import { sealingStream } from '../import/upload-seal';
import { MAX_UPLOAD_BYTES, mb } from '../api/upload-acceptance';

/** Any api call's JSON body. Files travel by the upload route, never inside a call. */
export const MAX_JSON_BODY_BYTES = 1024 * 1024;
/** An upload's body: an import file (api/upload-acceptance.ts, shared with the desktop channel). */
export { MAX_UPLOAD_BYTES, mb };
/** Procedures in one tRPC batch request. */
export const MAX_BATCH_SIZE = 10;
/** Uploads being received at once (each may hold up to MAX_UPLOAD_BYTES in memory). */
export const MAX_CONCURRENT_UPLOADS = 3;

export const SERVER_LIMITS = {
  /** The whole request, body included (Node's default is 300 s). */
  requestTimeout: 60_000,
  headersTimeout: 20_000,
  keepAliveTimeout: 5_000,
  maxConnections: 200,
  maxHeadersCount: 100,
} as const;

export function applyServerLimits(server: http.Server | https.Server): void {
  server.requestTimeout = SERVER_LIMITS.requestTimeout;
  server.headersTimeout = SERVER_LIMITS.headersTimeout;
  server.keepAliveTimeout = SERVER_LIMITS.keepAliveTimeout;
  server.maxConnections = SERVER_LIMITS.maxConnections;
  server.maxHeadersCount = SERVER_LIMITS.maxHeadersCount;
}

/** The announced body length is already over `limit` (checked before anything else). */
export function announcedTooLarge(req: http.IncomingMessage, limit: number): boolean {
  const n = Number(req.headers['content-length'] ?? 0);
  return Number.isFinite(n) && n > limit;
}

export type BodyResult = { ok: true; body: Buffer } | { ok: false; reason: 'too_large' | 'aborted' };

/**
 * Reads a request body of at most `limit` bytes. Past the limit it stops reading at once (the
 * socket is paused, what came so far is dropped); the caller answers 413 and the connection
 * closes (responses.ts refuse).
 */
export function readBody(req: http.IncomingMessage, limit: number): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (r: BodyResult) => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onAbort);
      req.off('close', onAbort);
      resolve(r);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.pause();
        chunks.length = 0;
        done({ ok: false, reason: 'too_large' });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => done({ ok: true, body: Buffer.concat(chunks, size) });
    const onAbort = () => done({ ok: false, reason: 'aborted' });
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onAbort);
    req.on('close', onAbort);
  });
}

export type FileBodyResult = { ok: true; size: number } | { ok: false; reason: 'too_large' | 'aborted' };

/**
 * An upload's body, sealed and written to `file` as it arrives (nothing of it is held in memory beyond a
 * stream buffer). Past `limit` it stops reading; the caller removes the file and answers 413.
 */
export function receiveFile(req: http.IncomingMessage, limit: number, file: string): Promise<FileBodyResult> {
  return new Promise((resolve) => {
    // sealed on its way to disk (upload-seal.ts): the file never holds the plain bytes
    const sink = fs.createWriteStream(file, { flags: 'w', mode: 0o600 });
    const out = sealingStream();
    out.pipe(sink);
    let size = 0;
    let settled = false;
    const done = (r: FileBodyResult) => {
      if (settled) return;
      settled = true;
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onAbort);
      req.off('close', onClose);
      if (r.ok) {
        sink.once('finish', () => resolve(r));
        sink.once('error', () => resolve({ ok: false, reason: 'aborted' })); // the disk filled up, say
        out.end();
        return;
      }
      out.unpipe(sink);
      out.destroy();
      sink.destroy();
      resolve(r);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.pause();
        done({ ok: false, reason: 'too_large' });
        return;
      }
      if (!out.write(chunk)) {
        req.pause();
        out.once('drain', () => req.resume());
      }
    };
    const onEnd = () => done({ ok: true, size });
    const onAbort = () => done({ ok: false, reason: 'aborted' });
    const onClose = () => {
      if (!req.complete) onAbort();
    };
    out.on('error', onAbort);
    sink.on('error', onAbort);
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onAbort);
    req.on('close', onClose);
  });
}
