/**
 * Import of whole registers from .xlsx/.csv: preview (everything checked on a snapshot, nothing
 * written, audited), commit (the same, written in one transaction when no row is refused), and
 * the templates. The file itself arrives first by the upload endpoint and is named by its id.
 */
import type { z } from 'zod';
import { exportRegister } from '../../import/export';
import { importProgress, runImportOffThread } from '../../import/worker-host';
import { assertMayImport } from '../../import/runner';
import { templateFileName, templateWorkbook } from '../../import/template-workbook';
import type { ServiceContext } from '../../services/context';
import * as s from '../../contract/schemas';
import { fullIdExportProcedure, readProcedure, router, writeProcedure } from '../trpc';
import { uploadOwner, uploads } from '../uploads';

/** The uploaded file, imported (or previewed) by the runner, which holds the import's own rules. */
async function importUpload(ctx: ServiceContext, input: z.infer<typeof s.importFileInput>, commit: boolean) {
  // Asked before the file is looked up or a worker starts; the runner asks again (runner.ts).
  assertMayImport(ctx, input.template);
  const upload = uploads.get(uploadOwner(ctx.actor), input.uploadId);
  const report = await runImportOffThread(ctx, { template: input.template, fileName: upload.fileName, file: upload.file, commit });
  // Imported: the file is done with (its rows are in the register now); nothing stays on disk.
  if (report.committed) uploads.delete(input.uploadId);
  return report;
}

export const importRouter = router({
  preview: writeProcedure.input(s.importFileInput).mutation(({ ctx, input }) => importUpload(ctx, input, false)),
  commit: writeProcedure.input(s.importFileInput).mutation(({ ctx, input }) => importUpload(ctx, input, true)),
  /** How far the running import on this database is (null when none runs), for the progress bar. */
  progress: readProcedure.query(({ ctx }) => importProgress(ctx.db.file)),
  /**
   * The register in its template's format, after a cover, to move it to another installation.
   * The residents and stays registers hold full ID numbers (the cover says 内部资料); the
   * procedure needs revealPersonal for every register, as before.
   */
  exportRegister: fullIdExportProcedure.input(s.templateInput).mutation(async ({ ctx, input }) => {
    const r = await exportRegister(ctx, input.template);
    return { fileName: r.fileName, rows: r.rows, base64: r.data.toString('base64') };
  }),
  template: readProcedure.input(s.templateInput).query(async ({ input }) => ({
    fileName: templateFileName(input.template),
    base64: (await templateWorkbook(input.template)).toString('base64'),
  })),
});
