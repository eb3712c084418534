import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { settingsUpdateInput, targetUpsertInput } from '../contract/schemas';
import { DEFAULT_SETTINGS, SETTINGS_SCHEMA, type Settings } from '../db/settings';
import { settings, targets } from '../db/schema';
import { listTargets as targetRows, targetById } from '../db/queries/targets';
import { fail } from '../domain/errors';
import { TARGET_METRIC } from '../domain/enums';
import { audit, write, type ServiceContext } from './context';
import { CITY } from '../domain/ownership';
import { ENTITY } from './entities';
import { requireRegion } from '../db/queries/regions';

export function getSettings(ctx: Pick<ServiceContext, 'db'>): Settings {
  return settingsFromRows(ctx.db.orm.select().from(settings).all());
}

/** The settings from the table's rows (JSON values), the defaults for what is missing; wherever the rows were read. */
export function settingsFromRows(rows: ReadonlyArray<{ key: string; value: string }>): Settings {
  const raw: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const r of rows) if (r.key in DEFAULT_SETTINGS) raw[r.key] = JSON.parse(r.value);
  const parsed = SETTINGS_SCHEMA.safeParse(raw);
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}

export function updateSettings(ctx: ServiceContext, input: z.infer<typeof settingsUpdateInput>): Settings {
  return write(ctx, CITY, (tx) => {
    const before = getSettings(ctx);
    for (const [key, value] of Object.entries(input)) {
      if (value === undefined) continue;
      tx.insert(settings)
        .values({ key, value: JSON.stringify(value) })
        .onConflictDoUpdate({ target: settings.key, set: { value: JSON.stringify(value), updatedAt: new Date().toISOString() } })
        .run();
    }
    const after = { ...before, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) } as Settings;
    audit(tx, ctx.actor, 'settings.update', 'settings', null, before, after);
    return after;
  });
}

export function listTargets(ctx: ServiceContext) {
  return targetRows(ctx.db.orm);
}

export function upsertTarget(ctx: ServiceContext, input: z.infer<typeof targetUpsertInput>) {
  return write(ctx, CITY, (tx) => {
    requireRegion(tx, input.regionCode);
    const unit = TARGET_METRIC[input.metric].unit;
    if (unit === 'count' && !Number.isInteger(input.value))
      fail.validation('TARGET_COUNT_INTEGER', 'value', '数量类目标应为整数', 'Count targets are whole numbers');
    if (unit === 'ratio' && input.value > 1)
      fail.validation('TARGET_RATIO_RANGE', 'value', '比例类目标应填写 0 到 1 之间的小数（如 0.3 表示 30%）', 'Ratio targets are fractions between 0 and 1 (0.3 = 30%)');
    const row = tx
      .insert(targets)
      .values(input)
      .onConflictDoUpdate({ target: [targets.year, targets.metric, targets.regionCode], set: { value: input.value } })
      .returning()
      .get();
    audit(tx, ctx.actor, 'target.upsert', 'target', row.id, null, row);
    return row;
  });
}

export function deleteTarget(ctx: ServiceContext, id: number) {
  return write(ctx, CITY, (tx) => {
    const before = targetById(tx, id);
    if (!before) return fail.notFound(ENTITY.target, id, 'id');
    tx.delete(targets).where(eq(targets.id, id)).run();
    audit(tx, ctx.actor, 'target.delete', 'target', id, before, null);
    return { id };
  });
}
