/**
 * Storage failures in words a user can act on: the disk is full, the file, its folder or its
 * drive is read-only, this account may not write there, or a file-size limit was reached.
 *
 * SQLite says most of these as "disk I/O error" (SQLITE_IOERR_*) or "database or disk is full"
 * (SQLITE_FULL), and better-sqlite3 does not pass on the system's errno. So the error's code is
 * read together with what the file system says now: the free space on the drive (statfs),
 * whether the file and its folder can be written (access W_OK), and the process's file-size
 * limit (RLIMIT_FSIZE; Node cannot read it, Linux says it in /proc/self/limits). A write that
 * stops at a file-size limit is never called read-only: it is not, and the user's fix differs.
 */
import fs from 'node:fs';
import path from 'node:path';

export type StorageProblemCode = 'DISK_FULL' | 'READ_ONLY' | 'FILE_TOO_LARGE' | 'NO_PERMISSION';

export interface StorageProblem {
  code: StorageProblemCode;
  zh: string;
  en: string;
}

const MiB = 1024 * 1024;
/** FAT32 (many USB sticks) holds no file of 4 GiB or more. */
const FAT32_MAX = 4 * 1024 * MiB - 1;

export function formatBytes(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u += 1;
  }
  return `${v >= 100 ? Math.round(v) : Number(v.toFixed(1))} ${units[u]}`;
}

function codeOf(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

/** The path a Node fs error names (ENOSPC writing an export, say): more precise than the caller's. */
function pathOf(e: unknown): string | undefined {
  const p = (e as { path?: unknown } | null)?.path;
  return typeof p === 'string' && p !== '' ? p : undefined;
}

/** The target itself when it is a folder, else the nearest folder above it that exists. */
function existingFolder(target: string): string {
  let dir = path.resolve(target);
  try {
    if (fs.statSync(dir).isDirectory()) return dir;
  } catch {
    // not there (yet): its folder
  }
  dir = path.dirname(dir);
  while (!fs.existsSync(dir) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

/** The drive a folder is on, as a user names it: `D:\` on Windows, the mount point elsewhere. */
export function driveOf(folder: string): string {
  if (process.platform === 'win32') return path.parse(path.resolve(folder)).root || folder;
  let dir = path.resolve(folder);
  try {
    const dev = fs.statSync(dir).dev;
    for (;;) {
      const up = path.dirname(dir);
      if (up === dir || fs.statSync(up).dev !== dev) return dir;
      dir = up;
    }
  } catch {
    return dir;
  }
}

interface Space {
  free: number;
  total: number;
}

function spaceOf(folder: string): Space | undefined {
  try {
    const s = fs.statfsSync(folder);
    return { free: s.bavail * s.bsize, total: s.blocks * s.bsize };
  } catch {
    return undefined;
  }
}

/** Less than 1% of the drive (at least 1 MB, at most 64 MB) is left: nothing much can be written. */
function isLow(s: Space): boolean {
  return s.free < Math.max(MiB, Math.min(64 * MiB, s.total * 0.01));
}

/**
 * This process's file-size limit (RLIMIT_FSIZE, soft) in bytes; Infinity when there is none or
 * it cannot be read (Node has no getrlimit; Linux says it in /proc/self/limits).
 */
export function fileSizeLimit(): number {
  if (process.platform !== 'linux') return Infinity;
  try {
    const line = fs
      .readFileSync('/proc/self/limits', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('Max file size'));
    const soft = line?.slice('Max file size'.length).trim().split(/\s+/)[0];
    const n = Number(soft);
    return soft && soft !== 'unlimited' && Number.isFinite(n) ? n : Infinity;
  } catch {
    return Infinity;
  }
}

type Access = 'ok' | 'missing' | 'read-only-drive' | 'read-only' | 'no-permission';

function access(p: string): Access {
  try {
    fs.accessSync(p, fs.constants.W_OK);
    return 'ok';
  } catch (e) {
    const code = codeOf(e);
    if (code === 'ENOENT' || code === 'ENOTDIR') return 'missing';
    if (code === 'EROFS') return 'read-only-drive';
    try {
      // No write bit for anyone: the read-only attribute (Windows reports it this way too).
      if ((fs.statSync(p).mode & 0o222) === 0) return 'read-only';
    } catch {
      // gone meanwhile
    }
    return 'no-permission';
  }
}

const diskFull = (target: string, folder: string, space: Space | undefined): StorageProblem => {
  const drive = driveOf(folder);
  const free = space ? formatBytes(space.free) : undefined;
  if (!space || isLow(space))
    return {
      code: 'DISK_FULL',
      zh: `磁盘已满（${free === undefined ? drive : `${drive} 仅剩 ${free} 可用`}），请在该磁盘上腾出空间（删除不需要的文件，或把旧备份移到别处）后重试：${target}`,
      en: `The disk is full (${free === undefined ? drive : `${free} free on ${drive}`}); free space on that drive (delete files you do not need, or move old backups elsewhere) and try again: ${target}`,
    };
  // SQLite said full, but there is room now: a copy that did not fit was removed, or the file
  // reached SQLite's own size limit.
  return {
    code: 'DISK_FULL',
    zh: `磁盘已满或文件已达到大小上限（${drive} 现有 ${free} 可用），请在该磁盘上腾出空间后重试：${target}`,
    en: `The disk is full or the file reached its size limit (${free} free on ${drive}); free space on that drive and try again: ${target}`,
  };
};

const tooLarge = (target: string, limit: number): StorageProblem =>
  Number.isFinite(limit)
    ? {
        code: 'FILE_TOO_LARGE',
        zh: `文件已达到系统的文件大小限制（本程序最多可写 ${formatBytes(limit)} 的文件），请让系统管理员放宽文件大小限制（ulimit -f）后重试：${target}`,
        en: `The file reached the system's file-size limit (this program may write files of at most ${formatBytes(limit)}); ask the system administrator to raise the file-size limit (ulimit -f) and try again: ${target}`,
      }
    : {
        code: 'FILE_TOO_LARGE',
        zh: `文件已达到该磁盘文件系统的文件大小限制（如 FAT32 格式的U盘单个文件最大 4 GB），请把它放到 NTFS 或 exFAT 格式的磁盘上：${target}`,
        en: `The file reached the file-size limit of the drive's file system (FAT32, common on USB sticks, holds files up to 4 GB); put it on an NTFS or exFAT drive: ${target}`,
      };

function accessProblem(target: string, folder: string): StorageProblem | undefined {
  const file = path.resolve(target);
  const isFile = file !== folder;
  const onFile = isFile ? access(file) : 'missing';
  const onFolder = onFile === 'ok' || onFile === 'missing' ? access(folder) : onFile;
  if (onFile === 'read-only-drive' || onFolder === 'read-only-drive')
    return {
      code: 'READ_ONLY',
      zh: `文件所在的磁盘为只读（如写保护的U盘或只读挂载），无法写入，请解除写保护，或把文件复制到可写的磁盘后重试：${file}`,
      en: `The drive is read-only (a write-protected USB stick or a read-only mount) and cannot be written; remove the write protection, or copy the file to a writable drive and try again: ${file}`,
    };
  if (onFile === 'read-only')
    return {
      code: 'READ_ONLY',
      zh: `文件为只读，无法写入，请取消该文件的只读属性（Windows：右键 → 属性 → 取消勾选“只读”；Linux/macOS：chmod u+w）后重试：${file}`,
      en: `The file is read-only and cannot be written; clear its read-only attribute (Windows: right-click → Properties → untick "Read-only"; Linux/macOS: chmod u+w) and try again: ${file}`,
    };
  if (onFile === 'no-permission')
    return {
      code: 'NO_PERMISSION',
      zh: `当前账户无权写入该文件，请让管理员为当前账户授予写入权限，或把文件复制到自己的文件夹后重试：${file}`,
      en: `This account may not write the file; ask an administrator to grant it write permission, or copy the file to a folder of your own and try again: ${file}`,
    };
  if (onFolder === 'read-only')
    return {
      code: 'READ_ONLY',
      zh: `文件所在的文件夹为只读，无法写入，请取消该文件夹的只读属性，或换一个可写的文件夹：${folder}`,
      en: `The folder is read-only and cannot be written; clear its read-only attribute, or use a writable folder: ${folder}`,
    };
  if (onFolder === 'no-permission')
    return {
      code: 'NO_PERMISSION',
      zh: `当前账户无权写入该文件夹，请让管理员为当前账户授予写入权限，或换一个自己的文件夹：${folder}`,
      en: `This account may not write to the folder; ask an administrator to grant it write permission, or use a folder of your own: ${folder}`,
    };
  return undefined;
}

/**
 * A file that must be written (the database, before anything opens it) but cannot be: read-only
 * (attribute or drive) or not this account's to write. Undefined when it can be written or does
 * not exist.
 */
export function unwritableFile(file: string): StorageProblem | undefined {
  const abs = path.resolve(file);
  const state = access(abs);
  if (state === 'ok' || state === 'missing') return undefined;
  return accessProblem(abs, path.dirname(abs));
}

/** An error that already says its storage problem (DatabaseStorageError). */
function carried(e: unknown): StorageProblem | undefined {
  const p = (e as { storageProblem?: unknown } | null)?.storageProblem;
  if (typeof p !== 'object' || p === null) return undefined;
  const { code, zh, en } = p as Record<string, unknown>;
  return typeof code === 'string' && typeof zh === 'string' && typeof en === 'string' ? { code: code as StorageProblemCode, zh, en } : undefined;
}

/**
 * What a failed read or write of `file` (a file or a folder) means for the user, if it is a
 * storage problem; undefined otherwise (a constraint, a damaged file, a real I/O fault).
 */
export function storageProblem(e: unknown, file: string): StorageProblem | undefined {
  const already = carried(e);
  if (already) return already;
  const code = codeOf(e);
  /** SQLite could not make a file longer: a full disk, a file-size limit (a short write is SQLITE_FULL). */
  const grow = ['SQLITE_FULL', 'SQLITE_IOERR', 'SQLITE_IOERR_WRITE', 'SQLITE_IOERR_TRUNCATE', 'SQLITE_IOERR_SHMSIZE'].includes(code);
  const sqliteSpace = grow || code === 'SQLITE_IOERR_FSYNC' || code.startsWith('SQLITE_CANTOPEN');
  const sqliteAccess = code.startsWith('SQLITE_READONLY') || code === 'SQLITE_PERM' || code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_IOERR');
  const errno = ['ENOSPC', 'EDQUOT', 'EFBIG', 'EROFS', 'EACCES', 'EPERM'].includes(code);
  if (!sqliteSpace && !sqliteAccess && !errno) return undefined;
  if (file === '' || file === ':memory:') return undefined;
  // A Node error without a path is not about a file (ENOSPC: too many file watchers; EPERM: a
  // signal): only what the file system confirms is said then.
  const confirmedOnly = errno && !pathOf(e);
  const target = path.resolve(pathOf(e) ?? file);
  const folder = existingFolder(target);
  if (code === 'EFBIG') return tooLarge(target, fileSizeLimit());
  const space = spaceOf(folder);
  if (code === 'ENOSPC' || code === 'EDQUOT') return !confirmedOnly || (space && isLow(space)) ? diskFull(target, folder, space) : undefined;
  if (sqliteSpace) {
    if (space && isLow(space)) return diskFull(target, folder, space);
    const limit = fileSizeLimit();
    if (grow && Number.isFinite(limit)) return tooLarge(target, limit);
    if (grow && largestOf(target) >= FAT32_MAX - 16 * MiB) return tooLarge(target, Infinity);
  }
  const denied = accessProblem(target, folder);
  if (denied) return denied;
  if (code === 'SQLITE_FULL') return diskFull(target, folder, space);
  if (confirmedOnly) return undefined;
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS')
    return {
      code: 'READ_ONLY',
      zh: `该文件当前只能读取、不能写入（${code}），请关闭其他正在使用它的程序后重试：${target}`,
      en: `The file can be read but not written at the moment (${code}); close other programs that use it and try again: ${target}`,
    };
  if (code === 'EACCES' || code === 'EPERM' || code === 'SQLITE_PERM')
    return {
      code: 'NO_PERMISSION',
      zh: `当前账户无权访问该文件（或它正被其他程序占用），请让管理员授予权限，或关闭占用它的程序后重试：${target}`,
      en: `This account may not access the file (or another program holds it); ask an administrator for permission, or close that program and try again: ${target}`,
    };
  return undefined;
}

/** The largest of a database file and its companions (a WAL can reach a file-size limit first). */
function largestOf(file: string): number {
  let max = 0;
  for (const f of [file, `${file}-wal`, `${file}-journal`]) {
    try {
      max = Math.max(max, fs.statSync(f).size);
    } catch {
      // not there
    }
  }
  return max;
}
