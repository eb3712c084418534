/**
 * The victim of the crash-safety test (run with `node --import tsx`): opens the database the
 * normal way and writes batches of admissions forever, each batch one write() — for every
 * bed of the test facility: discharge whoever holds it, register a new resident, admit them.
 * Batch k is tagged in the residents' names (批次k-i) and the stays' notes (batch:k).
 * It prints "ready" once open and "begin k" before each batch; the parent kills it with
 * SIGKILL at a random moment.
 *   node --import tsx tests/support/crash-child.ts DB_FILE FACILITY_NAME
 */
import { localActor } from '../../src-main/services/local-actor';
import { openDatabase } from '../../src-main/db/open';
import { addDays } from '../../src-main/domain/dates';
import { idCheckCharacter } from '../../src-main/domain/id-number';
import { write, type ServiceContext } from '../../src-main/services/context';
import { createResident } from '../../src-main/services/residents';
import { admit, discharge } from '../../src-main/services/stays';

function idNumber(batch: number, i: number): string {
  const birth = addDays('1930-01-01', batch).replaceAll('-', '');
  const body = `520602${birth}${String(i + 1).padStart(3, '0')}`;
  return body + idCheckCharacter(body);
}

function main(): void {
  const [file, facilityName] = process.argv.slice(2) as [string, string];
  const db = openDatabase(file);
  const ctx: ServiceContext = { db, actor: localActor(db, 'crash-test') };
  const facility = db.sqlite.prepare('SELECT id FROM facilities WHERE name = ?').get(facilityName) as { id: number };
  const beds = (db.sqlite.prepare('SELECT id FROM beds WHERE facility_id = ? ORDER BY id').all(facility.id) as Array<{ id: number }>).map((b) => b.id);
  const last = db.sqlite.prepare("SELECT max(CAST(substr(note, 7) AS INTEGER)) AS k FROM stays WHERE note GLOB 'batch:*'").get() as { k: number | null };
  const openStay = db.sqlite.prepare('SELECT id FROM stays WHERE bed_id = ? AND discharged_on IS NULL');
  process.stdout.write('ready\n');
  for (let batch = (last.k ?? 0) + 1; batch < 100_000; batch++) {
    const on = addDays('2000-01-01', batch);
    // stdout is a pipe, written synchronously: when the parent reads this, the batch has begun
    // (and the one before it was committed)
    process.stdout.write(`begin ${batch}\n`);
    write(ctx, { level: 'facility', facilityId: facility.id }, () => {
      beds.forEach((bedId, i) => {
        const holder = openStay.get(bedId) as { id: number } | undefined;
        if (holder) discharge(ctx, { stayId: holder.id, dischargedOn: on, dischargeReason: 'home' });
        const r = createResident(ctx, { name: `批次${batch}-${i}`, idNumber: idNumber(batch, i) });
        admit(ctx, { residentId: r.id, bedId, admittedOn: on, note: `batch:${batch}` });
      });
    });
  }
}

main();
