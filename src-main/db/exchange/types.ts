/**
 * What installs exchange (docs/exchange.md): batches of changes with the sender's
 * acknowledgements. A batch is the engine's unit; the package files of a later issue carry
 * one batch each, signed and encrypted.
 */

/** A row as the change log holds it: SQL column names; foreign keys as the uid they point to. */
export type Row = Record<string, string | number | null>;

/** One change as it travels. */
export interface WireChange {
  origin: string;
  seq: number;
  /** The seq of the first change of the same write; `last` marks the write's final change. */
  txn: number;
  last: boolean;
  tbl: string;
  rowUid: string;
  op: 'insert' | 'update' | 'delete';
  before: Row | null;
  after: Row | null;
  /** ownerKey as the origin saw it (the receiver decides with its own view). */
  owner: string;
  at: string;
}

export interface Batch {
  /** The sending install's uid (the origin of some changes, a relay of others). */
  from: string;
  /** The install it is meant for. */
  to: string;
  changes: WireChange[];
  /**
   * Per origin, the seq range this batch is complete for (after, through]: the receiver's
   * changes of that range are all in it; a seq it does not carry is not for the receiver.
   */
  ranges: Record<string, { after: number; through: number }>;
  /** What the sender has processed of each origin, through which seq (so the receiver sends only the rest). */
  acks: Record<string, number>;
  /**
   * 报送情况: the sender's own report (made now, complete through its last change) and, going
   * up, the latest report it holds of each office below it. Absent in batches of older versions.
   */
  reports?: Report[];
}

export interface Report {
  origin: string;
  /** When the origin made the package (ISO time): every change it had made by then is in. */
  madeAt: string;
  seq: number;
}

/** What became of each change of a batch at the receiver. */
export interface ReceiveReport {
  /** Changes applied now. */
  applied: number;
  /** Changes the receiver had already (duplicates, its own, or ones it relayed). */
  alreadyHad: number;
  /** Changes stored that wait for an earlier change of their origin. */
  waiting: number;
  /** Changes refused now, each with its reason; their sequence numbers are consumed. */
  refused: Array<{ origin: string; seq: number; tbl: string; rowUid: string; reason: string }>;
}
