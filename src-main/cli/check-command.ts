/**
 * `check`: is the file a sound database, and what does the data-quality list say?
 * The integrity check runs on a read-only handle before anything migrates or writes. The list
 * is printed as counts per check and county (terminal output ends up in logs and tickets);
 * residents' names only with `--names`.
 */
import fs from 'node:fs';
import { backupStatus } from '../api/routers/backup';
import { connect, isPlainSqlite, keyOpens } from '../db/connection';
import { currentKey, type DbKey } from '../db/db-key';
import { DatabaseKeyError, openDatabase } from '../db/open';
import type { StorageProblem } from '../db/storage-errors';
import { todayIso } from '../domain/dates';
import { DATA_QUALITY_TITLES } from '../services/data-quality';
import { summarizeDataQuality } from '../services/data-quality-summary';
import { cliApi } from './cli-api';

export interface CheckOutcome {
  ok: boolean;
  text: string;
}

/**
 * The line the CLI prints when the daily automatic backup could not be written: the storage
 * problem as such (full, read-only, a file-size limit), else SQLite's words and a guess.
 */
export function autoBackupWarning(message: string, problem?: StorageProblem): string {
  if (problem) return `自动备份失败：${problem.zh} / The automatic backup failed: ${problem.en}`;
  return `自动备份失败：${message}，请检查备份文件夹（磁盘已满或只读？）/ The automatic backup failed: ${message}; check the backups folder (disk full or read-only?)`;
}

/**
 * A failed automatic backup is a warning, not a failure: exit 1 means the database itself is
 * damaged or cannot be opened (what a script acts on by restoring), and a sound database whose
 * backups fail must not look like that. The warning is the first line after the integrity line.
 */
export async function checkCommand(file: string, date = todayIso(), names = false): Promise<CheckOutcome> {
  if (!fs.existsSync(file)) return { ok: false, text: `数据库文件不存在：${file}\nDatabase file not found: ${file}` };
  // an encrypted file this PC's key does not open is a key problem, never "damaged"
  const plain = isPlainSqlite(file);
  let key: DbKey | null;
  try {
    key = plain ? null : currentKey();
  } catch (e) {
    return { ok: false, text: new DatabaseKeyError('NO_KEY', file, e).message };
  }
  if (key && !keyOpens(file, key)) return { ok: false, text: new DatabaseKeyError('WRONG_KEY', file, new Error('SQLITE_NOTADB')).message };
  let problems: string[];
  try {
    const raw = connect(file, key, { readonly: true, fileMustExist: true });
    try {
      problems = (raw.pragma('integrity_check') as Array<{ integrity_check: string }>).map((r) => r.integrity_check).filter((m) => m !== 'ok');
      const fk = raw.pragma('foreign_key_check') as unknown[];
      if (fk.length > 0) problems.push(`${fk.length} 条外键不一致 / foreign key violations`);
    } finally {
      raw.close();
    }
  } catch (e) {
    problems = [e instanceof Error ? e.message : String(e)];
  }
  if (problems.length > 0)
    return { ok: false, text: `数据库已损坏，请从备份恢复 / The database is damaged; restore from a backup:\n${problems.map((p) => `  - ${p}`).join('\n')}` };

  const db = openDatabase(file);
  try {
    const items = await cliApi(db).report.dataQuality({ date });
    const regions = new Map((db.sqlite.prepare('SELECT code, name FROM regions').all() as Array<{ code: string; name: string }>).map((r) => [r.code, r.name]));
    const severity = (s: 'error' | 'warning') => (s === 'error' ? '错误' : '提醒');
    const status = backupStatus(db);
    const lines = [`完整性检查：正常 / integrity: ok`];
    if (status.lastError) lines.push(autoBackupWarning(status.lastError.message, status.lastError.problem));
    lines.push(`数据质量（截至 ${date}）：${items.length} 项 / data quality: ${items.length} item(s)`);
    if (names) for (const i of items) lines.push(`  [${severity(i.severity)}] ${i.code} ${i.zh}`);
    else {
      for (const c of summarizeDataQuality(items))
        lines.push(`  [${severity(c.severity)}] ${c.code} ${c.regionCode ? `${regions.get(c.regionCode) ?? c.regionCode} ` : ''}${DATA_QUALITY_TITLES[c.code].zh}：${c.count}`);
      if (items.length > 0) lines.push('逐条明细（含老人姓名）请加 --names / add --names for each finding (with residents\' names)');
    }
    return { ok: true, text: lines.join('\n') };
  } finally {
    db.close();
  }
}
