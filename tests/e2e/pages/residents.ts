import type { Page } from '@playwright/test';
import { pick, typeDate } from './antd';

/** 老人档案: the open stay and what can be done to it. */
export class ResidentRecordPage {
  constructor(private readonly page: Page) {}

  openStayBed() {
    return this.page.getByTestId('open-stay-bed');
  }

  /** 转床 to a free bed (in the resident's own facility unless another is named). */
  async transfer(t: { bed: string; date: string; facility?: string }): Promise<void> {
    const p = this.page;
    await p.getByTestId('stay-transfer').click();
    await typeDate(p, 'transfer-date', t.date);
    if (t.facility) await pick(p, 'transfer-facility', t.facility);
    await pick(p, 'transfer-bed', t.bed);
    await p.getByTestId('transfer-ok').click();
    // The dialog is unmounted once the api has accepted the transfer.
    await p.getByTestId('transfer-ok').waitFor({ state: 'detached' });
  }

  /** 离院 with a reason, confirmed. */
  async discharge(d: { date: string; reason: string }): Promise<void> {
    const p = this.page;
    await p.getByTestId('stay-discharge').click();
    await typeDate(p, 'discharge-date', d.date);
    await pick(p, 'discharge-reason', d.reason);
    await p.getByTestId('discharge-ok').click();
    await p.getByTestId('no-open-stay').waitFor();
  }
}
