/**
 * H2 and M4 over real HTTP against a browser-mode server in its own process: the files that
 * killed the server before (58 MB of blank lines, one huge cell, a million rows, 200,000
 * residents) are uploaded and previewed; each ends in a clear message, the server keeps
 * answering, and its peak resident memory (VmHWM) stays under 400 MB.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { rawDb } from '../support/raw-db';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-db';
import { blankLinesCsv, hugeCellCsv, residentsCsv, RESIDENTS_HEADER } from './import-residents-csv';

const RSS_LIMIT_MB = 400;
const API = { 'x-eldercare-client': '1' };

let child: ChildProcess;
let dbFile = '';
let base = '';
let cookie = '';

function peakRssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

beforeAll(async () => {
  dbFile = path.join(tempDir(), 'server.db');
  child = spawn(process.execPath, ['--import', 'tsx', path.resolve(__dirname, '../support/server-child.ts'), dbFile], { stdio: ['ignore', 'pipe', 'inherit'] });
  const first = await new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`server exited (${code})`)));
  });
  const started = JSON.parse(first) as { url: string; loginUrl: string };
  base = started.url;
  const res = await fetch(started.loginUrl, { redirect: 'manual' });
  cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}, 60_000);

afterEach(() => {
  const peak = peakRssMb(child.pid!);
  console.log(`server peak RSS so far: ${peak.toFixed(0)} MB`);
  expect(peak).toBeLessThan(RSS_LIMIT_MB);
});

afterAll(() => {
  child?.kill('SIGKILL');
});

async function call(proc: string, input?: unknown): Promise<unknown> {
  const res =
    input === undefined
      ? await fetch(`${base}/api/${proc}`, { headers: { ...API, cookie } })
      : await fetch(`${base}/api/${proc}`, { method: 'POST', headers: { ...API, cookie, 'content-type': 'application/json' }, body: JSON.stringify(input) });
  expect(res.status).toBe(200);
  return ((await res.json()) as { result: { data: unknown } }).result.data;
}

interface Report {
  rows: number;
  added: number;
  problems: Array<{ zh: string }>;
  committed: boolean;
}

async function preview(fileName: string, bytes: Buffer): Promise<Report> {
  const up = await fetch(`${base}/api/upload?name=${encodeURIComponent(fileName)}`, {
    method: 'POST',
    headers: { ...API, cookie, 'content-type': 'application/octet-stream' },
    body: new Uint8Array(bytes),
  });
  expect(up.status).toBe(200);
  const { uploadId } = (await up.json()) as { uploadId: string };
  return (await call('import.preview', { template: 'residents', uploadId })) as Report;
}

async function stillAnswers(): Promise<void> {
  const res = await fetch(`${base}/api/account.me`, { headers: { ...API, cookie } });
  expect(res.status).toBe(200);
}

describe('the server under the import attacks (H2, M4)', () => {
  it('58 MB of blank lines: a clear message, the server answers, peak RSS under 400 MB', async () => {
    const r = await preview('blank.csv', blankLinesCsv(58));
    expect(r.committed).toBe(false);
    expect(r.problems.map((p) => p.zh)).toEqual([expect.stringContaining('1,048,576 行')]);
    await stillAnswers();
  }, 120_000);

  it('one 40-million-character cell: refused clearly', async () => {
    const huge = await preview('huge.csv', hugeCellCsv(40 << 20));
    expect(huge.problems.map((p) => p.zh)).toEqual([expect.stringMatching(/^第 2 行过长/)]);
    await stillAnswers();
  }, 120_000);

  it('a million rows: refused at the row limit without reading on', async () => {
    const million = await preview('million.csv', Buffer.concat([Buffer.from(RESIDENTS_HEADER + '\n'), Buffer.from('x,1\n'.repeat(1_000_000))]));
    expect(million.problems.map((p) => p.zh)).toEqual([expect.stringContaining('超过 100,000 行')]);
    await stillAnswers();
  }, 120_000);

  it('200,000 residents: refused at the row limit (100,000 by default), nothing checked', async () => {
    const many = await preview('residents-200k.csv', residentsCsv(200_000));
    expect(many.rows).toBe(0);
    expect(many.problems.map((p) => p.zh)).toEqual([expect.stringContaining('超过 100,000 行')]);
    await stillAnswers();
  }, 120_000);

  it('a 20,000-row preview: every row checked through the services while another connection writes', async () => {
    const running = preview('residents-20k.csv', residentsCsv(20_000));
    let settled = false;
    void running.finally(() => (settled = true));
    // By events, not time: ask for progress until the worker is applying rows.
    type Progress = { mode: string; done: number; total: number } | null;
    while (!settled) {
      const progress = (await call('import.progress')) as Progress;
      if (progress && progress.done > 0 && progress.done < progress.total) break;
    }
    expect(settled, 'the preview ended before it was seen applying rows').toBe(false);
    const other = rawDb(dbFile);
    try {
      other.pragma('busy_timeout = 0');
      other.exec('BEGIN IMMEDIATE');
      other.prepare("INSERT INTO settings(key, value) VALUES ('probe', '1')").run();
      other.exec('COMMIT');
    } finally {
      other.close();
    }
    const r = await running;
    expect(r.problems).toEqual([]);
    expect(r.added).toBe(20_000);
    expect(r.committed).toBe(false);
  }, 300_000);
});
