import type { Page } from '@playwright/test';

export class PopulationPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('nav-population').click();
    await this.page.getByTestId('page-population').waitFor();
  }

  cell(regionCode: string, field: 'population60' | 'population80' | 'tekunUnable') {
    return this.page.locator(`[data-testid="grid-population"] [row-id="${regionCode}"] [col-id="${field}"]`);
  }

  /** Type a figure into the grid the way a clerk does: double-click, type, Enter; wait for the save. */
  async set(regionCode: string, field: 'population60' | 'population80' | 'tekunUnable', value: string): Promise<void> {
    const cell = this.cell(regionCode, field);
    await cell.dblclick();
    const saved = this.page.waitForResponse((r) => r.url().includes('region.upsertPopulation'));
    await cell.locator('input').fill(value);
    await cell.locator('input').press('Enter');
    await saved;
  }
}

export class DashboardPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('nav-home').click();
    await this.page.getByTestId('page-dashboard').waitFor();
  }

  bedsPerThousand(code: string) {
    return this.page.getByTestId(`dashboard-bpt-${code}`);
  }

  occupancy(code: string) {
    return this.page.getByTestId(`dashboard-occupancy-${code}`);
  }
}
