/**
 * The import's worker thread: a thin host around runImport (runner.ts stays the one
 * implementation). It opens its OWN connection to the same database file (WAL lets the main
 * connection keep reading meanwhile), runs the import (a preview on a snapshot of the file, so
 * it never holds the write lock: preview-snapshot.ts), and posts back the report or the
 * AppError as plain data. Started by worker-host.ts; built as out/main/import-worker.js.
 */
import { parentPort, threadId, workerData } from 'node:worker_threads';
import { setToday } from '../domain/dates';
import { toAppError } from '../services/errors';
import { unsealFile } from './upload-seal';
import { openDatabase } from '../db/open';
import type { Actor } from '../services/context';
import { onSnapshot } from './preview-snapshot';
import { runImport } from './runner';
import type { TemplateId } from '../contract/template-ids';

export interface ImportWorkerData {
  dbFile: string;
  /** The database key (a worker thread does not share the owner's module state). */
  dbKeyHex?: string;
  migrationsFolder?: string;
  actor: Actor;
  template: TemplateId;
  fileName: string;
  /** The uploaded file, read here: the thread that serves everyone never holds its bytes. */
  file: string;
  /** The key it is sealed with (upload-seal.ts). */
  uploadKeyHex: string;
  mode: 'preview' | 'commit';
  /** The owner's today (domain/dates.ts): a worker thread does not share the clock's setting. */
  today: string;
}

async function main(port: NonNullable<typeof parentPort>, data: ImportWorkerData): Promise<void> {
  // Loaded and running: from here on a failure is the import's, not the worker's start.
  port.postMessage({ type: 'ready', threadId });
  try {
    setToday(data.today);
    // Its own connection; the owner has checked, backed up and migrated the file already.
    const key = data.dbKeyHex ? Buffer.from(data.dbKeyHex, 'hex') : undefined;
    const db = openDatabase(data.dbFile, { migrationsFolder: data.migrationsFolder, autoBackup: false, alongside: true, key });
    try {
      const commit = data.mode === 'commit';
      const req = { template: data.template, fileName: data.fileName, bytes: unsealFile(data.file, data.uploadKeyHex), commit, onProgress: (done: number, total: number) => port.postMessage({ type: 'progress', done, total }) };
      // A preview reads a snapshot, so the live file's write lock stays free (preview-snapshot.ts).
      const report = commit ? await runImport({ db, actor: data.actor }, req) : await onSnapshot(db, (snapshot) => runImport({ db: snapshot, actor: data.actor }, req));
      port.postMessage({ type: 'result', report, threadId });
    } finally {
      db.close();
    }
  } catch (e) {
    port.postMessage({ type: 'error', error: toAppError(e, data.dbFile).toJSON() });
  }
}

if (parentPort) void main(parentPort, workerData as ImportWorkerData);
