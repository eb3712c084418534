/**
 * Small tmpfs mounts for tests that need a real full disk or a real read-only folder (as root
 * on Linux; chmod does not stop root). Every mount is remembered and undone by unmountAll().
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const mounted: string[] = [];

/** Whether this process may mount a tmpfs (root on Linux, in a sandbox that allows it). */
export function canMountTmpfs(): boolean {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eldercare-mount-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir], { stdio: 'ignore' });
    execFileSync('umount', [dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    fs.rmdirSync(dir);
  }
}

/** A new folder under `parent` with a tmpfs of `sizeKb` mounted on it. */
export function mountTmpfs(parent: string, sizeKb: number, prefix = 'fs-'): string {
  const dir = fs.mkdtempSync(path.join(parent, prefix));
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k`, 'tmpfs', dir], { stdio: 'ignore' });
  mounted.push(dir);
  return dir;
}

/** Undo every mount made here, newest first (lazily when a file is still open on it). */
export function unmountAll(): void {
  for (const dir of mounted.splice(0).reverse()) {
    try {
      execFileSync('umount', [dir], { stdio: 'ignore' });
    } catch {
      execFileSync('umount', ['-l', dir], { stdio: 'ignore' });
    }
  }
}
