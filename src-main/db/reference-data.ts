/**
 * What a new database starts with: the Tongren regions, the plan's default targets, the
 * default settings and the local operator account. Idempotent: only fills what is missing.
 */
import type Database from 'better-sqlite3';
import { v7 } from 'uuid';
import regionsFile from '../../resources/regions.json';
import targetsFile from '../../resources/default-targets.json';
import { DEFAULT_SETTINGS } from './settings';

export const LOCAL_USERNAME = 'local';

/**
 * `defaults`: the plan's targets and the default settings (the root install's; an office that
 * joins receives the city's through the exchange instead — settings read fall back to the
 * defaults until then).
 */
export function seedReferenceData(sqlite: Database.Database, { defaults = true }: { defaults?: boolean } = {}): void {
  const seed = sqlite.transaction(() => {
    const insertRegion = sqlite.prepare(
      'INSERT OR IGNORE INTO regions (code, name, level, parent_code) VALUES (?, ?, ?, ?)',
    );
    insertRegion.run(regionsFile.province.code, regionsFile.province.name, 'province', null);
    insertRegion.run(regionsFile.city.code, regionsFile.city.name, 'city', regionsFile.province.code);
    for (const c of regionsFile.counties) insertRegion.run(c.code, c.name, 'county', regionsFile.city.code);

    // Default targets once per database: a target the user deleted must stay deleted.
    const seeded = defaults ? sqlite.prepare("INSERT OR IGNORE INTO settings (key, value) VALUES ('_defaultTargetsSeeded', 'true')").run() : { changes: 0 };
    if (seeded.changes === 1) {
      // each with its UUIDv7; a store migrated with an older drizzle/ folder (before 0005) has no uid yet
      const hasUid = !!sqlite.prepare("SELECT 1 FROM pragma_table_info('targets') WHERE name = 'uid'").get();
      const insertTarget = hasUid
        ? sqlite.prepare('INSERT INTO targets (uid, year, metric, region_code, value) VALUES (@uid, @year, @metric, @region, @value)')
        : sqlite.prepare('INSERT INTO targets (year, metric, region_code, value) VALUES (@year, @metric, @region, @value)');
      for (const t of targetsFile.targets)
        insertTarget.run({ ...(hasUid ? { uid: v7() } : {}), year: t.year, metric: t.metric, region: regionsFile.city.code, value: t.value });
    }

    const insertSetting = sqlite.prepare('INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)');
    if (defaults) for (const [key, value] of Object.entries(DEFAULT_SETTINGS)) insertSetting.run(key, JSON.stringify(value));

    sqlite
      .prepare("INSERT OR IGNORE INTO users (username, display_name, role) VALUES (?, '本机用户', 'admin')")
      .run(LOCAL_USERNAME);
  });
  seed.immediate();
}
