/** Driving antd controls the way a user does: click, type, pick. */
import type { Locator, Page } from '@playwright/test';

/** Open an antd Select (found by its data-testid) and pick the option with this label. */
export async function pick(page: Page, testId: string, label: string): Promise<void> {
  const select = page.getByTestId(testId);
  await select.click();
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${label}"]`).click();
}

/** Type a date into an antd DatePicker found by its data-testid. */
export async function typeDate(page: Page, testId: string, iso: string): Promise<void> {
  const el = page.getByTestId(testId);
  const input = (await el.evaluate((n) => n.tagName)) === 'INPUT' ? el : el.locator('input');
  await input.click();
  await input.press('ControlOrMeta+a');
  await input.fill(iso);
  await input.press('Enter');
}

export async function fillNumber(locator: Locator, value: number): Promise<void> {
  await locator.click();
  await locator.press('ControlOrMeta+a');
  await locator.fill(String(value));
}
