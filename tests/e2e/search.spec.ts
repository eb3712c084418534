/**
 * The header search (issue 14, finding 21): a part of a name finds the resident, the last
 * digits of an ID number find them for an account that may reveal personal data, and
 * facilities and operators come in their own groups; choosing a hit opens its page.
 */
import { createCaller } from '../../src-main/api/router';
import { creditCheckCharacter } from '../../src-main/domain/credit-code';
import { validIdNumber } from './pages/admission';
import { expect, screenshot, test } from './support/fixtures';

test('the header search finds residents by a part of the name or the last ID digits, facilities and operators', async ({ app, db }) => {
  const api = createCaller(db);
  const home = await api.facility.create({ regionCode: '520602', name: '碧江区国海养老院', kind: 'nursing_home', ownership: 'public_private', status: 'operating', statusDate: '2020-01-01' });
  const ding = await api.resident.create({ name: '丁国海', idNumber: validIdNumber('520602', '19400101', 7) });
  await api.resident.create({ name: '王德明', idNumber: validIdNumber('520602', '19410101', 8) });
  const first17 = '91520602MA6DQXYL2';
  const op = await api.operator.create({ name: '国海康养服务有限公司', creditCode: first17 + creditCheckCharacter(first17) });

  const box = app.getByTestId('header-search-input');
  await box.fill('国海');
  await expect(app.getByTestId(`header-search-resident-${ding.id}`)).toBeVisible();
  await expect(app.getByTestId(`header-search-facility-${home.id}`)).toBeVisible();
  await expect(app.getByTestId(`header-search-operator-${op.id}`)).toBeVisible();
  await screenshot(app, 'header-search');

  await app.getByTestId(`header-search-resident-${ding.id}`).click();
  await expect(app).toHaveURL(new RegExp(`/residents/${ding.id}$`));

  // the last 4 digits, typed full-width as a Chinese input method gives them
  const tail = validIdNumber('520602', '19400101', 7).slice(-4);
  await box.fill(tail.replace(/[0-9X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)));
  await expect(app.getByTestId(`header-search-resident-${ding.id}`)).toBeVisible();

  await box.fill('没有这个人');
  await expect(app.getByTestId('header-search-none')).toBeVisible();
});
