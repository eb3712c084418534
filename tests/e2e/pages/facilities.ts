import type { Download, Page } from '@playwright/test';
import { fillNumber, pick, typeDate } from './antd';

export class FacilitiesPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('nav-facilities').click();
    await this.page.getByTestId('page-facilities').waitFor();
  }

  /** Register a facility through the drawer; lands on its detail page. */
  async create(f: { county: string; name: string; kind: string; ownership: string; statusDate: string; beds?: { count: number; nursing: number } }): Promise<void> {
    const p = this.page;
    await p.getByTestId('facility-new').click();
    await pick(p, 'facility-county', f.county);
    await p.getByTestId('facility-name').fill(f.name);
    await pick(p, 'facility-kind', f.kind);
    await pick(p, 'facility-ownership', f.ownership);
    await typeDate(p, 'facility-status-date', f.statusDate);
    if (f.beds) {
      await p.getByTestId('facility-with-beds').click();
      await fillNumber(p.getByTestId('facility-bed-count'), f.beds.count);
      await fillNumber(p.getByTestId('facility-nursing-count'), f.beds.nursing);
    }
    await p.getByTestId('facility-save').click();
    await p.getByTestId('page-facility-detail').waitFor();
  }

  /** 导出国家系统机构名单: the .xlsx from the button, the .csv from its menu; resolves with the download. */
  async exportNationalList(format: 'xlsx' | 'csv'): Promise<Download> {
    const p = this.page;
    const download = p.waitForEvent('download');
    if (format === 'xlsx') await p.getByTestId('national-list-export').click();
    else {
      await p.getByTestId('national-list-more').hover();
      await p.getByTestId('national-list-csv').click();
    }
    return download;
  }
}

export class FacilityDetailPage {
  constructor(private readonly page: Page) {}

  async addBeds(b: { count: number; nursing: number; pattern: string; from: string }): Promise<void> {
    const p = this.page;
    await p.getByTestId('beds-add').click();
    await fillNumber(p.getByTestId('beds-count'), b.count);
    await fillNumber(p.getByTestId('beds-nursing'), b.nursing);
    await p.getByTestId('beds-pattern').fill(b.pattern);
    await typeDate(p, 'beds-from', b.from);
    await p.getByTestId('beds-add-ok').click();
    await p.getByText(`已增加 ${b.count} 张床位`).waitFor();
  }

  tile(label: string) {
    return this.page.getByTestId(`bed-tile-${label}`);
  }

  summary() {
    return this.page.getByTestId('beds-summary');
  }
}
