/**
 * Generated people: Chinese names and valid 居民身份证号 (GB 11643) whose region, birth date
 * and sex digits agree with the record, unique within a data set.
 */
import { idCheckCharacter } from '../domain/id-number';
import type { Rng } from './random';

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤冉安舒滕粟';
const GIVEN_MALE = '德明华国成学文志光荣贵发林海山永昌先银金福寿生忠平安军建强伟福祥顺富云才仁';
const GIVEN_FEMALE = '秀兰玉芳桂珍凤云春英翠琼梅菊花香莲淑素芬娥妹珠银娟丽群蓉';

export function chineseName(rng: Rng, male: boolean): string {
  const given = male ? GIVEN_MALE : GIVEN_FEMALE;
  return rng.pick(SURNAMES) + rng.pick(given) + (rng.chance(0.7) ? rng.pick(given) : '');
}

/** Hands out ID numbers: the 3-digit order code counts up per region and birth date. */
export class IdNumbers {
  private readonly used = new Map<string, number>();

  /** null when the region and birth date have no order codes left for that sex (never in practice). */
  next(regionCode: string, birthIso: string, male: boolean): string | null {
    const prefix = regionCode + birthIso.replace(/-/g, '');
    let n = this.used.get(prefix) ?? 0;
    // The 17th character is odd for men, even for women.
    while (n < 1000 && n % 2 !== (male ? 1 : 0)) n++;
    if (n >= 1000) return null;
    this.used.set(prefix, n + 1);
    const body = prefix + String(n).padStart(3, '0');
    return body + idCheckCharacter(body);
  }
}

export function phoneNumber(rng: Rng): string {
  return `1${rng.pick(['35', '39', '51', '58', '87', '88'])}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`;
}
