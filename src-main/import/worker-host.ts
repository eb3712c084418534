/**
 * Runs an import off the thread that owns the database (Electron's main process, the http
 * server), so a 50,000-row file does not freeze the window or stall other requests. The
 * worker (import-worker.ts) opens its own connection to the same file and calls the same
 * runner. Where no worker can run — an in-memory database, or the worker file cannot start —
 * the import runs here, synchronously, as before.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { SEAL_OVERHEAD, unsealFile, uploadKeyHex } from './upload-seal';
import { todayIso } from '../domain/dates';
import { AppError, fail, type AppErrorData } from '../domain/errors';
import { audit, write, type Actor, type ServiceContext } from '../services/context';
import { INSTALL } from '../domain/ownership';
import { ID_TAKEN_ELSEWHERE, ID_TAKEN_ELSEWHERE_CODE } from '../domain/id-taken';
import { recordRefusal } from '../services/access-refusals';
import { getSettings } from '../services/settings';
import { inMemory, onSnapshot } from './preview-snapshot';
import type { ImportWorkerData } from './import-worker';
import { runImport, type ImportReport, type ImportRequest } from './runner';

/** An import of an uploaded file: the bytes stay on disk until the thread that checks them reads them. */
export type ImportFileRequest = Omit<ImportRequest, 'bytes' | 'onProgress'> & { file: string };

function readUpload(file: string): Uint8Array {
  try {
    return unsealFile(file);
  } catch {
    throw new AppError({ code: 'UPLOAD_NOT_FOUND', kind: 'not_found', field: 'uploadId', zh: '找不到上传的文件，请重新选择文件', en: 'The uploaded file is gone; choose the file again' });
  }
}

interface WorkerEntry {
  /** A file to run, or (eval) a bootstrap's source. */
  code: string;
  eval: boolean;
}

/** app.asar/… → app.asar.unpacked/… (a path outside a packaged app is returned unchanged). */
export function unpackedPath(file: string): string {
  return file.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
}

/** Where the worker's code is: beside the built main (out/main), or the source run through tsx. */
export function importWorkerEntry(dir: string = __dirname): WorkerEntry | null {
  // Packaged, out/main is unpacked beside app.asar (electron-builder.yml asarUnpack): a worker
  // thread loads its script with plain Node, which does not read inside the archive.
  const built = unpackedPath(path.join(dir, 'import-worker.js'));
  if (fs.existsSync(built)) return { code: built, eval: false };
  const source = path.join(dir, 'import-worker.ts');
  if (!fs.existsSync(source)) return null;
  // A worker does not inherit tsx's loader, and `--import tsx` in its execArgv does not reach
  // require(): a small CommonJS bootstrap registers tsx's require hook, then loads the source.
  let tsx: string;
  try {
    tsx = createRequire(source).resolve('tsx/cjs');
  } catch {
    return null;
  }
  return { code: `require(${JSON.stringify(tsx)});\nrequire(${JSON.stringify(source)});`, eval: true };
}

export interface WorkerImportReport extends ImportReport {
  /** The worker thread that ran it; 0 when it ran on the calling thread. */
  threadId: number;
}

/** Database files with an import in flight (one at a time: the worker holds the write lock), and how far each is. */
const running = new Map<string, ImportProgress>();

export interface ImportProgress {
  mode: 'preview' | 'commit';
  /** Rows checked (and, committing, written) so far, of the rows that passed the cell checks. */
  done: number;
  total: number;
}

/** How far the import on this database file is, or null when none runs. */
export function importProgress(file: string): ImportProgress | null {
  const p = running.get(path.resolve(file));
  return p ? { ...p } : null;
}

class WorkerDidNotStart extends Error {}

/**
 * The worker's heap limit (MB): what the row limit (a setting) needs — about 1 KB a row over
 * the code's own — and no more, so a file that needs more ends the worker, not the process.
 * 196 MB at the default 100,000 rows.
 */
export function workerHeapMb(maxRows: number): number {
  return Math.max(192, 96 + Math.ceil(maxRows / 1000));
}

function outOfMemory(e: Error): boolean {
  return (e as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
}

const TOO_BIG = () =>
  new AppError({
    code: 'IMPORT_OUT_OF_MEMORY',
    kind: 'validation',
    field: 'file',
    zh: '文件内容过多，导入时内存不足，未写入任何数据：请分成几个较小的文件导入',
    en: 'The file holds too much to import at once; nothing was written: split it into smaller files',
  });

/** What and how much a preview read, in the audit log (who is in the row itself); no cell values. */
function auditPreview(ctx: ServiceContext, req: ImportFileRequest, report: ImportReport): void {
  write(ctx, INSTALL, (tx) =>
    audit(tx, ctx.actor, 'import.preview', 'import', null, null, {
      template: req.template,
      fileName: req.fileName,
      bytes: fileSize(req.file),
      rows: report.rows,
      problems: report.problemCount,
      takenElsewhere: takenElsewhere(report),
    }),
  );
}

function takenElsewhere(report: ImportReport): number {
  return report.problems.filter((p) => p.zh === ID_TAKEN_ELSEWHERE.zh).length;
}

/** Registered numbers the account may not see, told row by row (preview or import): counted like a refusal. */
function countTakenElsewhere(ctx: ServiceContext, req: ImportFileRequest, report: ImportReport): void {
  const n = takenElsewhere(report);
  if (n > 0) recordRefusal(ctx.db, { actor: ctx.actor, procedure: req.commit ? 'import.commit' : 'import.preview', code: ID_TAKEN_ELSEWHERE_CODE, message: `${n} × ${ID_TAKEN_ELSEWHERE.zh}` });
}

/** On this thread: a preview still reads a snapshot (preview-snapshot.ts). */
function fileSize(file: string): number | null {
  try {
    return Math.max(0, fs.statSync(file).size - SEAL_OVERHEAD);
  } catch {
    return null;
  }
}

async function runHere(ctx: ServiceContext, fileReq: ImportFileRequest): Promise<WorkerImportReport> {
  const { file, ...rest } = fileReq;
  const req: ImportRequest = { ...rest, bytes: readUpload(file) };
  const report = req.commit ? await runImport(ctx, req) : await onSnapshot(ctx.db, (db) => runImport({ db, actor: ctx.actor }, req));
  return { ...report, threadId: 0 };
}

function inWorker(entry: WorkerEntry, data: ImportWorkerData, progress: ImportProgress, heapMb: number): Promise<WorkerImportReport> {
  return new Promise((resolve, reject) => {
    let started = false;
    let settled = false;
    // A heap of its own, capped: a file that needs more ends the worker with a clear message,
    // never the process (the window, the server) with it.
    const worker = new Worker(entry.code, { workerData: data, eval: entry.eval, resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 16 } });
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
      void worker.terminate();
    };
    worker.on('message', (m: { type: 'ready' } | { type: 'progress'; done: number; total: number } | { type: 'result'; report: ImportReport; threadId: number } | { type: 'error'; error: AppErrorData }) => {
      if (m.type === 'ready') started = true;
      else if (m.type === 'progress') Object.assign(progress, { done: m.done, total: m.total });
      else if (m.type === 'result') settle(() => resolve({ ...m.report, threadId: m.threadId }));
      else settle(() => reject(new AppError(m.error)));
    });
    worker.on('error', (e) => settle(() => reject(outOfMemory(e) ? TOO_BIG() : started ? e : new WorkerDidNotStart(e.message))));
    worker.on('exit', (code) =>
      settle(() => reject(started ? new Error(`import worker exited (${code})`) : new WorkerDidNotStart(`exit ${code}`))),
    );
  });
}

/** The actor as plain data (it crosses to the worker by structured clone). */
function plainActor(ctx: ServiceContext): Actor {
  const a = ctx.actor;
  return {
    userId: a.userId,
    username: a.username,
    role: a.role,
    ...(a.counties ? { counties: [...a.counties] } : {}),
    ...(a.facilityIds ? { facilityIds: [...a.facilityIds] } : {}),
    ...(a.anonymous ? { anonymous: true } : {}),
  };
}

export async function runImportOffThread(ctx: ServiceContext, req: ImportFileRequest): Promise<WorkerImportReport> {
  const report = await runOffThread(ctx, req);
  if (!req.commit) auditPreview(ctx, req, report);
  countTakenElsewhere(ctx, req, report);
  return report;
}

async function runOffThread(ctx: ServiceContext, req: ImportFileRequest): Promise<WorkerImportReport> {
  const file = ctx.db.file;
  const entry = inMemory(ctx.db) ? null : importWorkerEntry();
  if (!entry) return runHere(ctx, req);
  const key = path.resolve(file);
  if (running.has(key))
    fail.conflict('IMPORT_RUNNING', undefined, '另一个导入正在进行，请等它完成后再试', 'Another import is in progress; try again when it has finished');
  const progress: ImportProgress = { mode: req.commit ? 'commit' : 'preview', done: 0, total: 0 };
  running.set(key, progress);
  try {
    const data: ImportWorkerData = {
      dbFile: file,
      dbKeyHex: ctx.db.key?.toString('hex'),
      migrationsFolder: ctx.db.migrationsFolder,
      actor: plainActor(ctx),
      template: req.template,
      fileName: req.fileName,
      file: req.file,
      uploadKeyHex: uploadKeyHex(),
      mode: req.commit ? 'commit' : 'preview',
      today: todayIso(),
    };
    try {
      return await inWorker(entry, data, progress, workerHeapMb(getSettings(ctx).importMaxRows));
    } catch (e) {
      if (!(e instanceof WorkerDidNotStart)) throw e;
      console.warn(`import worker did not start (${e.message}); importing on this thread`);
      return runHere(ctx, req);
    }
  } finally {
    running.delete(key);
  }
}
