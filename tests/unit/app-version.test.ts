import { describe, expect, it } from 'vitest';
import packageJson from '../../package.json';
import { APP_VERSION } from '../../src-main/domain/app-version';

describe('APP_VERSION', () => {
  it('is the version in package.json', () => {
    expect(APP_VERSION).toBe(packageJson.version);
  });
});
