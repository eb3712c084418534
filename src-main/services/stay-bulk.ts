/**
 * A facility's history of stays written at once (the generator): admissions, discharges,
 * transfers and leaves of stays the batch itself opens, in the order given, in one write owned
 * by the facility. Every rule of the single actions (services/stay-rules.ts) is applied at
 * each action against the database as the batch has written it so far, so a batch meets each
 * rule exactly as the same actions one by one would; what the batch saves is the work around
 * them — the beds, the facility and the birth dates read once, the statements prepared once,
 * no savepoint per action, and the same rows, audit rows and changes written through them.
 */
import { inArray } from 'drizzle-orm';
import type { DischargeReason } from '../domain/enums';
import { isResidentialKind } from '../domain/enums';
import { beds, leaves, stays } from '../db/schema';
import { rowReader } from '../db/schema-columns';
import { requireFacility } from '../db/queries/facilities';
import { ENTITY } from '../db/queries/entities';
import { fail } from '../domain/errors';
import { facility } from '../domain/ownership';
import { recordedOwner, write, type ServiceContext } from './context';
import { checkEntry } from './corrections';
import {
  checkAdmissionDate, checkBedFree, checkDischargeDate, checkLeave, checkLeaveEnds, checkTransfer, notInFuture, requireOpen, requireOperating, requireResidentFree,
} from './stay-rules';

/** A stay the batch opens: its place in the batch (the ids are known only once it is written). */
export type StayRef = number;

type Action =
  | { t: 'admit'; ref: StayRef; residentId: number; bedId: number; on: string; note: string }
  | { t: 'discharge'; stay: StayRef; on: string; reason: DischargeReason; note: string | undefined }
  | { t: 'transfer'; stay: StayRef; ref: StayRef; toBedId: number; on: string; note: string }
  | { t: 'leave'; stay: StayRef; on: string; endOn: string | null; reason: string };

const stayRow = rowReader(stays);
const leaveRow = rowReader(leaves);
type Stay = ReturnType<typeof stayRow>;

export class StayHistory {
  private readonly actions: Action[] = [];
  private stays = 0;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly facilityId: number,
  ) {}

  admit(input: { residentId: number; bedId: number; admittedOn: string; note?: string }): StayRef {
    const ref = this.stays++;
    this.actions.push({ t: 'admit', ref, residentId: input.residentId, bedId: input.bedId, on: input.admittedOn, note: input.note ?? '' });
    return ref;
  }

  discharge(stay: StayRef, input: { dischargedOn: string; dischargeReason: DischargeReason; note?: string }): void {
    this.actions.push({ t: 'discharge', stay: this.known(stay), on: input.dischargedOn, reason: input.dischargeReason, note: input.note });
  }

  /** Closes the stay on the day and opens the next one on another bed of the facility. */
  transfer(stay: StayRef, input: { toBedId: number; transferOn: string; note?: string }): StayRef {
    this.known(stay);
    const ref = this.stays++;
    this.actions.push({ t: 'transfer', stay, ref, toBedId: input.toBedId, on: input.transferOn, note: input.note ?? '' });
    return ref;
  }

  recordLeave(stay: StayRef, input: { startOn: string; endOn: string | null; reason?: string }): void {
    this.actions.push({ t: 'leave', stay: this.known(stay), on: input.startOn, endOn: input.endOn, reason: input.reason ?? '' });
  }

  private known(stay: StayRef): StayRef {
    if (!Number.isInteger(stay) || stay < 0 || stay >= this.stays) throw new Error(`StayHistory: stay ${stay} is not one the batch opened`);
    return stay;
  }

  /**
   * Applies and writes the actions in order in one write; any rule broken refuses the whole
   * batch (the error names the field, nothing is written). Returns the stays' ids by ref.
   */
  insert(): number[] {
    const actions = this.actions.splice(0);
    this.stays = 0;
    if (actions.length === 0) return [];
    const { ctx } = this;
    const { sqlite } = ctx.db;
    return write(ctx, facility(this.facilityId), (tx) => {
      const home = requireFacility(tx, this.facilityId);
      const residential = isResidentialKind(home.kind);
      const bedIds = [...new Set(actions.flatMap((a) => (a.t === 'admit' ? [a.bedId] : a.t === 'transfer' ? [a.toBedId] : [])))];
      const bedOf = new Map(tx.select().from(beds).where(inArray(beds.id, bedIds)).all().map((b) => [b.id, b]));
      const bed = (id: number, field: string) => {
        const b = bedOf.get(id) ?? fail.notFound(ENTITY.bed, id, field);
        if (b.facilityId !== home.id) fail.validation('BED_NOT_IN_FACILITY', field, '所选床位不属于该机构', 'The bed does not belong to the facility');
        return b;
      };
      const residentIds = [...new Set(actions.flatMap((a) => (a.t === 'admit' ? [a.residentId] : [])))];
      const births = new Map(
        (sqlite.prepare('SELECT id, birth_date AS birthDate FROM residents WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(residentIds)) as Array<{ id: number; birthDate: string }>).map(
          (r) => [r.id, r.birthDate],
        ),
      );
      let earliest = actions[0]!.on;
      for (const a of actions) if (a.on < earliest) earliest = a.on;
      checkEntry(tx, earliest, {});

      const owner = recordedOwner(tx);
      const auditRow = sqlite.prepare(
        `INSERT INTO audit_log (user_id, username, action, entity, entity_id, before, after, owner) VALUES (@userId, @username, @action, 'stay', @entityId, @before, @after, @owner)`,
      );
      const audited = (action: string, entityId: number, before: unknown, after: unknown) =>
        auditRow.run({ userId: ctx.actor.userId, username: ctx.actor.username, action, entityId: String(entityId), before: before === null ? null : JSON.stringify(before), after: JSON.stringify(after), owner });
      const open = sqlite.prepare(
        'INSERT INTO stays (resident_id, facility_id, bed_id, residential, admitted_on, transferred_from_stay_id, note) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING *',
      );
      const close = sqlite.prepare('UPDATE stays SET discharged_on = ?, discharge_reason = ?, note = ? WHERE id = ? RETURNING *');
      const closeForTransfer = sqlite.prepare("UPDATE stays SET discharged_on = ?, discharge_reason = 'transfer' WHERE id = ? RETURNING *");
      const addLeave = sqlite.prepare('INSERT INTO leaves (stay_id, start_on, end_on, reason) VALUES (?, ?, ?, ?) RETURNING *');
      const endLeave = sqlite.prepare('UPDATE leaves SET end_on = ? WHERE id = ?');
      // RETURNING gives the row before the trigger draws its uid (so does drizzle's .returning(),
      // whose row the single admission audits); the row a later action audits as `before` is read back
      const uidOf = sqlite.prepare('SELECT uid FROM stays WHERE id = ?').pluck();
      const stored = (r: Stay): Stay => ({ ...r, uid: uidOf.get(r.id) as string });

      const row: Stay[] = [];
      const openLeave = new Map<StayRef, { id: number; startOn: string }>();
      /** Ends the stay's open leave on `on` (as services/stays.ts closeOpenLeave); returns its id. */
      const endOpenLeave = (ref: StayRef, on: string): number | undefined => {
        const l = openLeave.get(ref);
        if (!l) return undefined;
        checkLeaveEnds(l, on);
        endLeave.run(on, l.id);
        openLeave.delete(ref);
        return l.id;
      };
      for (const a of actions) {
        switch (a.t) {
          case 'admit': {
            notInFuture(a.on, 'admittedOn');
            checkAdmissionDate(a.on, births.get(a.residentId) ?? fail.notFound(ENTITY.resident, a.residentId, 'residentId'));
            checkBedFree(sqlite, bed(a.bedId, 'bedId'), a.on, 'bedId');
            requireOperating(sqlite, home.id, a.on, home.name);
            requireResidentFree(ctx, a.residentId, a.on, residential, home.id);
            const r = stayRow(open.get(a.residentId, home.id, a.bedId, residential ? 1 : 0, a.on, null, a.note));
            row[a.ref] = stored(r);
            audited('stay.admit', r.id, null, r);
            break;
          }
          case 'discharge': {
            notInFuture(a.on, 'dischargedOn');
            const before = row[a.stay]!;
            requireOpen(before);
            checkDischargeDate(before, a.on);
            const closedLeaveId = endOpenLeave(a.stay, a.on);
            const r = stayRow(close.get(a.on, a.reason, a.note ?? before.note, before.id));
            row[a.stay] = r;
            audited('stay.discharge', r.id, before, closedLeaveId !== undefined ? { ...r, closedLeaveId } : r);
            break;
          }
          case 'transfer': {
            notInFuture(a.on, 'transferOn');
            const before = row[a.stay]!;
            requireOpen(before);
            checkTransfer(before, a.toBedId, a.on);
            const to = bed(a.toBedId, 'toBedId');
            checkBedFree(sqlite, to, a.on, 'toBedId');
            requireOperating(sqlite, home.id, a.on, home.name);
            const closedLeaveId = endOpenLeave(a.stay, a.on);
            const closed = stayRow(closeForTransfer.get(a.on, before.id));
            row[a.stay] = closed;
            if (residential) requireResidentFree(ctx, before.residentId, a.on, true, home.id);
            const next = stayRow(open.get(before.residentId, home.id, to.id, residential ? 1 : 0, a.on, before.id, a.note));
            row[a.ref] = stored(next);
            audited('stay.transfer', before.id, before, closedLeaveId !== undefined ? { closed, opened: next, closedLeaveId } : { closed, opened: next });
            break;
          }
          case 'leave': {
            notInFuture(a.on, 'startOn');
            const stay = row[a.stay]!;
            checkLeave(sqlite, stay, a.on, a.endOn);
            const l = leaveRow(addLeave.get(stay.id, a.on, a.endOn, a.reason));
            if (l.endOn === null) openLeave.set(a.stay, { id: l.id, startOn: l.startOn });
            audited('stay.recordLeave', stay.id, null, l);
            break;
          }
        }
      }
      return row.map((r) => r.id);
    });
  }
}
