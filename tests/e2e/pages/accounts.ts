/** The login page, the accounts page and the header's account menu, as a user drives them. */
import type { Page } from '@playwright/test';
import { pick } from './antd';

export class AccountsPages {
  constructor(private readonly page: Page) {}

  async openAccounts(): Promise<void> {
    await this.page.getByTestId('nav-accounts').click();
    await this.page.getByTestId('page-accounts').waitFor();
  }

  async setupAdmin(username: string, password: string): Promise<void> {
    const p = this.page;
    await p.getByTestId('user-username').fill(username);
    await p.getByTestId('user-password').fill(password);
    await p.getByTestId('user-confirm').fill(password);
    await p.getByTestId('setup-submit').click();
  }

  async createFacilityManager(username: string, name: string, facility: string, password: string): Promise<void> {
    const p = this.page;
    await p.getByTestId('user-new').click();
    const dialog = p.getByRole('dialog');
    await dialog.getByTestId('user-username').fill(username);
    await dialog.getByTestId('user-display-name').fill(name);
    await pick(p, 'user-role', '机构管理员');
    await pick(p, 'user-facilities', facility);
    await p.keyboard.press('Escape');
    await dialog.getByTestId('user-password').fill(password);
    await dialog.getByTestId('user-confirm').fill(password);
    await p.getByTestId('user-save').click();
    await dialog.waitFor({ state: 'hidden' });
  }

  async logout(): Promise<void> {
    await this.page.getByTestId('user-menu').hover();
    await this.page.getByTestId('menu-logout').click();
    await this.page.getByTestId('page-login').waitFor();
  }

  async login(username: string, password: string): Promise<void> {
    const p = this.page;
    await p.getByTestId('login-username').fill(username);
    await p.getByTestId('login-password').fill(password);
    await p.getByTestId('login-submit').click();
  }
}
