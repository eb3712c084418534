/**
 * `exchange identity --db DB [--json]`: which install this database is — its uid, level, what
 * it holds, and the fingerprint of its public key, which a clerk reads out by phone to confirm
 * an enrolment; `exchange status`; and the commands that move changes as files (docs/exchange.md):
 * `enrol` (the section's enrolment file), `join` (a new install from it), `export` (a package)
 * and `import` (packages, each checked, then applied).
 */
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase, type AppDb } from '../db/open';
import { AppError, fail } from '../domain/errors';
import type { InstallPlace } from '../domain/install-place';
import { activeAt, revokeInstall } from '../services/exchange/enrol';
import { exportPackage, joinFromEnrolment, makeEnrolment, readEnrolment } from '../services/exchange/enrolment';
import { heldPackages, importHeld, importPackage, type ImportOutcome } from '../services/exchange/import-package';
import { joinWithRecords } from '../services/exchange/join-existing';
import { createBackup } from '../services/backups';
import { localActor } from '../services/local-actor';
import { countsByTable } from '../contract/exchange-labels';
import { writeFileAtomic } from '../services/file-output';
import { installIdentity, keyFingerprint } from '../db/install-identity';
import { INSTALL_LEVEL_LABELS } from '../domain/install-place';
import { type IdentityReport, type StatusReport } from '../services/exchange/status';
import type { ReportingState, ReportingStatus } from '../services/exchange/reporting';
import { getSettings } from '../services/settings';
import { HubUnreachable, pinnedHub, syncWithHub, type SyncReport } from '../services/hub/sync-client';
export { identityReport, statusReport } from '../services/exchange/status';

export function identityText(r: IdentityReport): string {
  const level = INSTALL_LEVEL_LABELS[r.level as keyof typeof INSTALL_LEVEL_LABELS] ?? { zh: r.level, en: r.level };
  const holds = r.facilityUid ? `${r.facilityName ?? r.facilityUid}（${r.regionName ?? r.regionCode}）` : `${r.regionName ?? ''}（${r.regionCode}）`;
  return [
    `安装编号 / install uid:   ${r.uid}`,
    `层级 / level:             ${level.zh} / ${level.en}`,
    `所辖 / holds:             ${holds}`,
    `公钥指纹 / key fingerprint: ${r.fingerprint}`,
    `已知安装 / installs known: ${r.knownInstalls}`,
    `变更 / changes:           本机 ${r.changes.own} · 收到 ${r.changes.received} · 待处理 ${r.changes.pending} · 拒绝 ${r.changes.refused} / own · received · pending · refused`,
  ].join('\n');
}

export function statusText(r: StatusReport): string {
  const label = (level: string) => INSTALL_LEVEL_LABELS[level as keyof typeof INSTALL_LEVEL_LABELS]?.zh ?? level;
  const lines = [`本机 / this install: ${r.install.uid}（${label(r.install.level)}）`, '已知安装 / installs known:'];
  for (const o of r.origins)
    lines.push(
      `  ${o.uid === r.install.uid ? '*' : ' '} ${label(o.level)} ${o.holds}  ${o.uid}  ${o.uid === r.install.uid ? '本机变更至' : '已处理至'} #${o.through}` +
        `${o.pending ? ` · 待处理 ${o.pending}` : ''}${o.refused ? ` · 拒绝 ${o.refused}` : ''}` +
        `${o.revokedAt ? ` · 已吊销 ${o.revokedAt.slice(0, 10)}（有效至 #${o.revokedThrough}）/ revoked` : ''}`,
    );
  if (r.acks.length === 0) lines.push('尚未收到任何对方的确认 / no acknowledgements received yet');
  for (const h of r.held) lines.push(`暂存待升级 / held for an upgrade: ${h.sender} · 版本 ${h.app} · ${h.heldAt.slice(0, 10)}`);
  return lines.join('\n');
}

export interface PlaceTarget {
  facility?: string;
  county?: string;
  city?: string;
}

/** The place a command names: `--facility <区县代码>/<机构名称>`, `--county <区县代码>` (or `--city`). */
function placeOf(db: AppDb, target: PlaceTarget, command: string): { place: InstallPlace; what: string } {
  if (target.facility) {
    const [county, ...rest] = target.facility.split('/');
    const name = rest.join('/');
    const f = db.sqlite.prepare('SELECT uid, region_code AS r FROM facilities WHERE region_code = ? AND name = ?').get(county, name) as { uid: string; r: string } | undefined;
    if (!f) return fail.validation('ENROL_FACILITY', 'facility', `本库没有区县 ${county ?? ''} 的机构“${name}”`, `No facility "${name}" in county ${county ?? ''}`);
    return { place: { level: 'facility', regionCode: f.r, facilityUid: f.uid }, what: `机构“${name}”` };
  }
  if (target.county) return { place: { level: 'county', regionCode: target.county }, what: `区县 ${target.county}` };
  if (target.city)
    return fail.validation(
      'ENROL_LEVEL',
      'city',
      '一个数据库只保存一个市的登记册；全省汇总由省级交换中心（hub）承担，市级端不在省级电脑上登记',
      "A database keeps one city's register; a province gathers its cities on the exchange hub, not by enrolling them at a province PC",
    );
  return fail.validation('REQUIRED', 'facility', `exchange ${command} 需要 --facility <区县代码>/<机构名称> 或 --county <区县代码>`, `exchange ${command} needs --facility <county code>/<name> or --county <code>`);
}

/** `exchange enrol`: the enrolment file for a facility or a county; with `--replace`, first revoke the PC that kept it (re-enrolment). */
export function enrolCommand(db: AppDb, target: PlaceTarget, out: string, replace = false): string {
  const { place, what } = placeOf(db, target, 'enrol');
  const lines: string[] = [];
  if (replace) {
    const old = activeAt(db, place);
    if (!old) return fail.validation('NOTHING_TO_REPLACE', 'replace', `${what}还没有登记过的电脑，不需要 --replace`, `${what} has no enrolled install to replace`);
    lines.push(revokedText(old, revokeInstall(db, old)));
  }
  const { file, fingerprint } = makeEnrolment(db, place);
  writeFileAtomic(out, file);
  lines.push(
    `已为${what}生成登记文件：${out}（只能使用一次）\n本单位公钥指纹 / section key fingerprint: ${fingerprint}\n` +
      `Enrolment file for ${what} written: ${out} (works once). Give it to the office; it runs: exchange join --db NEW.db --from FILE`,
  );
  return lines.join('\n');
}

function revokedText(uid: string, r: { through: number; fingerprint: string }): string {
  return (
    `已吊销安装 ${uid}（公钥指纹 ${r.fingerprint}）：其第 ${r.through} 号之后的变更和此后用该密钥签名的交换包都将被拒绝\n` +
    `Revoked install ${uid} (fingerprint ${r.fingerprint}): its changes after #${r.through} and every package signed with its key from now on are refused`
  );
}

/** `exchange revoke`: a PC that died or was lost — by install uid, or the place it kept. */
export function revokeCommand(db: AppDb, target: PlaceTarget & { install?: string }): string {
  let uid = target.install;
  if (!uid) {
    const { place, what } = placeOf(db, target, 'revoke');
    uid = activeAt(db, place);
    if (!uid) return fail.validation('NOTHING_TO_REVOKE', 'facility', `${what}没有登记过的电脑`, `${what} has no enrolled install`);
  }
  return `${revokedText(uid, revokeInstall(db, uid))}\n重新登记：exchange enrol … --out FILE / to enrol a new PC: exchange enrol … --out FILE`;
}

/**
 * `exchange join`: a new install from an enrolment file — or, when the database already holds
 * an office's records (it used the app alone), that office joining with them (a backup first).
 */
export async function joinCommand(dbFile: string, from: string): Promise<string> {
  const content = readEnrolment(fs.readFileSync(from));
  if (fs.existsSync(dbFile) && fs.statSync(dbFile).size > 0) return joinExisting(dbFile, content);
  const db = openDatabase(dbFile, { install: content.place });
  try {
    const { report, fingerprint, sectionFingerprint } = joinFromEnrolment(db, content);
    return (
      `已加入数据交换：${dbFile}\n本机公钥指纹 / this install's fingerprint: ${fingerprint}\n上级单位公钥指纹 / section's fingerprint: ${sectionFingerprint}\n` +
      `收到 ${report.applied} 条变更 / ${report.applied} changes received. 请电话核对两端指纹，然后用 exchange export 生成首个上报包 / confirm both fingerprints by phone, then run exchange export.`
    );
  } finally {
    db.close();
  }
}

async function joinExisting(dbFile: string, content: ReturnType<typeof readEnrolment>): Promise<string> {
  const db = openDatabase(dbFile);
  try {
    const backup = await createBackup({ db, actor: localActor(db) });
    const r = joinWithRecords(db, content);
    const me = installIdentity(db.sqlite);
    const section = content.registry.find((i) => i.uid === content.section)!;
    const sum = (m: Record<string, number>) => Object.values(m).reduce((a, b) => a + b, 0);
    const each = (m: Record<string, number>) => countsByTable(m) || '无';
    const lines = [
      `已带着本机原有记录加入数据交换：${dbFile}（加入前已备份：${backup.file}）`,
      `Joined with this office's records: ${dbFile} (backed up first: ${backup.file})`,
      `  与上级登记册相同、已合并为同一记录 / found in the section's copy too: ${sum(r.matched)}（${each(r.matched)}）`,
      `  作为本机记录上报 / sent up as this office's own: ${sum(r.own)}（${each(r.own)}）`,
      `  上级登记册有而本机没有、已加入本机 / added from the section's copy: ${sum(r.added)}（${each(r.added)}）— 请核对是否重复 / check them for duplicates`,
    ];
    if (r.receive.refused.length > 0) lines.push(`  上级登记册中 ${r.receive.refused.length} 条与本机记录冲突，未采用 / ${r.receive.refused.length} of the section's changes conflict with this office's records and were not taken:`);
    for (const x of r.receive.refused.slice(0, 20)) lines.push(`    #${x.seq} ${x.tbl}: ${x.reason}`);
    lines.push(`本机公钥指纹 / this install's fingerprint: ${keyFingerprint(me.publicKey)}`, `上级单位公钥指纹 / section's fingerprint: ${keyFingerprint(section.public_key)}`);
    lines.push('请电话核对两端指纹，然后用 exchange export 生成首个上报包 / confirm both fingerprints by phone, then run exchange export.');
    return lines.join('\n');
  } finally {
    db.close();
  }
}

/** `exchange export`: a package for the section above (or `--for` an install). */
export function exportCommand(db: AppDb, out: string, to?: string): string {
  const { file, changes, to: peer } = exportPackage(db, to);
  writeFileAtomic(out, file);
  return `已生成交换包：${out}（${changes} 条变更，发往 ${peer}）\nPackage written: ${out} (${changes} changes, for ${peer})`;
}

/** `exchange import`: each file with what became of it; false when any was refused (exit 1). Files held for an upgrade are tried first. */
export function importPackagesCommand(db: AppDb, files: readonly string[]): { text: string; ok: boolean } {
  let ok = true;
  const lines: string[] = [];
  const say = (name: string, o: ImportOutcome) => {
    if (o.refused) {
      ok = false;
      lines.push(`${name}：拒绝 / refused [${o.refused.code}] ${o.refused.zh} / ${o.refused.en}`);
      return;
    }
    if (o.held) {
      lines.push(`${name}：暂存 / held — ${o.held.zh} / ${o.held.en}`);
      return;
    }
    const r = o.report!;
    if (r.refused.length > 0) ok = false;
    lines.push(
      `${name}：来自 ${o.sender}${o.madeAt ? ` · 数据截至 ${o.madeAt.slice(0, 10)}` : ''}${o.byTable && Object.keys(o.byTable).length > 0 ? `（${countsByTable(o.byTable)}）` : '（无新变更）'} · 应用 ${r.applied} · 已有 ${r.alreadyHad} · 等待前序 ${r.waiting} · 拒绝 ${r.refused.length} / applied · already had · waiting · refused` +
        (o.enrolled ? `\n  新登记的安装，请电话核对指纹 / newly enrolled, confirm by phone: ${o.enrolled}` : ''),
    );
    for (const x of r.refused) lines.push(`  拒绝 / refused #${x.seq} ${x.tbl}: ${x.reason}`);
  };
  for (const o of importHeld(db)) say(`（升级前暂存的包 / held before the upgrade）${o.sender}`, o);
  for (const f of files) say(path.basename(f), importPackage(db, fs.readFileSync(f)));
  const still = heldPackages(db);
  if (still.length > 0) lines.push(`仍暂存 ${still.length} 个交换包，待升级后导入 / ${still.length} packages held until an upgrade`);
  return { text: lines.join('\n'), ok };
}

/** `exchange reporting --month YYYY-MM`: which offices below have sent the month's data, on time or late. */
export function reportingText(r: ReportingStatus): string {
  const word: Record<ReportingState, string> = { reported: '已按时报送', late: '迟报', missing: '未报送', notDue: '不需报送' };
  const lines = [
    `${r.month} 报送情况（截止 ${r.deadline}${r.overdue ? '，已过' : '，未到'}）：已报送 ${r.counts.reported} · 迟报 ${r.counts.late} · 未报送 ${r.counts.missing} · 不需报送 ${r.counts.notDue}` +
      (r.share === null ? '' : ` · 报送率 ${(r.share * 100).toFixed(1)}%`),
    `Reporting for ${r.month} (due ${r.deadline}): reported ${r.counts.reported} · late ${r.counts.late} · missing ${r.counts.missing} · not due ${r.counts.notDue}`,
  ];
  if (r.rows.length === 0) lines.push('本单位还没有登记下级（exchange enrol）/ no office enrolled below yet');
  for (const x of r.rows)
    lines.push(
      `  ${word[x.state]}  ${x.regionName} ${x.name}  报送 ${x.reportedAt?.slice(0, 10) ?? '—'} · 最后收到 ${x.lastReceivedAt?.slice(0, 10) ?? '—'} · 数据截至 ${x.madeThrough?.slice(0, 10) ?? '—'}` +
        (x.waiting > 0 ? ` · 缺少前序包（等待 ${x.waiting} 条）` : ''),
    );
  return lines.join('\n');
}


/** `exchange sync`: one sync with the hub (services/hub/sync-client.ts), in words. */
export function syncText(r: SyncReport): string {
  const lines = [`中心服务器 / hub: ${r.hub.fingerprint}${r.firstContact ? '（首次同步，请与市局核对此指纹 / first sync: confirm this fingerprint with the city）' : ''}`];
  for (const x of r.relayed) lines.push(`发往 ${x.to} 的交换包：${x.alreadyHad ? '中心已有' : '已交中心转交'} / package for ${x.to}: ${x.alreadyHad ? 'the hub had it' : 'handed to the hub to pass on'}`);
  const h = r.hub_package;
  lines.push(
    h.outcome === 'refused'
      ? `本机数据未被中心接受 / the hub did not take this install's data: [${h.refused!.code}] ${h.refused!.zh} / ${h.refused!.en}`
      : `本机数据已交中心：${h.changes} 条变更${h.applied === undefined ? '' : `，应用 ${h.applied} 条`} / this install's data reached the hub: ${h.changes} changes`,
  );
  for (const p of r.pulled) {
    const o = p.outcome;
    lines.push(
      o.refused
        ? `收到的交换包被拒绝 / a package received was refused: [${o.refused.code}] ${o.refused.zh}`
        : `收到 ${o.sender} 的交换包：应用 ${o.report?.applied ?? 0} · 已有 ${o.report?.alreadyHad ?? 0} · 等待前序 ${o.report?.waiting ?? 0} · 拒绝 ${o.report?.refused.length ?? 0} / received from ${o.sender}` +
            (o.enrolled ? `\n  新登记的安装，请电话核对指纹 / newly enrolled, confirm by phone: ${o.enrolled}` : ''),
    );
    for (const x of o.report?.refused ?? []) lines.push(`  拒绝 / refused #${x.seq} ${x.tbl}: ${x.reason}`);
  }
  if (r.pulled.length === 0) lines.push('没有新的交换包 / no new packages for this install');
  return lines.join('\n');
}

export async function syncCommand(db: AppDb, hubArg: string | undefined, json: boolean): Promise<{ text: string; ok: boolean }> {
  const url = hubArg ?? (getSettings({ db }).hubAddress || pinnedHub(db)?.url);
  if (!url) return { ok: false, text: '没有中心服务器地址：用 --hub https://… 指定，或在“设置”中填写 / no hub address: give --hub https://… or set it on 设置' };
  try {
    const report = await syncWithHub(db, url);
    const refused = report.hub_package.outcome === 'refused' || report.pulled.some((p) => p.outcome.refused || (p.outcome.report?.refused.length ?? 0) > 0);
    return { ok: !refused, text: json ? JSON.stringify(report, null, 2) : syncText(report) };
  } catch (e) {
    if (e instanceof HubUnreachable) return { ok: false, text: `${e.message}\n同步未完成，本机数据未受影响，网络恢复后再同步即可 / the sync did not complete; nothing here changed; sync again when the network is back` };
    if (e instanceof AppError) return { ok: false, text: `[${e.code}] ${e.zh} / ${e.en}` };
    throw e;
  }
}
