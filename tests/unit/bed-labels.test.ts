import { describe, expect, it } from 'vitest';
import { expandLabel, hasNumberToken, nextLabelNumber } from '../../src-main/domain/bed-labels';

describe('bed label patterns', () => {
  it.each([
    ['{n}', 7, '7'],
    ['{nn}', 7, '07'],
    ['A-{nn}', 12, 'A-12'],
    ['3{nnn}床', 5, '3005床'],
    ['{n}', 123, '123'],
  ])('%s with %i gives %s', (pattern, n, label) => {
    expect(expandLabel(pattern, n)).toBe(label);
  });

  it('knows whether a pattern numbers its beds', () => {
    expect(hasNumberToken('A-{nn}')).toBe(true);
    expect(hasNumberToken('加床')).toBe(false);
  });

  it('continues after the highest number the same pattern produced', () => {
    expect(nextLabelNumber('{nn}', ['01', '02', '12', 'B-01'])).toBe(13);
    expect(nextLabelNumber('B-{nn}', ['01', '02', '12'])).toBe(1);
    expect(nextLabelNumber('A.{n}', ['A.3', 'AX9', 'A.10'])).toBe(11);
    expect(nextLabelNumber('(1){n}', ['(1)4', '14'])).toBe(5);
    expect(nextLabelNumber('plain', ['plain'])).toBe(1);
  });
});
