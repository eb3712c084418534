/**
 * 导出季报 on the 月报 screen (issue 20 part 4): with September 2026 closed and September 2025
 * not, the 2026Q3 form downloads with the closed month's figures as 本期 and 未关账 as 上年同期.
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { createCaller } from '../../src-main/api/router';
import { expect, screenshot, test } from './support/fixtures';

test.use({ today: '2026-10-05' });

test('the 月报 screen exports the quarterly form of the quarter its month ends', async ({ app, db }) => {
  const api = createCaller(db);
  await api.facility.create({ regionCode: '520602', name: '碧江区季报养老院', kind: 'nursing_home', ownership: 'public', status: 'operating', statusDate: '2024-01-01', initialBeds: { count: 12, nursingCount: 5 } });
  await api.month.close({ month: '2026-09' });

  await app.reload();
  await app.getByTestId('nav-month').click();
  await expect(app.getByTestId('month-state')).toHaveText('已关账');
  await expect(app.getByTestId('quarter-export')).toHaveText(/导出季报（2026Q3）/);
  await screenshot(app, 'month-quarter-buttons');
  const download = app.waitForEvent('download');
  await app.getByTestId('quarter-export').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/2026Q3.*\.xlsx$/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync(await file.path()) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('碧江区')!;
  const cells: unknown[][] = [];
  ws.eachRow((row) => cells.push([1, 2, 3, 4, 5, 6].map((c) => row.getCell(c).value)));
  const beds = cells.find((r) => r[0] === '养老床位数')!;
  expect(beds.slice(1)).toEqual(['张', null, 12, '未关账', '—']);
  expect(cells.find((r) => String(r[0]).includes('护理型床位数'))!.slice(3, 5)).toEqual([5, '未关账']);
});
