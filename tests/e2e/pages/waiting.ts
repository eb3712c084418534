import type { Page } from '@playwright/test';
import { typeDate } from './antd';

/** The 轮候 tab of a facility's detail page. */
export class WaitingListTab {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('tab', { name: '轮候' }).click();
    await this.page.getByTestId('waiting-list').waitFor();
  }

  list() {
    return this.page.getByTestId('waiting-list');
  }

  /** The table's rows, each as its text cells (rank first). */
  async rows(): Promise<string[][]> {
    const rows = this.list().locator('tbody tr.ant-table-row');
    const out: string[][] = [];
    for (let i = 0; i < (await rows.count()); i++) out.push((await rows.nth(i).locator('td').allInnerTexts()).map((s) => s.trim()));
    return out;
  }

  row(name: string) {
    return this.list().locator('tbody tr.ant-table-row', { hasText: name });
  }

  /** 添加申请 for a person registered in the drawer itself. */
  async addNewPerson(p: { name: string; idNumber: string; appliedOn: string }): Promise<void> {
    const page = this.page;
    await page.getByTestId('waiting-add').click();
    await page.getByTestId('admission-new-resident').click();
    await page.getByTestId('resident-name').fill(p.name);
    await page.getByTestId('resident-idnumber').fill(p.idNumber);
    await page.getByTestId('resident-idnumber').blur();
    await page.getByTestId('resident-save').click();
    await page.getByTestId('waiting-form').waitFor();
    await typeDate(page, 'waiting-applied-on', p.appliedOn);
    await page.getByTestId('waiting-save').click();
  }
}
