/**
 * The generator's simulation of a home (src-main/generate/occupancy.ts) must hand the
 * services only events they accept: a bed is held by one stay at a time, a stay ends after
 * it starts and only once, leaves fall inside their stay, nothing happens after the period.
 * And the people it makes carry valid, unique ID numbers.
 */
import { describe, expect, it } from 'vitest';
import { parseIdNumber } from '../../src-main/domain/id-number';
import { simulateFacility, type SimEvent } from '../../src-main/generate/occupancy';
import { IdNumbers } from '../../src-main/generate/people';
import { dayToIso, isoToDay, Rng } from '../../src-main/generate/random';

const start = isoToDay('2021-11-01');
const end = isoToDay('2026-10-31');

function check(events: SimEvent[], beds: number, closeDay: number | null) {
  const holder = new Map<number, number>(); // bed → stay
  const stayBed = new Map<number, number>();
  const stayStart = new Map<number, number>();
  const closed = new Set<number>();
  let last = -Infinity;
  for (const e of events) {
    expect(e.day).toBeGreaterThanOrEqual(last);
    last = e.day;
    expect(e.day).toBeLessThanOrEqual(end);
    switch (e.t) {
      case 'admit':
        expect(e.bed).toBeLessThan(beds);
        expect(holder.has(e.bed)).toBe(false);
        holder.set(e.bed, e.stay);
        stayBed.set(e.stay, e.bed);
        stayStart.set(e.stay, e.day);
        break;
      case 'transfer':
      case 'discharge': {
        expect(closed.has(e.stay)).toBe(false);
        expect(e.day).toBeGreaterThanOrEqual(stayStart.get(e.stay)!);
        holder.delete(stayBed.get(e.stay)!);
        closed.add(e.stay);
        if (e.t === 'transfer') {
          expect(holder.has(e.toBed)).toBe(false);
          holder.set(e.toBed, e.newStay);
          stayBed.set(e.newStay, e.toBed);
          stayStart.set(e.newStay, e.day);
        }
        break;
      }
      case 'leave':
        expect(closed.has(e.stay)).toBe(false);
        expect(e.day).toBeGreaterThanOrEqual(stayStart.get(e.stay)!);
        if (e.endDay !== null) expect(e.endDay).toBeGreaterThanOrEqual(e.day);
        break;
      case 'assess':
        break;
    }
  }
  if (closeDay !== null) expect(holder.size).toBe(0);
  return { open: holder.size, stays: stayStart.size, closed: closed.size };
}

describe('generated stays', () => {
  it.each([1, 2, 3, 4, 5])('seed %i: a support home over five years never double-books a bed', (seed) => {
    const beds = Array.from({ length: 60 }, (_, i) => ({ nursing: i < 15 }));
    const r = simulateFacility(new Rng(seed), { beds, openDay: isoToDay('2012-05-01'), closeDay: null, startDay: start, endDay: end, occupancy: 0.6, meanStayDays: 1500 });
    const c = check(r.events, beds.length, null);
    // Roughly the occupancy asked for at the end, and turnover during the period.
    expect(c.open).toBeGreaterThan(20);
    expect(c.open).toBeLessThanOrEqual(60);
    expect(c.closed).toBeGreaterThan(5);
    expect(r.events.some((e) => e.t === 'assess')).toBe(true);
  });

  it('a home that closes during the period has nobody left, and one opening late starts empty', () => {
    const beds = Array.from({ length: 5 }, () => ({ nursing: false }));
    const close = isoToDay('2024-03-01');
    const closing = simulateFacility(new Rng(9), { beds, openDay: isoToDay('2017-01-01'), closeDay: close, startDay: start, endDay: end, occupancy: 0.5, meanStayDays: 900 });
    check(closing.events, beds.length, close);
    // Stays end by the closing day; residents moved elsewhere may still be reassessed later.
    expect(closing.events.filter((e) => e.t !== 'assess').every((e) => e.day <= close)).toBe(true);
    expect(closing.events.filter((e) => e.t === 'admit').every((e) => e.day < close)).toBe(true);
    const opening = isoToDay('2025-02-01');
    const late = simulateFacility(new Rng(9), { beds, openDay: opening, closeDay: null, startDay: start, endDay: end, occupancy: 0.5, meanStayDays: 900 });
    check(late.events, beds.length, null);
    expect(late.events.every((e) => e.day > opening)).toBe(true);
  });

  it('is deterministic for a seed', () => {
    const beds = Array.from({ length: 10 }, () => ({ nursing: false }));
    const input = { beds, openDay: isoToDay('2015-01-01'), closeDay: null, startDay: start, endDay: end, occupancy: 0.5, meanStayDays: 1000 };
    expect(simulateFacility(new Rng(42), input)).toEqual(simulateFacility(new Rng(42), input));
  });
});

describe('generated ID numbers', () => {
  it('are valid, unique, and agree with region, birth date and sex', () => {
    const ids = new IdNumbers();
    const rng = new Rng(3);
    const seen = new Set<string>();
    for (let i = 0; i < 3000; i++) {
      const male = rng.chance(0.5);
      const birth = dayToIso(isoToDay('1940-01-01') + rng.int(0, 30)); // few birth dates: many share one
      const id = ids.next('520602', birth, male)!;
      const parsed = parseIdNumber(id);
      expect(parsed.ok).toBe(true);
      if (!parsed.ok) continue;
      expect(parsed.birthDate).toBe(birth);
      expect(parsed.sex).toBe(male ? 'male' : 'female');
      expect(parsed.regionCode).toBe('520602');
      expect(seen.has(id)).toBe(false);
      seen.add(id);
    }
  });
});
