/**
 * Who may write a record: the most specific install that holds its owner. The city holds
 * everything until it enrols a county; a county holds its county until it enrols a facility;
 * an enrolled facility holds its own records. An install held an owner from its own enrolment
 * until it enrolled the next one down — measured in its own sequence numbers, so a change it
 * made before enrolling a facility is still its own wherever and whenever it arrives.
 *
 * A revoked install (a PC that died, re-enrolled) held its owners through the last of its
 * changes its section had accepted (`revoked_through`); later ones are refused. Its section
 * holds the owner again from the revocation, until the replacement is enrolled.
 */
import type { Sqlite } from '../connection';
import type { InstallLevel } from '../../domain/install-place';

interface InstallRow {
  uid: string;
  level: InstallLevel;
  regionCode: string;
  facilityUid: string | null;
  enrolledBy: string | null;
  revokedThrough: number | null;
  replaces: string | null;
}

export interface Refusal {
  code: 'NOT_OWNER' | 'HELD_BELOW' | 'NOT_ENROLLED' | 'REVOKED';
  zh: string;
  en: string;
}

const RANK: Record<InstallLevel, number> = { province: 0, city: 1, county: 2, facility: 3 };

export class Holders {
  private readonly all;
  private readonly enrolmentSeq;
  private readonly revocationSeq;
  private readonly facilityRegion;
  private readonly facilityName;
  private rows: InstallRow[] | undefined;

  constructor(sqlite: Sqlite) {
    this.all = sqlite.prepare('SELECT uid, level, region_code AS regionCode, facility_uid AS facilityUid, enrolled_by AS enrolledBy, revoked_through AS revokedThrough, replaces FROM installs');
    this.enrolmentSeq = sqlite
      .prepare("SELECT min(seq) FROM change_log WHERE origin = ? AND tbl = 'installs' AND row_uid = ? AND op = 'insert' AND state IN ('local', 'applied')")
      .pluck();
    this.revocationSeq = sqlite
      .prepare(
        "SELECT min(seq) FROM change_log WHERE origin = ? AND tbl = 'installs' AND row_uid = ? AND op = 'update' AND json_extract(after, '$.revoked_at') IS NOT NULL AND state IN ('local', 'applied')",
      )
      .pluck();
    this.facilityRegion = sqlite.prepare('SELECT region_code FROM facilities WHERE uid = ?').pluck();
    this.facilityName = sqlite.prepare('SELECT name FROM facilities WHERE uid = ?').pluck();
  }

  /** The registry changed (an enrolment applied): read it again. */
  forget(): void {
    this.rows = undefined;
  }

  private installs(): InstallRow[] {
    this.rows ??= this.all.all() as InstallRow[];
    return this.rows;
  }

  known(uid: string): boolean {
    return this.installs().some((i) => i.uid === uid);
  }

  /**
   * The installs that hold an owner, widest first, as `origin` saw them at its change `seq`
   * (undefined: now, here). A revoked install is left out, but for its own changes and for
   * those its section made before revoking it; the install replacing it is left out when the
   * revoked one's own changes are judged.
   */
  chain(owner: string, origin?: string, seq?: number): InstallRow[] {
    const counts = (i: InstallRow): boolean => {
      if (i.uid === origin) return true;
      if (origin !== undefined && i.replaces === origin) return false;
      if (i.revokedThrough === null) return true;
      if (seq === undefined || i.enrolledBy !== origin) return false;
      const revokedAt = this.revocationSeq.get(origin, i.uid) as number | null;
      return revokedAt === null || seq < revokedAt;
    };
    return this.everHeld(owner).filter(counts);
  }

  /** Every install that holds or held an owner, revoked ones included, widest first. */
  everHeld(owner: string): InstallRow[] {
    const [level, id] = owner.split(':') as [string, string | undefined];
    const county = level === 'county' ? id : level === 'facility' ? ((this.facilityRegion.get(id) as string | undefined) ?? null) : null;
    return this.installs()
      .filter((i) => {
        if (i.level === 'province' || i.level === 'city') return true;
        if (i.level === 'county') return county !== null && i.regionCode === county;
        return level === 'facility' && i.facilityUid === id;
      })
      .sort((a, b) => RANK[a.level] - RANK[b.level]);
  }

  /** The owner in words: 市级 / 区县 520602 / the facility's name. */
  ownerText(owner: string): { zh: string; en: string } {
    const [level, id] = owner.split(':');
    if (level === 'county') return { zh: `区县 ${id}`, en: `county ${id}` };
    if (level === 'facility') {
      const name = (this.facilityName.get(id) as string | undefined) ?? id!;
      return { zh: `机构“${name}”`, en: `facility "${name}"` };
    }
    return { zh: '市级', en: 'the city' };
  }

  /**
   * May `origin` write a record of `owner`? `seq` is the change's number in origin's sequence;
   * undefined for a write being made here now. Null when it may, else why not — said for a
   * receiver when `seq` is given, for the user making the write when it is not.
   */
  refusal(origin: string, owner: string, seq: number | undefined): Refusal | null {
    const local = seq === undefined;
    const self = this.installs().find((i) => i.uid === origin);
    if (self && self.revokedThrough !== null && (local || seq > self.revokedThrough))
      return local
        ? { code: 'REVOKED', zh: '本机的密钥已被上级单位吊销（已重新登记另一台电脑），不能再登记', en: "This install's key was revoked by its section (another PC was enrolled in its place); it can no longer register anything" }
        : { code: 'REVOKED', zh: '发送方的密钥已被吊销，吊销后的修改不予接受', en: "The sender's key was revoked; its changes after the revocation are not accepted" };
    const chain = this.chain(owner, origin, seq);
    const what = this.ownerText(owner);
    const at = chain.findIndex((i) => i.uid === origin);
    if (at < 0) {
      if (chain.length === 0 && local)
        return { code: 'NOT_ENROLLED', zh: '本机尚未加入上级单位的数据交换，暂不能登记', en: 'This install has not joined its section yet' };
      return local
        ? { code: 'NOT_OWNER', zh: `该记录属于${what.zh}，不由本机维护，只能查看`, en: `The record belongs to ${what.en} and is not kept here; it is read-only` }
        : { code: 'NOT_OWNER', zh: `发送方不维护该记录（${what.zh}）`, en: `The sender does not keep the record (${what.en})` };
    }
    if (at === chain.length - 1) return null;
    const next = chain[at + 1]!;
    const held = local
      ? { zh: `该记录（${what.zh}）已由${levelZh(next.level)}端维护，本机只能查看`, en: `The record (${what.en}) is kept by the ${next.level} install; it is read-only here` }
      : { zh: `该记录（${what.zh}）已由${levelZh(next.level)}端维护，发送方不能再修改`, en: `The record (${what.en}) is kept by the ${next.level} install; the sender may no longer change it` };
    if (next.enrolledBy !== origin || local) return { code: 'HELD_BELOW', ...held };
    // made before origin enrolled the next office down: its own then
    const enrolledAt = this.enrolmentSeq.get(origin, next.uid) as number | null;
    return enrolledAt === null || seq < enrolledAt ? null : { code: 'HELD_BELOW', ...held };
  }
}

function levelZh(level: InstallLevel): string {
  return { province: '省级', city: '市级', county: '区县', facility: '机构' }[level];
}
