import { describe, it, expect } from 'vitest';
import { creditCheckCharacter, parseCreditCode, type CreditCodeProblem } from '../../src-main/domain/credit-code';

/*
 * GB 32100-2015 (docs/domain.md#credit-code): alphabet "0123456789ABCDEFGHJKLMNPQRTUWXY" (A=10 … H=17,
 * J=18, K=19, L=20, M=21, N=22, P=23, Q=24, R=25, T=26, U=27, W=28, X=29, Y=30);
 * weights 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28; check = alphabet[(31 − Σ mod 31) mod 31].
 */

describe('creditCheckCharacter', () => {
  // 91110108551385082:
  //   values   9  1  1  1  0  1  0   8   5   5  1  3  8   5  0   8  2
  //   weights  1  3  9 27 19 26 16  17  20  29 25 13  8  24 10  30 28
  //   products 9  3  9 27  0 26  0 136 100 145 25 39 64 120  0 240 56   Σ = 999
  //   999 mod 31 = 7 (992 = 32 × 31); 31 − 7 = 24 → 'Q'
  //
  // 91110000600037341:
  //   products 9 3 9 27 0 0 0 0 120 0 0 0 24 168 30 120 28              Σ = 538
  //   538 mod 31 = 11 (527 = 17 × 31); 31 − 11 = 20 → 'L'
  //
  // 00000000000000000: Σ = 0; (31 − 0) mod 31 = 0 → '0'
  // 11111111111111111: Σ = sum of weights = 305; 305 mod 31 = 26; 31 − 26 = 5 → '5'
  //
  // 91520600MA6DK8UX1 (M=21 A=10 D=13 K=19 U=27 X=29):
  //   products 9 3 45 54 0 156 0 0 420 290 150 169 152 192 270 870 28   Σ = 2808
  //   2808 mod 31 = 18 (2790 = 90 × 31); 31 − 18 = 13 → 'D'
  const cases: Array<[string, string]> = [
    ['91110108551385082', 'Q'],
    ['91110000600037341', 'L'],
    ['00000000000000000', '0'],
    ['11111111111111111', '5'],
    ['91520600MA6DK8UX1', 'D'],
  ];
  it.each(cases)('check character of %s is %s', (first17, expected) => {
    expect(creditCheckCharacter(first17)).toBe(expected);
  });
});

describe('parseCreditCode: valid codes', () => {
  const valid: Array<[string, string]> = [
    ['91110108551385082Q', '91110108551385082Q'],
    ['91110000600037341L', '91110000600037341L'],
    ['111111111111111115', '111111111111111115'],
    ['91520600MA6DK8UX1D', '91520600MA6DK8UX1D'],
    // Lower case is accepted and normalized.
    ['91110108551385082q', '91110108551385082Q'],
    ['91520600ma6dk8ux1d', '91520600MA6DK8UX1D'],
    // Surrounding whitespace is trimmed.
    ['  91110000600037341L ', '91110000600037341L'],
  ];
  it.each(valid)('%j is valid', (raw, value) => {
    expect(parseCreditCode(raw)).toEqual({ ok: true, value });
  });
});

describe('parseCreditCode: problems', () => {
  const invalid: Array<[string, string, CreditCodeProblem]> = [
    ['empty', '', 'empty'],
    ['only whitespace', '  ', 'empty'],
    ['17 characters', '91110108551385082', 'length'],
    ['19 characters', '91110108551385082Q0', 'length'],
    ['old 15-digit registration number', '110108551385082', 'length'],
    // The five letters I, O, Z, S, V are not in the alphabet (body or check position).
    ['forbidden I', '9111010855138508IQ', 'characters'],
    ['forbidden O', '9111010855138508OQ', 'characters'],
    ['forbidden Z', '9111010855138508ZQ', 'characters'],
    ['forbidden S', '9111010855138508SQ', 'characters'],
    ['forbidden V', '9111010855138508VQ', 'characters'],
    ['forbidden lower-case o', '9111010855138508oQ', 'characters'],
    ['forbidden letter as check character', '91110108551385082I', 'characters'],
    ['punctuation', '91110108-51385082Q', 'characters'],
    ['wrong check character (Q → R)', '91110108551385082R', 'checksum'],
    ['wrong check character (L → K)', '91110000600037341K', 'checksum'],
    ['wrong check character (D → E)', '91520600MA6DK8UX1E', 'checksum'],
    ['one body character changed', '91110108551385083Q', 'checksum'],
  ];
  it.each(invalid)('%s: %j → %s', (_label, raw, problem) => {
    expect(parseCreditCode(raw)).toEqual({ ok: false, problem });
  });
});

describe('parseCreditCode: issue 14 part 5', () => {
  it('characters 3–8 (the region code) must be digits', () => {
    // 91AB0108551385082 + its check character: right alphabet, right check, letters in 3–4.
    const body = '91AB0108551385082';
    expect(parseCreditCode(body + creditCheckCharacter(body))).toEqual({ ok: false, problem: 'region' });
    const body2 = '9111010X551385082';
    expect(parseCreditCode(body2 + creditCheckCharacter(body2))).toEqual({ ok: false, problem: 'region' });
  });

  it('accepts input as typed: full-width characters and inner spaces', () => {
    expect(parseCreditCode('９１１１０１０８５５１３８５０８２ｑ')).toEqual({ ok: true, value: '91110108551385082Q' });
    expect(parseCreditCode('9111 0108 5513 8508 2Q')).toEqual({ ok: true, value: '91110108551385082Q' });
  });
});
