/**
 * Issue 14, part 5 on screen: the resident form reads an ID number as the api does. An old
 * 15-digit number is refused with its 18-digit form and a 使用 18 位号码 button that fills it
 * in; full-width digits typed through a Chinese input method become half-width; the number
 * is stored normalised.
 */
import { expect, screenshot, test } from './support/fixtures';

test('the resident form offers the 18-digit form of an old number and accepts full-width digits', async ({ app, db }) => {
  await app.getByTestId('nav-residents').click();
  await app.getByTestId('resident-new').click();
  await app.getByTestId('resident-name').fill('张旧号');
  const field = app.getByTestId('resident-idnumber');
  await field.fill('110105491231002');
  await field.blur();
  await expect(app.getByText('身份证号：是旧的 15 位号码，请改用 18 位号码 11010519491231002X')).toBeVisible();
  await expect(app.getByText('旧的 15 位号码，对应 18 位号码 11010519491231002X')).toBeVisible();
  await screenshot(app, 'resident-id-old15');
  await app.getByTestId('resident-idnumber-use18').click();
  await expect(field).toHaveValue('11010519491231002X');
  await expect(app.getByTestId('resident-idnumber-ok')).toBeVisible();
  await app.getByTestId('resident-save').click();
  // saved: the new record opens
  await expect(app.getByText('1949-12-31')).toBeVisible();
  await app.getByTestId('nav-residents').click();

  // Full-width digits and a full-width ｘ, as a Chinese input method types them.
  await app.getByTestId('resident-new').click();
  await app.getByTestId('resident-name').fill('李全角');
  await field.fill('５２０６２２ １９５５０３１５ ００４ｘ');
  await expect(field).toHaveValue('52062219550315004X');
  await expect(app.getByTestId('resident-idnumber-ok')).toBeVisible();
  await app.getByTestId('resident-save').click();
  await expect(app.getByText('1955-03-15')).toBeVisible();
  await app.getByTestId('nav-residents').click();

  // A number whose first two digits are no province: said while typing.
  await app.getByTestId('resident-new').click();
  await field.fill('99');
  await expect(app.getByText('身份证号：前两位不是省级行政区划代码（如 11 北京、52 贵州）')).toBeVisible();
  await screenshot(app, 'resident-id-province');

  const stored = db.sqlite.prepare('SELECT id_number AS n FROM residents ORDER BY id').all() as Array<{ n: string }>;
  expect(stored.map((r) => r.n)).toEqual(['11010519491231002X', '52062219550315004X']);
});
