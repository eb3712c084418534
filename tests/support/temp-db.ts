/**
 * Integration tests run on real SQLite files in temp folders through the real migrations.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect } from 'vitest';
import { createCaller } from '../../src-main/api/router';
import { toAppError } from '../../src-main/api/errors';
import { openDatabase, type AppDb } from '../../src-main/db/open';
import type { AppError } from '../../src-main/domain/errors';

const opened: Array<{ db: AppDb; dir: string }> = [];

afterEach(() => {
  for (const { db, dir } of opened.splice(0)) {
    try {
      db.close();
    } catch {
      // already closed by the test
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'eldercare-test-'));
}

/** A fresh database file with the real migrations, closed and removed after the test. */
export function freshDb(): { db: AppDb; api: ReturnType<typeof createCaller>; file: string; dir: string } {
  const dir = tempDir();
  const file = path.join(dir, 'test.db');
  const db = openDatabase(file);
  opened.push({ db, dir });
  return { db, api: createCaller(db), file, dir };
}

/** The AppError a call was rejected with; fails the test if it was not rejected. */
export async function rejection(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    return toAppError(e);
  }
  throw new Error('expected the call to be rejected, but it succeeded');
}

/**
 * Every row of every user table, to prove a rejected call changed nothing. access_refusals is
 * left out: counting a refused call there is what a refusal is meant to do.
 */
export function snapshot(db: AppDb): Record<string, unknown[]> {
  const tables = db.sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' AND name <> 'access_refusals' ORDER BY name")
    .all() as Array<{ name: string }>;
  const out: Record<string, unknown[]> = {};
  for (const t of tables) out[t.name] = db.sqlite.prepare(`SELECT * FROM "${t.name}" ORDER BY rowid`).all();
  return out;
}

/** All-maximum scores (total 90) for GB/T 42195-2022, to adjust per test. */
export const FULL_SCORES = {
  eating: 4, grooming: 4, bathing: 4, dressingUpper: 4, dressingLower: 4, urinaryControl: 4, bowelControl: 4, toileting: 4,
  bedPosition: 4, bedChairTransfer: 4, walking: 4, stairs: 3,
  timeOrientation: 4, placeOrientation: 4, personOrientation: 4, memory: 4, comprehension: 4, expression: 4, aggression: 1, depression: 1, consciousness: 2,
  vision: 2, hearing: 2, dailyAffairs: 4, transportation: 3, socialInteraction: 4,
};

/** A call refused with this code and field, with a message, that changed no row. */
export async function refusedUnchanged(db: AppDb, call: () => Promise<unknown>, expected: { code: string; field: string }): Promise<AppError> {
  const before = snapshot(db);
  const err = await rejection(call());
  expect(err).toMatchObject(expected);
  expect(err.zh.length).toBeGreaterThan(0);
  expect(snapshot(db)).toEqual(before);
  return err;
}
