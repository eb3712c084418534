/**
 * `exchange.*`: the 数据交换 screen — this install and those it knows, packages out and in, the
 * enrolment of offices below, and 报送情况 (docs/exchange.md). Packages and enrolment files
 * travel as bytes (base64 out, an upload in); the rules are the services' (services/exchange).
 */
import { unsealFile } from '../../import/upload-seal';
import * as s from '../../contract/schemas';
import * as x from '../../contract/exchange-schemas';
import { fail } from '../../domain/errors';
import type { InstallPlace } from '../../domain/install-place';
import { activeAt, revokeInstall } from '../../services/exchange/enrol';
import { exportPackage, makeEnrolment } from '../../services/exchange/enrolment';
import { enrolmentFileName, packageFileName } from '../../services/exchange/file-names';
import { heldPackages, importHeld, importPackage } from '../../services/exchange/import-package';
import { reportingStatus } from '../../services/exchange/reporting';
import { identityReport, statusReport } from '../../services/exchange/status';
import { manageProcedure, readProcedure, reportProcedure, router, writeProcedure } from '../trpc';
import { uploadOwner, uploads } from '../uploads';

export const exchangeRouter = router({
  identity: readProcedure.query(({ ctx }) => identityReport(ctx.db)),
  status: readProcedure.query(({ ctx }) => statusReport(ctx.db)),
  reporting: reportProcedure.input(s.monthInput).query(({ ctx, input }) => reportingStatus(ctx.db, input.month)),
  held: readProcedure.query(({ ctx }) => heldPackages(ctx.db)),
  /** 生成上报包: for the section above, or (at a section) an office below. */
  exportPackage: writeProcedure.input(x.exchangeExportInput).mutation(({ ctx, input }) => {
    const r = exportPackage(ctx.db, input?.for);
    return { fileName: packageFileName(ctx.db, r), base64: r.file.toString('base64'), changes: r.changes, to: r.to };
  }),
  /** 导入交换包: one uploaded file (the screen sends many one after another); held files an upgrade can read now go first. */
  importPackage: writeProcedure.input(x.exchangeImportInput).mutation(({ ctx, input }) => {
    const upload = uploads.get(uploadOwner(ctx.actor), input.uploadId);
    const bytes = unsealFile(upload.file);
    const earlier = importHeld(ctx.db);
    const outcome = importPackage(ctx.db, bytes, undefined, ctx.actor);
    uploads.delete(input.uploadId);
    return { fileName: upload.fileName, ...outcome, earlier };
  }),
  /** 登记机构端 / 区县端: the enrolment file (works once), and the section's fingerprint to read out. */
  enrol: manageProcedure.input(x.exchangeEnrolInput).mutation(({ ctx, input }) => {
    let place: InstallPlace;
    if (input.facilityId !== undefined) {
      const f = ctx.db.sqlite.prepare('SELECT uid, region_code AS r FROM facilities WHERE id = ?').get(input.facilityId) as { uid: string; r: string } | undefined;
      if (!f) return fail.notFound({ zh: '机构', en: 'Facility' }, input.facilityId);
      place = { level: 'facility', regionCode: f.r, facilityUid: f.uid };
    } else place = { level: 'county', regionCode: input.county! };
    let revoked: { uid: string; through: number; fingerprint: string } | undefined;
    if (input.replace) {
      const old = activeAt(ctx.db, place);
      if (!old) fail.validation('NOTHING_TO_REPLACE', 'replace', '该单位还没有登记过的电脑，不需要重新登记', 'The place has no enrolled install to replace');
      else revoked = { uid: old, ...revokeInstall(ctx.db, old) };
    }
    const { file, fingerprint } = makeEnrolment(ctx.db, place);
    return { fileName: enrolmentFileName(ctx.db, place), base64: file.toString('base64'), fingerprint, revoked };
  }),
  revoke: manageProcedure.input(x.exchangeRevokeInput).mutation(({ ctx, input }) => ({ uid: input.install, ...revokeInstall(ctx.db, input.install) })),
});
