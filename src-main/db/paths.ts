/**
 * Where the database lives: `--db PATH`, else ELDERCARE_DB, else the platform's user-data
 * folder (the same folder Electron's app.getPath('userData') gives for this app).
 */
import os from 'node:os';
import path from 'node:path';

export const APP_DIR_NAME = 'eldercare-register';
export const DB_FILE_NAME = 'eldercare.db';

export function userDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  const home = os.homedir();
  switch (platform) {
    case 'win32':
      return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_DIR_NAME);
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', APP_DIR_NAME);
    default:
      return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_DIR_NAME);
  }
}

/** The value following `--db` (or `--db=PATH`) in argv, if any. */
export function dbArg(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--db') return argv[i + 1];
    if (a.startsWith('--db=')) return a.slice(5);
  }
  return undefined;
}

export function resolveDbPath(argv: readonly string[] = process.argv, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const fromArg = dbArg(argv);
  if (fromArg) return path.resolve(fromArg);
  if (env.ELDERCARE_DB) return path.resolve(env.ELDERCARE_DB);
  return path.join(userDataDir(platform, env), DB_FILE_NAME);
}
