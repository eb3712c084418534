/**
 * `import <template> FILE [--dry-run]`: the same import as the 导入 page, from a terminal,
 * through the same procedures: the file goes into the upload store (api/uploads.ts) as the
 * upload endpoint puts it there, then `import.preview` (--dry-run) or `import.commit` checks
 * and writes it — with the same permissions, audit rows and worker thread as the app.
 */
import fs from 'node:fs';
import { uploadOwner, uploads } from '../api/uploads';
import { openDatabase } from '../db/open';
import { AppError } from '../domain/errors';
import { formatProblem, type ImportReport } from '../import/runner';
import { TEMPLATE_IDS, type TemplateId } from '../contract/template-ids';
import { TEMPLATES } from '../import/templates';
import { cliActor, cliApi } from './cli-api';

export function isTemplateId(s: string | undefined): s is TemplateId {
  return (TEMPLATE_IDS as readonly string[]).includes(s ?? '');
}

export function reportText(r: ImportReport, dryRun: boolean): string {
  const t = TEMPLATES[r.template].title;
  const format = r.format === null ? '' : `（${r.format.toUpperCase()}${r.encoding ? `，${r.encoding}` : ''}）`;
  const lines = [
    `导入${t.zh} / import ${t.en.toLowerCase()}: ${r.fileName}${format}`,
    `数据行 ${r.rows}：新增 ${r.added}，更新 ${r.updated}，未变 ${r.unchanged}，有问题 ${r.rejected}`,
    `rows ${r.rows}: added ${r.added}, updated ${r.updated}, unchanged ${r.unchanged}, rejected ${r.rejected}`,
  ];
  for (const n of r.notes) lines.push(`  说明 / note${n.row === null ? '' : ` 第 ${n.row} 行 / row ${n.row}`}：${n.zh}`);
  if (r.problemCount > 0) {
    lines.push(`问题 ${r.problemCount} 个，未写入任何数据 / ${r.problemCount} problem(s); nothing was written:`);
    for (const p of r.problems) lines.push(`  ${formatProblem(p)}`);
    if (r.problemCount > r.problems.length) lines.push(`  ……另有 ${r.problemCount - r.problems.length} 个问题 / and ${r.problemCount - r.problems.length} more`);
  } else if (dryRun) lines.push('检查通过；试运行，未写入 / all rows pass; dry run, nothing written');
  else lines.push(`已写入（一个事务）/ written in one transaction, ${r.durationMs} ms`);
  return lines.join('\n');
}

export async function importCommand(dbFile: string, template: TemplateId, input: string, dryRun: boolean): Promise<{ code: number; text: string }> {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(input);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new AppError({ code: 'FILE_NOT_FOUND', kind: 'validation', field: 'file', zh: `无法读取文件：${input}（${code}）`, en: `Cannot read the file: ${input} (${code})` });
  }
  const db = openDatabase(dbFile);
  try {
    // The store keeps the file owner-only and sealed, and removes it when this process exits.
    const uploadId = uploads.put(uploadOwner(cliActor(db)), input, bytes);
    const api = cliApi(db);
    // A dry run is a preview: it reads a snapshot, so the app and other connections keep writing meanwhile.
    const report = dryRun ? await api.import.preview({ template, uploadId }) : await api.import.commit({ template, uploadId });
    // The store keeps only the file's own name; the report names the file as it was given.
    return { code: report.problemCount > 0 ? 1 : 0, text: reportText({ ...report, fileName: input }, dryRun) };
  } finally {
    db.close();
  }
}
