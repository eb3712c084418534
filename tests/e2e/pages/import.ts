import type { Page } from '@playwright/test';

export class ImportPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('nav-import').click();
    await this.page.getByTestId('page-import').waitFor();
  }

  async choose(template: 'facilities' | 'beds' | 'residents' | 'stays' | 'population'): Promise<void> {
    await this.page.getByTestId(`import-template-${template}`).click();
  }

  /** Drop a file: the dragger's file input takes it, and the preview request answers. */
  async upload(name: string, content: string | Buffer): Promise<void> {
    const answered = this.page.waitForResponse((r) => r.url().includes('import.preview'));
    await this.page
      .getByTestId('page-import')
      .locator('input[type=file]')
      .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.isBuffer(content) ? content : Buffer.from(content) });
    await answered;
  }

  problems() {
    return this.page.getByTestId('import-problem');
  }

  count(kind: 'rows' | 'added' | 'updated' | 'unchanged' | 'rejected') {
    return this.page.getByTestId(`import-count-${kind}`);
  }

  async confirm(): Promise<void> {
    const done = this.page.waitForResponse((r) => r.url().includes('import.commit'));
    await this.page.getByTestId('import-confirm').click();
    await done;
  }

  result() {
    return this.page.getByTestId('import-result');
  }
}
