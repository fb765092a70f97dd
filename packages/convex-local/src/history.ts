/**
 * Reads at a past timestamp (`/api/query_at_ts`, what `ConvexHttpClient.consistentQuery` calls): a
 * bounded history of document versions, and the snapshot view that queries read through.
 *
 * `documents` holds each document's current version and the commit timestamp that wrote it. When a
 * write replaces or deletes a version, that version is copied (inside SQLite, in the same transaction)
 * into `document_history` with the interval it was current, `[ts_start, ts_end)`. The state at T is then:
 * current versions written at or before T, plus the history versions whose interval contains T. Inserts
 * add no history row (a document written after T simply is not there at T).
 *
 * The window: versions that stopped being current more than `CONVEX_LOCAL_HISTORY_SECONDS` (default
 * 300) ago, or beyond the newest `CONVEX_LOCAL_HISTORY_MAX_VERSIONS` (default 100,000), are pruned in the
 * background. `floor` is the oldest timestamp still read exactly; a read below it (or above the newest
 * commit) is refused with a message naming the window. `CONVEX_LOCAL_HISTORY_SECONDS=0` keeps no history:
 * only the newest timestamp can be read.
 */
import { jsonToConvex } from "convex/values";
import type { Database } from "./sqlite.js";
import type { Doc, IndexDef, Store } from "./store.js";

export const HISTORY_SECONDS = envCount("CONVEX_LOCAL_HISTORY_SECONDS", 300);
export const HISTORY_MAX_VERSIONS = envCount("CONVEX_LOCAL_HISTORY_MAX_VERSIONS", 100_000);
/** How often the background pruning runs. */
export const HISTORY_PRUNE_INTERVAL_MS = 10_000;

function envCount(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`${name} must be a whole number, 0 or more, got ${JSON.stringify(raw)}`);
  return n;
}

/** A refused read timestamp (outside the window, in the future, malformed). */
export class HistoryError extends Error {}

function decodeDoc(json: string): Doc {
  const parsed = JSON.parse(json);
  return (json.includes('"$') ? jsonToConvex(parsed) : parsed) as Doc;
}

export class History {
  /** The oldest timestamp whose state is still complete. */
  floor: bigint;
  private stmts;

  constructor(
    private db: Database,
    currentTs: bigint,
    getMeta: (key: string) => string | undefined,
    private setMeta: (key: string, value: string) => void,
    readonly windowSeconds = HISTORY_SECONDS,
    readonly maxVersions = HISTORY_MAX_VERSIONS,
  ) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS document_history (
        id TEXT NOT NULL, table_name TEXT NOT NULL, ts_start INTEGER NOT NULL, ts_end INTEGER NOT NULL, value TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS document_history_by_id ON document_history(id, ts_end);
      CREATE INDEX IF NOT EXISTS document_history_by_table ON document_history(table_name, ts_end);
    `);
    this.stmts = {
      // The replaced version is copied row to row: no JSON crosses into JS on the write path. A second
      // write of a document in the same transaction (same ts) adds nothing: that version was never committed.
      record: db.prepare(
        "INSERT INTO document_history (id, table_name, ts_start, ts_end, value) SELECT id, table_name, ts, ?, value FROM documents WHERE id = ? AND ts < ?",
      ),
      versionAt: db.prepare("SELECT value FROM document_history WHERE id = ? AND ts_end > ? AND ts_start <= ? LIMIT 1"),
      changedAt: db.prepare("SELECT value FROM document_history WHERE table_name = ? AND ts_end > ? AND ts_start <= ?"),
      countChangedAt: db.prepare(
        "SELECT COUNT(*) AS n FROM document_history WHERE table_name = ? AND ts_end > ? AND ts_start <= ?",
      ),
      pruneTable: db.prepare("DELETE FROM document_history WHERE table_name = ? AND ts_end <= ?"),
      maxRowid: db.prepare("SELECT MAX(rowid) AS r FROM document_history"),
      minRowid: db.prepare("SELECT MIN(rowid) AS r FROM document_history"),
      endsUpTo: db.prepare("SELECT MAX(ts_end) AS t FROM document_history WHERE rowid <= ?", { bigints: true }),
      pruneRowid: db.prepare("DELETE FROM document_history WHERE rowid <= ?"),
    };
    const stored = getMeta("historyFloor");
    this.floor = stored !== undefined ? BigInt(stored) : currentTs;
    if (stored === undefined) setMeta("historyFloor", this.floor.toString());
  }

  get enabled(): boolean {
    return this.windowSeconds > 0 && this.maxVersions > 0;
  }

  /** Before `id` is replaced or deleted at `ts` (inside the write's transaction). */
  record(id: string, ts: bigint) {
    if (this.enabled) this.stmts.record.run(ts, id, ts);
  }

  /** Throws unless the state at `ts` can be read exactly. */
  check(ts: bigint, currentTs: bigint) {
    if (ts > currentTs) {
      throw new HistoryError(
        `Timestamp ${ts} is in the future: the newest commit is ${currentTs}. Use a timestamp from /api/query_ts.`,
      );
    }
    if (ts < currentTs && (!this.enabled || ts < this.floor)) {
      const window = this.enabled
        ? `the last ${this.windowSeconds} s (at most ${this.maxVersions} replaced versions; oldest readable timestamp ${this.floor})`
        : "nothing (CONVEX_LOCAL_HISTORY_SECONDS=0)";
      throw new HistoryError(
        `Timestamp ${ts} is too old to read: convex-local keeps document history for ${window}. Get a new timestamp (a new ConvexHttpClient) and retry.`,
      );
    }
  }

  versionAt(id: string, ts: bigint): Doc | null {
    const row = this.stmts.versionAt.get(id, ts, ts) as { value: string } | undefined;
    return row ? decodeDoc(row.value) : null;
  }

  /** The versions of `table` that were current at `ts` and have been replaced or deleted since. */
  changedAt(table: string, ts: bigint): Doc[] {
    return (this.stmts.changedAt.all(table, ts, ts) as { value: string }[]).map((r) => decodeDoc(r.value));
  }

  countChangedAt(table: string, ts: bigint): number {
    return (this.stmts.countChangedAt.get(table, ts, ts) as { n: number }).n;
  }

  /** Drops what fell out of the window (call under the engine lock, outside any transaction). */
  prune(currentTs: bigint, tables: string[], nowMs = Date.now()) {
    if (!this.enabled) return;
    const cutoff = BigInt(nowMs - this.windowSeconds * 1000) * 1_000_000n;
    let floor = this.floor;
    this.db.transaction(() => {
      if (cutoff > floor) {
        for (const table of tables) this.stmts.pruneTable.run(table, cutoff);
        floor = cutoff < currentTs ? cutoff : currentTs;
      }
      const max = (this.stmts.maxRowid.get() as { r: number | null }).r;
      const min = (this.stmts.minRowid.get() as { r: number | null }).r;
      if (max !== null && min !== null && max - min + 1 > this.maxVersions) {
        const upTo = max - this.maxVersions;
        const ended = (this.stmts.endsUpTo.get(upTo) as { t: bigint | null }).t;
        this.stmts.pruneRowid.run(upTo);
        if (ended !== null && ended > floor) floor = ended;
      }
      if (floor !== this.floor) this.setMeta("historyFloor", floor.toString());
    });
    this.floor = floor;
  }
}

/**
 * The database as it was at `ts`, for queries: point reads, index range scans (current entries written
 * at or before `ts`, merged in key order with the history versions current at `ts`) and counts.
 */
export class Snapshot {
  private changed = new Map<string, Doc[]>();

  constructor(
    private store: Store,
    private history: History,
    readonly ts: bigint,
  ) {}

  get(id: string): { table: string; doc: Doc } | null {
    const current = this.store.getVersion(id);
    if (current && current.ts <= this.ts) return { table: current.table, doc: current.doc };
    const old = this.history.versionAt(id, this.ts);
    return old ? { table: current?.table ?? "", doc: old } : null;
  }

  private changedOf(table: string): Doc[] {
    let docs = this.changed.get(table);
    if (!docs) this.changed.set(table, (docs = this.history.changedAt(table, this.ts)));
    return docs;
  }

  *scan(def: IndexDef, lower: Buffer, upper: Buffer, order: "asc" | "desc"): Generator<{ key: Buffer; doc: Doc }> {
    const older = this.changedOf(def.table)
      .map((doc) => ({ key: this.store.indexKey(def, doc), doc }))
      .filter((r) => Buffer.compare(r.key, lower) >= 0 && Buffer.compare(r.key, upper) < 0)
      .sort((a, b) => (order === "asc" ? Buffer.compare(a.key, b.key) : Buffer.compare(b.key, a.key)));
    let i = 0;
    const before = (a: Buffer, b: Buffer) => (order === "asc" ? Buffer.compare(a, b) < 0 : Buffer.compare(a, b) > 0);
    for (const { key, id } of this.store.scan(def.name, lower, upper, order)) {
      const current = this.store.getVersion(id);
      if (!current || current.ts > this.ts) continue;
      while (i < older.length && before(older[i].key, key)) yield older[i++];
      yield { key, doc: current.doc };
    }
    while (i < older.length) yield older[i++];
  }

  count(table: string): number {
    return this.store.countWrittenBy(table, this.ts) + this.history.countChangedAt(table, this.ts);
  }
}
