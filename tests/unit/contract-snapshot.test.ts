/**
 * The api contract as data: every procedure of the app router, its type and its input as JSON
 * Schema. Compared to a committed file, so moving or refactoring the contract modules cannot
 * change what the api accepts without the snapshot (and this review) showing it.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { appRouter } from '../../src-main/api/router';

interface ProcedureDef {
  type: string;
  inputs: unknown[];
}

function contract(): Record<string, { type: string; inputs: unknown[] }> {
  // At run time _def.procedures is flat: "facility.list" → procedure.
  const procedures = appRouter._def.procedures as unknown as Record<string, { _def: ProcedureDef }>;
  const out: Record<string, { type: string; inputs: unknown[] }> = {};
  for (const name of Object.keys(procedures).sort()) {
    const def = procedures[name]!._def;
    out[name] = {
      type: def.type,
      inputs: def.inputs.map((p) => z.toJSONSchema(p as z.ZodType, { unrepresentable: 'any', io: 'input' })),
    };
  }
  return out;
}

describe('api contract', () => {
  it('lists every procedure with its type and input schema, as committed', async () => {
    const c = contract();
    expect(Object.keys(c).length).toBeGreaterThan(50);
    await expect(JSON.stringify(c, null, 2) + '\n').toMatchFileSnapshot('__snapshots__/contract-procedures.json');
  });
});
