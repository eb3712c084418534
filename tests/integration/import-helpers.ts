/**
 * Shared by the import tests (not a test file itself): fixture files and one import call
 * through the api, as the 导入 page makes it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { uploadOwner, uploads } from '../../src-main/api/uploads';
import type { TemplateId } from '../../src-main/contract/template-ids';
import type { Api } from './helpers';

export const FIXTURES = path.resolve(__dirname, '../fixtures/import');

export function fixture(name: string): Buffer {
  return fs.readFileSync(path.join(FIXTURES, name));
}

/** The file as the upload endpoint stores it, owned by the caller's account (as the server does). */
export async function uploadAs(api: Api, fileName: string, bytes: Buffer | Uint8Array): Promise<string> {
  const me = await api.account.me();
  return uploads.put(uploadOwner({ userId: me.userId, username: me.username, role: me.role }), fileName, new Uint8Array(bytes));
}

export async function importFile(api: Api, template: TemplateId, fileName: string, bytes: Buffer | Uint8Array, commit = true) {
  const input = { template, uploadId: await uploadAs(api, fileName, bytes) };
  return commit ? api.import.commit(input) : api.import.preview(input);
}

/** Facilities, beds and residents of the fixtures, as a base for stays. */
export async function importRegisters(api: Api): Promise<void> {
  for (const [t, f] of [
    ['facilities', 'facilities-gbk.csv'],
    ['beds', 'beds-serial-dates.xlsx'],
    ['residents', 'residents-utf8-bom.csv'],
  ] as const) {
    const r = await importFile(api, t, f, fixture(f));
    if (!r.committed) throw new Error(`fixture ${f} did not import: ${JSON.stringify(r.problems)}`);
  }
}

export const RESIDENT_IDS = {
  zhang: '11010519491231002X',
  wang: '440524188001010014',
};
