/**
 * Writing a file a user will open: to a temporary name beside it, then an atomic rename, so
 * no half-written file is ever left behind. Failures a user can cause come back as clear
 * messages.
 */
import fs from 'node:fs';
import path from 'node:path';
import { storageProblem } from '../db/storage-errors';
import { AppError } from '../domain/errors';

function explain(e: NodeJS.ErrnoException, file: string): AppError {
  const dir = path.dirname(file);
  switch (e.code) {
    case 'ENOENT':
      return new AppError({ code: 'FOLDER_NOT_FOUND', kind: 'validation', field: 'out', zh: `文件夹不存在：${dir}`, en: `The folder does not exist: ${dir}` });
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new AppError({ code: 'NOT_WRITABLE', kind: 'validation', field: 'out', zh: `没有权限写入：${file}（文件夹只读或文件被占用）`, en: `Cannot write ${file} (read-only folder, or the file is in use)` });
    case 'EBUSY':
      return new AppError({ code: 'FILE_IN_USE', kind: 'validation', field: 'out', zh: `文件正被其他程序打开：${file}，请关闭后重试`, en: `The file is open in another program: ${file}; close it and try again` });
    case 'ENOSPC':
    case 'EFBIG': {
      const p = storageProblem(e, file);
      if (p) return new AppError({ code: p.code, kind: 'storage', field: 'out', zh: `${p.zh}。文件未写入`, en: `${p.en}. The file was not written` });
      return new AppError({ code: 'DISK_FULL', kind: 'storage', field: 'out', zh: '磁盘已满，文件未写入', en: 'The disk is full; the file was not written' });
    }
    case 'EISDIR':
      return new AppError({ code: 'OUT_IS_FOLDER', kind: 'validation', field: 'out', zh: `输出路径是文件夹：${file}`, en: `The output path is a folder: ${file}` });
    default:
      return new AppError({ code: 'WRITE_FAILED', kind: 'internal', field: 'out', zh: `写入失败：${e.message}`, en: `Writing failed: ${e.message}` });
  }
}

export function writeFileAtomic(file: string, data: Buffer | Uint8Array): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw explain(e as NodeJS.ErrnoException, file);
  }
}
