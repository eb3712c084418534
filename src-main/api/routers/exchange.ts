/**
 * `exchange.*`: the 数据交换 screen — this install and those it knows, packages out and in, the
 * enrolment of offices below, and 报送情况 (docs/exchange.md). Packages and enrolment files
 * travel as bytes (base64 out, an upload in); the rules are the services' (services/exchange).
 */
import { unsealFile } from '../../import/upload-seal';
import * as s from '../../contract/schemas';
import * as x from '../../contract/exchange-schemas';
import type { AppDb } from '../../db/open';
import { AppError, fail } from '../../domain/errors';
import type { InstallPlace } from '../../domain/install-place';
import { activeAt, revokeInstall } from '../../services/exchange/enrol';
import { exportPackage, makeEnrolment } from '../../services/exchange/enrolment';
import { enrolmentFileName, packageFileName } from '../../services/exchange/file-names';
import { heldPackages, importHeld, importPackage } from '../../services/exchange/import-package';
import { reportingStatus } from '../../services/exchange/reporting';
import { identityReport, statusReport } from '../../services/exchange/status';
import { HubUnreachable, pinnedHub, syncWithHub, type SyncReport } from '../../services/hub/sync-client';
import { getSettings } from '../../services/settings';
import type { Actor } from '../../services/context';
import { manageProcedure, readProcedure, reportProcedure, router, writeProcedure } from '../trpc';
import { uploadOwner, uploads } from '../uploads';

/** Installs syncing now: a second 同步 while one runs is refused (both would send the same changes). */
const syncing = new WeakSet<AppDb>();

/** 同步 in a shape the screen shows: what reached the hub, and what became of each file it kept for this install. */
function syncSummary(r: SyncReport) {
  const h = r.hub_package;
  return {
    hub: { fingerprint: r.hub.fingerprint },
    firstContact: r.firstContact,
    relayed: r.relayed.length,
    hubPackage: { kind: h.outcome, changes: h.changes, applied: h.applied ?? null, refused: h.refused ?? null },
    pulled: r.pulled.map(({ outcome: o }) => ({
      sender: o.sender,
      applied: o.report?.applied ?? 0,
      alreadyHad: o.report?.alreadyHad ?? 0,
      waiting: o.report?.waiting ?? 0,
      refused: o.report?.refused.length ?? 0,
      /** Why changes were refused (each reason once). */
      reasons: [...new Set(o.report?.refused.map((c) => c.reason) ?? [])],
      /** The whole file was refused, or kept until an upgrade. */
      fileRefused: o.refused ?? null,
      held: o.held ? { zh: o.held.zh, en: o.held.en } : null,
      /** The fingerprint of an install this file enrolled here, to confirm by phone. */
      enrolled: o.enrolled ?? null,
    })),
  };
}

async function sync(db: AppDb, actor: Actor, hub: string | undefined) {
  const url = hub ?? (getSettings({ db }).hubAddress || pinnedHub(db)?.url);
  if (!url) return fail.validation('HUB_ADDRESS_MISSING', 'hubAddress', '还没有填写中心服务器地址：请在“设置”中填写', 'No hub address yet: enter it on Settings');
  if (syncing.has(db)) return fail.conflict('HUB_SYNC_RUNNING', undefined, '正在与中心服务器同步，请等这次同步完成', 'A sync with the hub is running; wait until it is done');
  syncing.add(db);
  try {
    return syncSummary(await syncWithHub(db, url, { actor }));
  } catch (e) {
    if (e instanceof HubUnreachable) {
      const why = e.cause instanceof Error ? (e.cause.cause instanceof Error ? e.cause.cause.message : e.cause.message) : e.message;
      throw new AppError({
        code: 'HUB_UNREACHABLE',
        kind: 'validation',
        field: undefined,
        zh: `连接不上中心服务器 ${url}（${why}）：本机数据没有任何改动，网络恢复后再同步即可`,
        en: `Could not reach the hub at ${url} (${why}): nothing here changed; sync again when the network is back`,
      });
    }
    // an answer that is not the hub's JSON: the address names another server
    if (e instanceof SyntaxError)
      fail.validation('HUB_NOT_A_HUB', 'hubAddress', `${url} 的答复不是中心服务器的答复：请核对“设置”中的中心服务器地址`, `${url} did not answer as a hub does: check the hub address on Settings`);
    throw e;
  } finally {
    syncing.delete(db);
  }
}

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
  /** 与中心服务器同步: the address in the settings (or the one given, or the hub synced with before). */
  sync: writeProcedure.input(x.exchangeSyncInput).mutation(({ ctx, input }) => sync(ctx.db, ctx.actor, input?.hub)),
  /** The hub address of the settings, and the hub synced with before (its fingerprint, to compare by phone). */
  hub: readProcedure.query(({ ctx }) => {
    const pinned = pinnedHub(ctx.db);
    return { address: getSettings(ctx).hubAddress, pinned: pinned ? { url: pinned.url, fingerprint: pinned.fingerprint } : null };
  }),
  revoke: manageProcedure.input(x.exchangeRevokeInput).mutation(({ ctx, input }) => ({ uid: input.install, ...revokeInstall(ctx.db, input.install) })),
});
