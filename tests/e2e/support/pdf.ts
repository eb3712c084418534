/** Reading a PDF the tests made, with Debian's poppler-utils: its page count and each page's text as laid out. */
import { execFileSync } from 'node:child_process';

export function pdfPageCount(file: string): number {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const m = /^Pages:\s+(\d+)/m.exec(info);
  if (!m) throw new Error(`pdfinfo gave no page count for ${file}`);
  return Number(m[1]);
}

/** Page i (1-based) as `pdftotext -layout` writes it. */
export function pdfPageText(file: string, i: number): string {
  return execFileSync('pdftotext', ['-layout', '-f', String(i), '-l', String(i), file, '-'], { encoding: 'utf8' });
}

export function pdfPages(file: string): string[] {
  return Array.from({ length: pdfPageCount(file) }, (_, i) => pdfPageText(file, i + 1));
}

/** Every page as a PNG (`pdftoppm -png -r <dpi>`), named <prefix>-<n>.png. */
export function pdfToPngs(file: string, prefix: string, dpi = 70): void {
  execFileSync('pdftoppm', ['-png', '-r', String(dpi), file, prefix]);
}
