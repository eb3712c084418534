/**
 * 月报 → 打印 (finding 12): the print page renders the month report as the form the server
 * describes (form.month), the same form as the workbook. Printed through Chromium's print path
 * (page.pdf, as Electron's printToPDF) and read back page by page with pdftotext: every page
 * carries the title, the 填报单位, the period and the units; page 1 carries the signature
 * block under the county table and plan progress; every county's full name is whole; no
 * resident is named; no 个百分点 column shows a %. The PDF and its pages as PNG are kept.
 * Printed by a city section clerk; a facility manager opening the address is told it is not
 * for the account.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createCaller } from '../../src-main/api/router';
import { seedDemo } from '../../src-main/cli/demo-data';
import { monthEnd } from '../../src-main/domain/dates';
import { previousMonth } from '../../src-main/domain/month';
import { periodOfMonth, SEAL_LABEL, SIGNATURE_LABELS } from '../../src-main/domain/printed-form';
import { actorOfUser, userById } from '../../src-main/services/accounts';
import { AccountsPages } from './pages/accounts';
import { ARTIFACTS, expect, test, todayIso } from './support/fixtures';
import { pdfPages, pdfToPngs } from '../support/pdf-pages';

test.use({ viewport: { width: 1366, height: 768 } });

const PASSWORD = 'Tongren2026!';

test('月报 → 打印: the month report as a signed form, title, unit and period on every page, no resident named', async ({ app, db }) => {
  await seedDemo(db);
  const api = createCaller(db);
  const month = previousMonth(todayIso());
  await api.month.close({ month });
  const form = await api.form.month({ month });
  const counties = (await api.report.statistics({ date: monthEnd(month) })).rows.map((r) => r.name);
  expect(counties).toContain('印江土家族苗族自治县');
  const residents = (await api.resident.list({ limit: 100_000 })).rows.map((r) => r.name);
  expect(residents.length).toBeGreaterThan(50);
  // Places and facilities the form rightly names; a resident's name may be part of one (万山 in 万山区).
  // A name may wrap at a bracket (【演示】 / 万山中心敬老院), so the parts between brackets count too.
  const named = [...counties, ...(await api.facility.list({ limit: 100_000 })).rows.map((f) => f.name), ...(await api.operator.list()).map((o) => o.name)];
  const places = [...named, ...named.flatMap((n) => n.split(/[【】（）]/).filter((p) => p.length >= 3))].sort((a, b) => b.length - a.length);
  const withoutPlaces = (text: string) => places.reduce((t, p) => t.split(p).join(' '), text);

  // A city section clerk (科员) prints; the facility manager of one home may not.
  const admin = await api.account.setupAdmin({ username: 'admin', displayName: '杨科长', password: PASSWORD });
  const asAdmin = createCaller(db, actorOfUser(userById({ db }, admin.id)!));
  await asAdmin.user.create({ username: 'wangky', displayName: '王科员', role: 'section', password: PASSWORD });
  const home = (await api.facility.list({ limit: 1 })).rows[0]!;
  await asAdmin.user.create({ username: 'yuanzhang', displayName: '吴院长', role: 'facility', facilityIds: [home.id], password: PASSWORD });
  await app.reload();
  const accounts = new AccountsPages(app);
  await accounts.login('wangky', PASSWORD);
  await expect(app.getByTestId('user-menu')).toContainText('王科员');

  await app.getByTestId('nav-month').click();
  await expect(app.getByTestId('page-month')).toContainText(month);
  await app.getByTestId('month-print').click();
  await expect(app).toHaveURL(new RegExp(`#/print/month/${month}$`));
  await expect(app.getByTestId('printed-form')).toBeVisible();
  // Outside the app's layout: no side menu, no header; the toolbar offers 返回, 打印, 下载 Excel.
  await expect(app.locator('.ant-layout-sider')).toHaveCount(0);
  await expect(app.getByTestId('print-back')).toBeVisible();
  await expect(app.getByTestId('print-print')).toBeEnabled();
  await expect(app.getByTestId('print-xlsx')).toBeEnabled();
  await expect(app.getByTestId('printed-page-0')).toContainText(form.title);
  await expect(app.getByTestId('printed-signature')).toContainText(SEAL_LABEL);
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await app.screenshot({ path: path.join(ARTIFACTS, 'print-month-screen.png') });

  // 下载 Excel: the month's workbook.
  const download = app.waitForEvent('download');
  await app.getByTestId('print-xlsx').click();
  expect((await download).suggestedFilename()).toBe(form.fileName);

  // Printed: Chromium's print path with the page's @page size, as Electron's printToPDF (preferCSSPageSize).
  const pdf = path.join(ARTIFACTS, 'print-month.pdf');
  await app.pdf({ path: pdf, preferCSSPageSize: true });
  const pages = pdfPages(pdf);
  expect(pages.length).toBeGreaterThanOrEqual(form.pages.length);
  const period = periodOfMonth(month);
  expect(form.title).toMatch(/养老服务机构床位统计月报$/);
  pages.forEach((text, i) => {
    const where = `page ${i + 1}`;
    expect(text, where).toContain(form.title);
    expect(text, where).toContain(`填报单位：${form.unit}`);
    expect(text, where).toContain(period);
    expect(text, where).toContain('计量单位');
    const unnamed = withoutPlaces(text);
    for (const name of residents) expect(unnamed.includes(name), `${where} names the resident ${name}`).toBe(false);
  });
  // Page 1: the county table, plan progress and the signature block under them.
  const first = pages[0]!;
  expect(first).toContain('分区县汇总');
  expect(first).toContain('规划建设进度');
  for (const word of SIGNATURE_LABELS) expect(first).toContain(word);
  expect(first).toContain(SEAL_LABEL);
  expect(first.indexOf('单位负责人')).toBeGreaterThan(first.indexOf('规划建设进度'));
  // Every county's full name, whole on one line.
  for (const name of counties) expect(first, name).toContain(name);
  // The county rows: 差距（个百分点） of 护理型床位 (15th column) and of 特困人员集中供养率 (20th) carry no %.
  const rows = first.split('\n').map((l) => l.trim().split(/\s+/)).filter((t) => t.length === 20 && /^\d{6}$/.test(t[0]!));
  expect(rows.length).toBeGreaterThanOrEqual(counties.length);
  for (const t of rows) {
    expect(t[14], t.join(' ')).not.toContain('%');
    expect(t[19], t.join(' ')).not.toContain('%');
    expect(t[12], t.join(' ')).toMatch(/%$|^—$/);
  }
  const all = pages.join('\n');
  // 机构明细: every facility's name and kind whole on one line (特困人员供养服务机构（敬老院）).
  const detail = form.pages.find((p) => p.sheet === '机构明细')!.blocks[0]!;
  if (detail.type !== 'table') throw new Error('机构明细 is a table');
  const names = new Set(detail.rows.flatMap((r) => [String(r[1]), String(r[2])]));
  expect(names).toContain('特困人员供养服务机构（敬老院）');
  for (const name of names) expect(all, name).toContain(name);
  // Every other page of the form is there, each under its own name.
  for (const p of form.pages) expect(all).toContain(p.sheet);

  expect(pdfToPngs(pdf, 'print-month')).toHaveLength(pages.length);

  // 返回: back to 月报.
  await app.getByTestId('print-back').click();
  await expect(app.getByTestId('page-month')).toBeVisible();

  // A facility manager opening the print page by address is told it is not for the account.
  await accounts.logout();
  await accounts.login('yuanzhang', PASSWORD);
  await expect(app.getByTestId('user-menu')).toContainText('吴院长');
  await app.goto(`${app.url().split('#')[0]}#/print/month/${month}`);
  await expect(app.getByTestId('page-not-for-account')).toBeVisible();
  await expect(app.getByTestId('printed-form')).toHaveCount(0);
});
