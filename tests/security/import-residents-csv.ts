/**
 * Residents files for the import attacks (not a test file itself): valid rows, blank lines,
 * one huge cell. The ID numbers are valid (GB 11643 check characters), all born in 1940.
 */
import { idFor } from '../integration/helpers';

export const RESIDENTS_HEADER = '姓名,身份证号,户籍区县代码,特困,特困自理能力,低保,低收入,失独,优抚对象,联系电话,紧急联系人,紧急联系电话';

/** n valid residents, distinct by birth day (within 1940) and sequence. */
export function residentsCsv(n: number): Buffer {
  const lines = [RESIDENTS_HEADER];
  for (let i = 0; i < n; i++) {
    const day = Math.floor(i / 900);
    const birth = `1940${String(1 + Math.floor(day / 28)).padStart(2, '0')}${String(1 + (day % 28)).padStart(2, '0')}`;
    lines.push(`老人${i},${idFor(100 + (i % 900), '520602', birth)},520602,否,,否,否,否,否,,,`);
  }
  return Buffer.from(lines.join('\n') + '\n');
}

/** The header, then `mb` megabytes of empty lines (the review's 58 MB file, H2). */
export function blankLinesCsv(mb: number): Buffer {
  const head = Buffer.from(RESIDENTS_HEADER + '\n');
  return Buffer.concat([head, Buffer.alloc(mb << 20, 0x0a)]);
}

/** One row whose emergency-contact cell holds `chars` characters. */
export function hugeCellCsv(chars: number): Buffer {
  return Buffer.concat([Buffer.from(`${RESIDENTS_HEADER}\n张三,${idFor(1)},,否,,,,,,,"`), Buffer.alloc(chars, 0x41), Buffer.from('",\n')]);
}
