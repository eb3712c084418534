/**
 * How many ID numbers are still possible for a resident, given what an account received
 * (not a test file itself; used by c1-mask-candidates.test.ts).
 *
 * Conservative, i.e. in the attacker's favour: the household county (first 6 digits) and
 * the sex are taken as known, and so is the age (周岁 today) whether or not it was received.
 * The birth date counts as known when it appears anywhere in what was received, in any of
 * the usual formats. Every masked number in the text that agrees with the resident's number
 * wherever it shows a character adds those characters as known. Then the remaining numbers
 * are counted by brute force: birth dates × sequence numbers, each with its check character.
 */
import { addDays, ageOn } from '../../src-main/domain/dates';
import { idCheckCharacter } from '../../src-main/domain/id-number';

export interface KnownResident {
  idNumber: string;
  birthDate: string;
  sex: 'male' | 'female';
}

/** A birth date written the ways a screen, file or message might write it. */
export function dateSpellings(iso: string): string[] {
  const [y, m, d] = iso.split('-') as [string, string, string];
  const mm = String(Number(m));
  const dd = String(Number(d));
  return [iso, `${y}${m}${d}`, `${y}/${m}/${d}`, `${y}.${m}.${d}`, `${y}年${m}月${d}日`, `${y}年${mm}月${dd}日`, `${y}/${mm}/${dd}`];
}

/** Positions (0–17) of the resident's number that some received masked number shows. */
export function shownPositions(text: string, idNumber: string): Set<number> {
  const shown = new Set<number>();
  for (const m of text.matchAll(/[0-9X*]{18}/g)) {
    const mask = m[0];
    if (!mask.includes('*')) continue;
    let agrees = true;
    for (let i = 0; i < 18 && agrees; i++) if (mask[i] !== '*' && mask[i] !== idNumber[i]) agrees = false;
    if (!agrees) continue;
    for (let i = 0; i < 18; i++) if (mask[i] !== '*') shown.add(i);
  }
  return shown;
}

/** The dates whose age on `today` equals the resident's: about 366 of them. */
export function datesOfSameAge(birthDate: string, today: string): string[] {
  const age = ageOn(birthDate, today);
  const out: string[] = [];
  // Two years around the birth date hold every date of the same age.
  for (let d = addDays(birthDate, -800); d <= addDays(birthDate, 800); d = addDays(d, 1)) if (ageOn(d, today) === age) out.push(d);
  return out;
}

export function candidateCount(r: KnownResident, text: string, today: string): number {
  if (text.includes(r.idNumber)) return 1;
  const shown = shownPositions(text, r.idNumber);
  const birthKnown = dateSpellings(r.birthDate).some((s) => text.includes(s));
  const dates = birthKnown ? [r.birthDate] : datesOfSameAge(r.birthDate, today);
  const region = r.idNumber.slice(0, 6);
  const agrees = (candidate: string, from: number, to: number) => {
    for (let i = from; i < to; i++) if (shown.has(i) && candidate[i] !== r.idNumber[i]) return false;
    return true;
  };
  let n = 0;
  for (const d of dates) {
    const body14 = region + d.replaceAll('-', '');
    if (!agrees(body14, 6, 14)) continue;
    for (let seq = 0; seq < 1000; seq++) {
      // The 17th character is odd for men, even for women.
      if ((seq % 2 === 1) !== (r.sex === 'male')) continue;
      const body = body14 + String(seq).padStart(3, '0');
      if (!agrees(body, 14, 17)) continue;
      if (shown.has(17) && idCheckCharacter(body) !== r.idNumber[17]) continue;
      n++;
    }
  }
  return n;
}
