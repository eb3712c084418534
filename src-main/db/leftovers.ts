/**
 * Removing what a killed process left in a folder: temporary copies of the database (backup
 * and restore staging, preview snapshots, plain leftovers of an encryption). One sweep for
 * all of them; each caller says which names are its own, from what age, and how to remove.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface Sweep {
  /** Names in the folder that are the caller's leftovers. */
  match: (name: string) => boolean;
  /** Only files at least this old (ms since last change); 0 for any. */
  olderThanMs?: number;
  /** How to remove one (default: delete). */
  remove?: (file: string) => void;
  now?: number;
}

export function sweepFolder(dir: string, sweep: Sweep): void {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return; // no folder, nothing left
  }
  const now = sweep.now ?? Date.now();
  const remove = sweep.remove ?? ((f: string) => fs.rmSync(f, { force: true }));
  for (const n of names) {
    if (!sweep.match(n)) continue;
    const file = path.join(dir, n);
    try {
      if (sweep.olderThanMs && now - fs.statSync(file).mtimeMs <= sweep.olderThanMs) continue;
      remove(file);
    } catch {
      // removed meanwhile, or not ours to remove: leave it
    }
  }
}
