import { ImportPage } from './pages/import';
import { expect, screenshot, test } from './support/fixtures';

const HEADER = '区县代码,年份,60岁及以上人口,80岁及以上人口,生活不能自理特困人员数';

test('import: a file with a bad row is reported by row and column and writes nothing; fixed, it imports and shows the counts', async ({ app, db }) => {
  const page = new ImportPage(app);
  await page.open();
  await page.choose('population');

  await page.upload('人口.csv', `${HEADER}\n520602,2023,"65,000",9000,120\n520603,2023,1000,2000,\n`);
  await expect(page.problems()).toHaveText(['第 3 行 80岁及以上人口：不能大于60岁及以上人口']);
  await expect(page.count('rejected')).toHaveText('1');
  await expect(app.getByTestId('import-confirm')).toHaveCount(0);
  await screenshot(app, 'import-problems');
  expect(db.sqlite.prepare('SELECT count(*) AS n FROM populations').get()).toEqual({ n: 0 });

  await page.upload('人口.csv', `${HEADER}\n520602,2023,"65,000",9000,120\n520603,2023,38000,2000,\n`);
  await expect(page.problems()).toHaveCount(0);
  await expect(page.count('added')).toHaveText('2');
  expect(db.sqlite.prepare('SELECT count(*) AS n FROM populations').get()).toEqual({ n: 0 });
  await page.confirm();
  await expect(page.result()).toHaveText('已导入：新增 2，更新 0，未变 0');
  expect(db.sqlite.prepare('SELECT region_code AS r, population60 AS p FROM populations ORDER BY region_code').all()).toEqual([
    { r: '520602', p: 65000 },
    { r: '520603', p: 38000 },
  ]);
  await screenshot(app, 'import-done');

  // The same file again: nothing to add or change.
  await page.upload('人口.csv', `${HEADER}\n520602,2023,"65,000",9000,120\n520603,2023,38000,2000,\n`);
  await expect(page.count('unchanged')).toHaveText('2');
  await expect(page.count('added')).toHaveText('0');

  // The register exported in the template's format, ready to import elsewhere.
  const download = app.waitForEvent('download');
  await app.getByTestId('import-export-register').click();
  expect((await download).suggestedFilename()).toMatch(/^人口_\d{4}-\d{2}-\d{2}\.xlsx$/);
});
