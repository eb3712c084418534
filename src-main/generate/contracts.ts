/**
 * 公建民营 homes get operators and a chain of contracts: 3- or 5-year terms, mostly renewed,
 * a few ended early and handed to a new operator, a few left without a contract (which the
 * data-quality list flags), and a yearly evaluation for each contract year.
 */
import { creditCheckCharacter } from '../domain/credit-code';
import type { SelectionMethod } from '../domain/enums';
import { addEvaluation, createContract, createOperator, terminateContract } from '../services/contracts';
import type { ServiceContext } from '../services/context';
import { chineseName, phoneNumber } from './people';
import { GENERATED_PREFIX } from './plan';
import { dayToIso, isoToDay, type Rng } from './random';

export interface ContractCounts {
  operators: number;
  contracts: number;
  evaluations: number;
}

const COMPANY_WORDS = ['康养', '颐和', '福寿', '安康', '夕阳红', '乐龄', '松鹤', '泰和', '仁爱', '同心'];

export class OperatorPool {
  private seq = 0;
  private readonly byCounty = new Map<string, number[]>();
  constructor(
    private readonly ctx: ServiceContext,
    private readonly counts: ContractCounts,
  ) {}

  /** An operator of the county: a new one about every other home, else one already running homes there. */
  pick(rng: Rng, countyCode: string, countyShort: string): number {
    const pool = this.byCounty.get(countyCode) ?? [];
    this.byCounty.set(countyCode, pool);
    if (pool.length > 0 && rng.chance(0.5)) return rng.pick(pool);
    this.seq++;
    const body = `91${countyCode}${String(this.seq).padStart(9, '0')}`;
    const op = createOperator(this.ctx, {
      name: `${GENERATED_PREFIX}${countyShort}${rng.pick(COMPANY_WORDS)}养老服务有限公司${this.seq}`,
      creditCode: body + creditCheckCharacter(body),
      legalRepresentative: chineseName(rng, rng.chance(0.6)),
      contactPerson: chineseName(rng, rng.chance(0.4)),
      phone: phoneNumber(rng),
    });
    this.counts.operators++;
    pool.push(op.id);
    return op.id;
  }
}

export function contractChain(
  ctx: ServiceContext,
  rng: Rng,
  pool: OperatorPool,
  facility: { id: number; beds: number; openDay: number; countyCode: string; countyShort: string },
  lastDay: number,
  counts: ContractCounts,
): void {
  let start = Math.max(facility.openDay + rng.int(30, 240), isoToDay('2016-01-01') + rng.int(0, 900));
  let operatorId = pool.pick(rng, facility.countyCode, facility.countyShort);
  const methods: SelectionMethod[] = ['open_tender', 'open_tender', 'competitive_negotiation', 'competitive_consultation'];
  let n = 0;
  while (start <= lastDay) {
    const years = rng.chance(0.6) ? 3 : 5;
    const startIso = dayToIso(start);
    const endIso = `${Number(startIso.slice(0, 4)) + years}${startIso.slice(4)}`;
    const end = isoToDay(endIso) - 1;
    n++;
    const c = createContract(ctx, {
      facilityId: facility.id,
      operatorId,
      contractNo: `TRGJMY-${facility.id}-${n}`,
      selectionMethod: rng.pick(methods),
      startOn: startIso,
      endOn: dayToIso(end),
      annualFee: rng.int(5, 40) * 10_000,
      deposit: rng.int(2, 10) * 10_000,
      reservedBeds: Math.max(1, Math.round(facility.beds * (0.1 + rng.float() * 0.1))),
      assetValue: rng.int(200, 3000) * 10_000,
    });
    counts.contracts++;
    const terminated = rng.chance(0.07) ? start + rng.int(200, (end - start) - 100) : null;
    const stop = Math.min(terminated ?? end, lastDay);
    for (let y = Number(startIso.slice(0, 4)); y < Number(dayToIso(stop).slice(0, 4)); y++) {
      const score = Math.round((60 + rng.float() * 38) * 10) / 10;
      addEvaluation(ctx, { contractId: c.id, year: y, score, result: score >= 90 ? 'excellent' : score >= 80 ? 'good' : score >= 65 ? 'pass' : 'fail' });
      counts.evaluations++;
    }
    if (terminated !== null && terminated <= lastDay) {
      terminateContract(ctx, { id: c.id, terminatedOn: dayToIso(terminated), reason: rng.pick(['运营方服务质量考核不合格', '运营方申请提前解约', '消防整改未达标']) });
      start = terminated + rng.int(0, 60);
      operatorId = pool.pick(rng, facility.countyCode, facility.countyShort);
      continue;
    }
    // A few homes are left without a renewed contract: the data-quality list should flag them.
    if (rng.chance(0.05)) break;
    start = end + 1;
    if (rng.chance(0.2)) operatorId = pool.pick(rng, facility.countyCode, facility.countyShort);
  }
}
