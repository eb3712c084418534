/** `exchange sync`: one sync with the hub (services/hub/sync-client.ts), in words. */
import type { AppDb } from '../db/open';
import { AppError } from '../domain/errors';
import { getSettings } from '../services/settings';
import { HubUnreachable, pinnedHub, syncWithHub, type SyncReport } from '../services/hub/sync-client';

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
