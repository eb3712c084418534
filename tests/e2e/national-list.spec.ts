/**
 * 导出国家系统机构名单 on the 机构 page: the workbook downloads with its title row and the
 * header row of contract/national-list.ts, one row per facility; the CSV from the button's menu
 * starts with the BOM and the same header.
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { createCaller } from '../../src-main/api/router';
import { NATIONAL_LIST_COLUMNS, NATIONAL_LIST_SHEET, nationalListTitle } from '../../src-main/contract/national-list';
import { FacilitiesPage } from './pages/facilities';
import { expect, screenshot, test, todayIso } from './support/fixtures';

const HEADER = NATIONAL_LIST_COLUMNS.map((c) => c.zh);

test('the facilities page exports the national list as xlsx and csv, with its header row', async ({ app, db }) => {
  const api = createCaller(db);
  await api.facility.create({ regionCode: '520602', name: '碧江区国家名单养老院', kind: 'nursing_home', ownership: 'public', status: 'operating', statusDate: '2020-03-01', creditCode: '91110108551385082Q', bedFeeMin: 1234.56 });
  await api.facility.create({ regionCode: '520603', name: '万山区国家名单敬老院', kind: 'support_home', ownership: 'public', status: 'operating', statusDate: '2019-05-01' });
  const page = new FacilitiesPage(app);
  await page.open();
  await expect(app.getByRole('gridcell', { name: '碧江区国家名单养老院' })).toBeVisible();
  await screenshot(app, 'facilities-national-list');

  const xlsx = await page.exportNationalList('xlsx');
  expect(xlsx.suggestedFilename()).toBe(`全国养老服务信息系统机构名单_${todayIso()}.xlsx`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync(await xlsx.path()) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(NATIONAL_LIST_SHEET)!;
  const row = (n: number) => HEADER.map((_, i) => ws.getRow(n).getCell(i + 1).value ?? null);
  expect(ws.getCell('A1').value).toBe(nationalListTitle(todayIso()));
  expect(row(2)).toEqual(HEADER);
  expect(ws.rowCount).toBe(4);
  expect(row(3)[0]).toBe('碧江区国家名单养老院');
  expect(row(3)[HEADER.indexOf('床位费最低（元/月）')]).toBe(1234.56);

  const csv = await page.exportNationalList('csv');
  expect(csv.suggestedFilename()).toBe(`全国养老服务信息系统机构名单_${todayIso()}.csv`);
  const bytes = fs.readFileSync(await csv.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(bytes.toString('utf8').slice(1).split('\r\n')[0]).toBe(HEADER.join(','));
});
