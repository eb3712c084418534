/**
 * A workbook as printed: LibreOffice (headless, its own profile) converts it to PDF; poppler's
 * pdftotext reads each page's text (-layout), pdfinfo counts the pages, pdftoppm renders PNGs
 * into tests/artifacts for a person to look at. Each program missing says which Debian package
 * brings it.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const ARTIFACTS = path.resolve(__dirname, '../artifacts');

const PACKAGE: Record<string, string> = {
  soffice: 'libreoffice-calc-nogui',
  pdftotext: 'poppler-utils',
  pdfinfo: 'poppler-utils',
  pdftoppm: 'poppler-utils',
  pdffonts: 'poppler-utils',
};

function run(program: string, args: string[], options: { cwd?: string; timeout?: number } = {}): string {
  try {
    return execFileSync(program, args, { stdio: ['ignore', 'pipe', 'pipe'], timeout: options.timeout ?? 60_000, encoding: 'utf8', ...(options.cwd ? { cwd: options.cwd } : {}) });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(`${program} is not installed: apt-get install -y ${PACKAGE[program] ?? program} (as .ci/run does)`, { cause: e });
    }
    throw e;
  }
}

/** Converts `file` (xlsx) to PDF in `dir` with LibreOffice; returns the PDF's path. */
export function toPdf(file: string, dir: string): string {
  const out = path.join(dir, 'pdf');
  fs.mkdirSync(out, { recursive: true });
  run('soffice', ['--headless', `-env:UserInstallation=file://${path.join(dir, 'lo-profile')}`, '--convert-to', 'pdf', '--outdir', out, file], { cwd: dir, timeout: 120_000 });
  const pdf = path.join(out, `${path.basename(file, path.extname(file))}.pdf`);
  if (!fs.existsSync(pdf)) throw new Error(`LibreOffice wrote no PDF for ${file}`);
  return pdf;
}

export function pdfPageCount(pdf: string): number {
  const m = /^Pages:\s+(\d+)/m.exec(run('pdfinfo', [pdf]));
  if (!m) throw new Error(`pdfinfo gave no page count for ${pdf}`);
  return Number(m[1]);
}

/** The font names embedded in the PDF (subset prefixes removed), e.g. WenQuanYiMicroHei, DejaVuSans-Bold. */
export function pdfFonts(pdf: string): string[] {
  const lines = run('pdffonts', [pdf]).split('\n').slice(2).filter((l) => l.trim() !== '');
  return [...new Set(lines.map((l) => l.split(/\s+/)[0]!.replace(/^[A-Z]{6}\+/, '')))].sort();
}

/** Each page's text, as pdftotext -layout lays it out. */
export function pdfPages(pdf: string): string[] {
  const n = pdfPageCount(pdf);
  const pages: string[] = [];
  for (let i = 1; i <= n; i++) pages.push(run('pdftotext', ['-layout', '-f', String(i), '-l', String(i), pdf, '-']));
  return pages;
}

/** Renders every page to tests/artifacts/<prefix>-N.png (70 dpi); returns the files. */
export function pdfToPngs(pdf: string, prefix: string): string[] {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  for (const f of fs.readdirSync(ARTIFACTS)) if (f.startsWith(`${prefix}-`) && f.endsWith('.png')) fs.rmSync(path.join(ARTIFACTS, f));
  run('pdftoppm', ['-png', '-r', '70', pdf, path.join(ARTIFACTS, prefix)]);
  return fs
    .readdirSync(ARTIFACTS)
    .filter((f) => f.startsWith(`${prefix}-`) && f.endsWith('.png'))
    .sort()
    .map((f) => path.join(ARTIFACTS, f));
}
