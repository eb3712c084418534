/**
 * Import of whole registers from .xlsx/.csv: preview (everything checked on a snapshot, nothing
 * written, audited), commit (the same, written in one transaction when no row is refused), and
 * the templates. The file itself arrives first by the upload endpoint and is named by its id.
 */
import { z } from 'zod';
import { exportRegister } from '../../import/export';
import { importProgress, runImportOffThread } from '../../import/worker-host';
import { TEMPLATE_IDS } from '../../contract/template-ids';
import { templateFileName, templateWorkbook } from '../../import/template-workbook';
import { fail } from '../../domain/errors';
import { roleHas } from '../../domain/permissions';
import type { ServiceContext } from '../../services/context';
import { fullIdExportProcedure, readProcedure, router, writeProcedure } from '../trpc';
import { uploadOwner, uploads } from '../uploads';

const templateId = z.enum(TEMPLATE_IDS);

export const importFileInput = z.object({
  template: templateId,
  /** A file sent to the upload endpoint (POST /api/upload, or the desktop's upload channel): api/uploads.ts. */
  uploadId: z.string().trim().min(1, { error: 'REQUIRED' }).max(100),
});

async function request(ctx: ServiceContext, input: z.infer<typeof importFileInput>, commit: boolean) {
  checkTemplatePermission(ctx, input.template);
  const upload = uploads.get(uploadOwner(ctx.actor), input.uploadId);
  const report = await runImportOffThread(ctx, { template: input.template, fileName: upload.fileName, file: upload.file, commit });
  // Imported: the file is done with (its rows are in the register now); nothing stays on disk.
  if (report.committed) uploads.delete(input.uploadId);
  return report;
}

/** Population is city-level data: entering it by hand needs 'manage', and so does importing it. */
function checkTemplatePermission(ctx: ServiceContext, template: z.infer<typeof templateId>): void {
  if (template === 'population' && !roleHas(ctx.actor.role, 'manage')) fail.forbidden('您的账号没有“业务管理”权限，不能导入人口', 'Your account lacks the "Manage" permission needed to import population');
}

export const importRouter = router({
  preview: writeProcedure.input(importFileInput).mutation(({ ctx, input }) => request(ctx, input, false)),
  commit: writeProcedure.input(importFileInput).mutation(({ ctx, input }) => request(ctx, input, true)),
  /** How far the running import on this database is (null when none runs), for the progress bar. */
  progress: readProcedure.query(({ ctx }) => importProgress(ctx.db.file)),
  /**
   * The register in its template's format, after a cover, to move it to another installation.
   * The residents and stays registers hold full ID numbers (the cover says 内部资料); the
   * procedure needs revealPersonal for every register, as before.
   */
  exportRegister: fullIdExportProcedure.input(z.object({ template: templateId })).mutation(async ({ ctx, input }) => {
    const r = await exportRegister(ctx, input.template);
    return { fileName: r.fileName, rows: r.rows, base64: r.data.toString('base64') };
  }),
  template: readProcedure.input(z.object({ template: templateId })).query(async ({ input }) => ({
    fileName: templateFileName(input.template),
    base64: (await templateWorkbook(input.template)).toString('base64'),
  })),
});
