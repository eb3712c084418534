import { describe, expect, it } from 'vitest';
import { unpackedPath } from '../../src-main/import/worker-host';

describe('unpackedPath', () => {
  it.each([
    ['/opt/养老床位/resources/app.asar/out/main/import-worker.js', '/opt/养老床位/resources/app.asar.unpacked/out/main/import-worker.js'],
    ['C:\\Program Files\\养老床位\\resources\\app.asar\\out\\main\\import-worker.js', 'C:\\Program Files\\养老床位\\resources\\app.asar.unpacked\\out\\main\\import-worker.js'],
    ['/work/main/out/main/import-worker.js', '/work/main/out/main/import-worker.js'],
    ['/home/u/app.asarx/out/main/import-worker.js', '/home/u/app.asarx/out/main/import-worker.js'],
  ])('%s', (from, to) => {
    expect(unpackedPath(from)).toBe(to);
  });
});
