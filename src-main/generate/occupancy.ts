/**
 * Five years of life in one residential facility, simulated before anything is written:
 * arrivals at a steady rate while beds are free, stays of exponential length, departures by
 * death, return home or other reasons, moves to another bed of the home (to a nursing-type
 * bed when a general one was held), leaves (外出), assessments on admission and yearly
 * reviews. The result is a list of events in date order that the services accept as is:
 * a bed is never promised twice, nothing happens before it may.
 */
import type { DischargeReason } from '../domain/enums';
import type { Rng } from './random';

export interface SimBed {
  nursing: boolean;
}

export interface SimPerson {
  /** 0 (fully able) … 1; drifts down with age. */
  ability: number;
  ageAtAdmission: number;
  admittedDay: number;
}

export type SimEvent =
  | { t: 'admit'; day: number; person: number; bed: number; stay: number }
  | { t: 'discharge'; day: number; stay: number; reason: DischargeReason; note?: string }
  | { t: 'transfer'; day: number; stay: number; toBed: number; newStay: number }
  | { t: 'leave'; day: number; stay: number; endDay: number | null }
  | { t: 'assess'; day: number; person: number; reason: 'first' | 'routine' | 'immediate'; ability: number };

export interface SimInput {
  beds: readonly SimBed[];
  openDay: number;
  closeDay: number | null;
  startDay: number;
  endDay: number;
  occupancy: number;
  meanStayDays: number;
}

export interface SimResult {
  persons: SimPerson[];
  events: SimEvent[];
}

const TRANSFER_SHARE = 0.08;
const LEAVE_SHARE = 0.06;
const ROUTINE_REVIEW_SHARE = 0.46;

export function simulateFacility(rng: Rng, input: SimInput): SimResult {
  const { beds, startDay, endDay } = input;
  const persons: SimPerson[] = [];
  const events: Array<SimEvent & { seq: number }> = [];
  let seq = 0;
  const push = (e: SimEvent) => events.push({ ...e, seq: seq++ });
  if (beds.length === 0 || input.occupancy <= 0) return { persons, events: [] };

  const lastDay = input.closeDay !== null ? Math.min(input.closeDay, endDay) : endDay;
  /** Per bed: the open stay (its number, person, planned end), or null when free. */
  const holder: Array<{ stay: number; person: number; until: number } | null> = beds.map(() => null);
  let stays = 0;

  const newPerson = (admittedDay: number): number => {
    const ageAtAdmission = Math.min(100, 60 + Math.floor(rng.exp(14)) + rng.int(0, 8));
    persons.push({ ability: Math.max(0.05, Math.min(1, 0.85 - (ageAtAdmission - 60) * 0.012 + (rng.float() - 0.5) * 0.5)), ageAtAdmission, admittedDay });
    return persons.length - 1;
  };

  const assessments = (person: number, from: number, until: number, first: boolean) => {
    const p = persons[person]!;
    if (first && rng.chance(0.92)) push({ t: 'assess', day: from, person, reason: 'first', ability: p.ability });
    for (let d = Math.max(from, startDay) + rng.int(300, 420); d < Math.min(until, endDay); d += rng.int(330, 420)) {
      p.ability = Math.max(0, p.ability - rng.float() * 0.08);
      if (d >= startDay && rng.chance(ROUTINE_REVIEW_SHARE)) push({ t: 'assess', day: d, person, reason: 'routine', ability: p.ability });
    }
  };

  const occupy = (bed: number, person: number, day: number, until: number) => {
    const stay = stays++;
    holder[bed] = { stay, person, until };
    push({ t: 'admit', day, person, bed, stay });
    // A closing home ends every stay on its closing day.
    const stayEnd = input.closeDay !== null ? Math.min(until, input.closeDay) : until;
    if (rng.chance(LEAVE_SHARE) && stayEnd - day > 40) {
      const leaveStart = day + rng.int(10, stayEnd - day - 20);
      if (leaveStart <= endDay) {
        const leaveEnd = leaveStart + rng.int(3, 30);
        let end: number | null;
        if (leaveEnd < stayEnd && leaveEnd <= endDay) end = leaveEnd;
        else if (stayEnd > endDay) end = null; // still away at the end of the period
        else end = Math.min(leaveEnd, stayEnd - 1);
        push({ t: 'leave', day: leaveStart, stay, endDay: end });
      }
    }
    return stay;
  };

  // Residents already in the home when the period starts.
  if (input.openDay < startDay) {
    for (let b = 0; b < beds.length; b++) {
      if (!rng.chance(input.occupancy)) continue;
      const admitted = startDay - 1 - rng.int(0, Math.min(6 * 365, startDay - 1 - input.openDay));
      const person = newPerson(admitted);
      const until = startDay + Math.max(1, Math.round(rng.exp(input.meanStayDays)));
      occupy(b, person, admitted, until);
      assessments(person, admitted, until, true);
    }
  }

  const rate = (input.occupancy * beds.length) / input.meanStayDays;
  let nextArrival = Math.max(startDay, input.openDay) + Math.ceil(rng.exp(1 / rate));
  for (;;) {
    let dep = -1;
    for (let b = 0; b < beds.length; b++) if (holder[b] && (dep < 0 || holder[b]!.until < holder[dep]!.until)) dep = b;
    const depDay = dep >= 0 ? holder[dep]!.until : Infinity;
    if (Math.min(depDay, nextArrival) > lastDay) break;
    if (depDay <= nextArrival) {
      const h = holder[dep]!;
      holder[dep] = null;
      const free = beds.map((_, i) => i).filter((i) => holder[i] === null && i !== dep);
      if (free.length > 0 && rng.chance(TRANSFER_SHARE)) {
        const nursingFree = free.filter((i) => beds[i]!.nursing);
        const toBed = !beds[dep]!.nursing && nursingFree.length > 0 ? rng.pick(nursingFree) : rng.pick(free);
        const until = depDay + Math.max(1, Math.round(rng.exp(input.meanStayDays * 0.7)));
        const newStay = stays++;
        holder[toBed] = { stay: newStay, person: h.person, until };
        push({ t: 'transfer', day: depDay, stay: h.stay, toBed, newStay });
        const p = persons[h.person]!;
        p.ability = Math.max(0, p.ability - 0.15);
        if (rng.chance(0.5)) push({ t: 'assess', day: depDay, person: h.person, reason: 'immediate', ability: p.ability });
        assessments(h.person, depDay, until, false);
      } else {
        const reason = rng.weighted({ death: 0.55, home: 0.3, other: 0.15 });
        push({ t: 'discharge', day: depDay, stay: h.stay, reason });
      }
    } else {
      const free = beds.map((_, i) => i).filter((i) => holder[i] === null);
      if (free.length > 0) {
        const bed = rng.pick(free);
        const person = newPerson(nextArrival);
        const until = nextArrival + Math.max(1, Math.round(rng.exp(input.meanStayDays)));
        occupy(bed, person, nextArrival, until);
        assessments(person, nextArrival, until, true);
      }
      nextArrival += Math.max(1, Math.ceil(rng.exp(1 / rate)));
    }
  }

  // A home that closes sends everyone elsewhere on its last day.
  if (input.closeDay !== null && input.closeDay <= endDay) {
    for (let b = 0; b < beds.length; b++) {
      const h = holder[b];
      if (h) push({ t: 'discharge', day: input.closeDay, stay: h.stay, reason: 'other', note: '机构关闭，老人另行安置' });
      holder[b] = null;
    }
  }

  const order: Record<SimEvent['t'], number> = { discharge: 0, transfer: 1, admit: 2, leave: 3, assess: 4 };
  events.sort((a, b) => a.day - b.day || order[a.t] - order[b.t] || a.seq - b.seq);
  return { persons, events: events.map(({ seq: _seq, ...e }) => e as SimEvent) };
}
