/**
 * L8: the packaged app had no Electron fuses. electron-builder.yml now sets them
 * (`electronFuses`); this reads the file with electron-builder's own loader and schema, then
 * runs electron-builder's own fuse step on a stand-in binary (Electron cannot run, or be
 * downloaded, on these machines) and reads back the wire @electron/fuses wrote.
 */
import fs from 'node:fs';
import path from 'node:path';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { PlatformPackager, type AfterPackContext, type Configuration, type FuseOptionsV1 } from 'app-builder-lib';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-db';

const ROOT = path.resolve(__dirname, '../..');

/** What each fuse must be, and why. */
const EXPECTED: Required<Pick<FuseOptionsV1, 'runAsNode' | 'enableCookieEncryption' | 'enableNodeOptionsEnvironmentVariable' | 'enableNodeCliInspectArguments' | 'enableEmbeddedAsarIntegrityValidation' | 'onlyLoadAppFromAsar' | 'grantFileProtocolExtraPrivileges'>> = {
  runAsNode: false, // ELECTRON_RUN_AS_NODE=1 must not turn the app into node
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false, // NODE_OPTIONS=--require evil.js
  enableNodeCliInspectArguments: false, // --inspect / SIGUSR1 debugger
  enableEmbeddedAsarIntegrityValidation: true, // a changed app.asar does not start
  onlyLoadAppFromAsar: true, // no resources/app folder beside it
  // Electron's default, kept while the renderer is a file:// page (see fileRenderer below)
  grantFileProtocolExtraPrivileges: true,
};

async function builderConfig(): Promise<Configuration> {
  const config = await getConfig(ROOT, null, null);
  await validateConfiguration(config, new DebugLogger(false));
  return config;
}

/** A file that carries Electron's fuse wire as Electron 45 ships it (version 1, 8 fuses). */
function standInBinary(file: string): void {
  const shipped = '10110001'; // RunAsNode, NodeOptions, Inspect and GrantFileProtocol on
  fs.writeFileSync(file, Buffer.concat([Buffer.from('MZ…'), Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'), Buffer.from([1, shipped.length]), Buffer.from(shipped), Buffer.from('…')]));
}

describe('L8: electron-builder.yml sets the Electron fuses', () => {
  it('as electron-builder reads and validates the file', async () => {
    const config = await builderConfig();
    expect(config.asar).toBe(true); // onlyLoadAppFromAsar needs it
    expect(config.electronFuses).toEqual(EXPECTED);
  });

  it('and electron-builder’s fuse step writes exactly those values into the executable', async () => {
    const config = await builderConfig();
    const dir = tempDir();
    const productFilename = '养老服务机构与床位管理';
    const exe = path.join(dir, `${productFilename}.exe`);
    standInBinary(exe);
    // The packager's own code path (PlatformPackager.doAddElectronFuses), with only the
    // fields it reads: the configuration and the executable's name.
    const packager = Object.create(PlatformPackager.prototype) as { doAddElectronFuses(c: Pick<AfterPackContext, 'appOutDir' | 'electronPlatformName'>): Promise<void> };
    Object.defineProperty(packager, 'info', { value: { config } });
    Object.defineProperty(packager, 'appInfo', { value: { productFilename } });
    await packager.doAddElectronFuses({ appOutDir: dir, electronPlatformName: 'win32' });

    const wire = await getCurrentFuseWire(exe);
    const on = (o: FuseV1Options) => String.fromCharCode(wire[o] as number);
    expect(on(FuseV1Options.RunAsNode)).toBe('0');
    expect(on(FuseV1Options.EnableCookieEncryption)).toBe('1');
    expect(on(FuseV1Options.EnableNodeOptionsEnvironmentVariable)).toBe('0');
    expect(on(FuseV1Options.EnableNodeCliInspectArguments)).toBe('0');
    expect(on(FuseV1Options.EnableEmbeddedAsarIntegrityValidation)).toBe('1');
    expect(on(FuseV1Options.OnlyLoadAppFromAsar)).toBe('1');
    expect(on(FuseV1Options.LoadBrowserProcessSpecificV8Snapshot)).toBe('0');
    expect(on(FuseV1Options.GrantFileProtocolExtraPrivileges)).toBe('1');
  });

  it('keeps file:// privileges only while the window loads the renderer from file://', async () => {
    // With the fuse off, the built page's <script type="module" crossorigin> (a CORS load) is
    // refused on file:// and the window stays blank. Moving to a custom protocol must turn it off.
    const main = fs.readFileSync(path.join(ROOT, 'src-main/electron/main.ts'), 'utf8');
    const fileRenderer = /pathToFileURL\(path\.join\(__dirname, '\.\.\/renderer\/index\.html'\)\)/.test(main);
    expect((await builderConfig()).electronFuses?.grantFileProtocolExtraPrivileges).toBe(fileRenderer);
  });

  it('leaves Windows code signing to the build PC (no certificate in the repository)', async () => {
    const config = await builderConfig();
    expect(config.win?.signtoolOptions?.certificateFile ?? null).toBeNull();
    expect(config.win?.signtoolOptions?.certificatePassword ?? null).toBeNull();
    expect(fs.readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8')).not.toMatch(/\.(pfx|p12)\b/i);
  });
});
