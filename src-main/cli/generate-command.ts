/** `generate --db PATH --scale city|province [--seed N]`: the benchmark's data set, through the services. */
import type { AppDb } from '../db/open';
import { DEFAULT_SEED, generateDataSet } from '../generate/generate';
import { SCALES, type Scale } from '../generate/plan';

export function parseScale(value: string | undefined): Scale | null {
  return SCALES.find((s) => s === (value ?? 'city')) ?? null;
}

export function generateCommand(db: AppDb, scale: Scale, seed: number | undefined, progress: (line: string) => void): string {
  const s = generateDataSet(db, scale, seed ?? DEFAULT_SEED, progress);
  return [
    `已生成${scale === 'city' ? '市级' : '省级'}规模测试数据（虚构，非真实统计）/ generated ${scale}-scale data (invented figures): ${db.file}`,
    `区县 counties ${s.counties}，机构 facilities ${s.facilities}，床位 beds ${s.beds}，老人 residents ${s.residents}，入住 stays ${s.stays}`,
    `（转床 transfers ${s.transfers}，离院 discharges ${s.discharges}，外出 leaves ${s.leaves}），评估 assessments ${s.assessments}`,
    `运营方 operators ${s.operators}，合同 contracts ${s.contracts}，年度评价 evaluations ${s.evaluations}，人口 population rows ${s.populations}`,
    `种子 seed ${s.seed}，用时 ${s.seconds.toFixed(1)} s`,
  ].join('\n');
}
