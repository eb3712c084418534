/**
 * `backup --db PATH --out FILE` and `restore --db PATH --from FILE`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { backupFileName, backupOnline } from '../db/backup';
import { openDatabase } from '../db/open';
import { inspectBackup, restoreDatabase, type BackupPreview } from '../db/restore';
import { AppError } from '../domain/errors';
import { writeFailure } from '../services/backups';

function usage(zh: string, en: string): never {
  throw new AppError({ code: 'USAGE', kind: 'validation', zh, en });
}

export async function backupCommand(file: string, out: string | undefined): Promise<string> {
  if (!out) usage('backup 需要 --out FILE（或一个已存在的文件夹）', 'backup needs --out FILE (or an existing folder)');
  if (!fs.existsSync(file)) usage(`数据库文件不存在：${file}`, `Database file not found: ${file}`);
  let dest = path.resolve(out);
  if (fs.existsSync(dest) && fs.statSync(dest).isDirectory()) dest = backupFileName(file, 'manual', new Date(), dest);
  else if (fs.existsSync(dest)) usage(`文件已存在，未覆盖：${dest}`, `The file exists and was not overwritten: ${dest}`);
  else if (!fs.existsSync(path.dirname(dest))) usage(`文件夹不存在：${path.dirname(dest)}`, `Folder not found: ${path.dirname(dest)}`);
  const db = openDatabase(file);
  try {
    await backupOnline(db.sqlite, dest);
  } catch (e) {
    throw writeFailure(e, path.dirname(dest));
  } finally {
    db.close();
  }
  const p = inspectBackup(dest, db.migrationsFolder);
  return `备份已完成并通过完整性检查 / backup written and verified: ${dest}\n${describePreview(p)}`;
}

export function describePreview(p: BackupPreview): string {
  const c = p.counts;
  return [
    c ? `机构 ${c.facilities}，床位 ${c.beds}，老人 ${c.residents}，入住记录 ${c.stays} / facilities, beds, residents, stays` : '',
    `最后修改 / last change: ${p.lastChange ?? '—'}`,
    `数据库版本 / schema version: ${p.schemaVersion ?? '—'}（本软件 / this app: ${p.appSchemaVersion}）`,
  ]
    .filter(Boolean)
    .join('\n');
}

export async function restoreCommand(file: string, from: string | undefined): Promise<string> {
  if (!from) usage('restore 需要 --from FILE', 'restore needs --from FILE');
  const outcome = await restoreDatabase({ dbFile: file, from });
  return [
    `已从备份恢复 / restored from: ${path.resolve(from)}`,
    describePreview(outcome.preview),
    outcome.safetyBackup ? `恢复前的数据库已另存为 / the database as it was is kept at: ${outcome.safetyBackup}` : '',
    outcome.movedAside ? `损坏的数据库已移到 / the damaged database was moved to: ${outcome.movedAside}` : '',
  ]
    .filter(Boolean)
    .join('\n');
}
