import { expect, test } from './support/fixtures';

test('the app opens in Chinese behind the per-run token and refuses the api without it', async ({ app, server, request }) => {
  await expect(app.getByTestId('nav-facilities')).toHaveText('机构');
  const anonymous = await request.get(`${server.url}/api/region.counties`);
  expect(anonymous.status()).toBe(401);
  const badToken = await request.get(`${server.url}/?token=wrong`);
  expect(badToken.status()).toBe(403);
});

test('the language switch persists', async ({ app }) => {
  await app.getByTestId('lang-switch').click();
  await expect(app.getByTestId('nav-facilities')).toHaveText('Facilities');
  await app.reload();
  await expect(app.getByTestId('nav-facilities')).toHaveText('Facilities');
});
