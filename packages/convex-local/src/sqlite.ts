/**
 * SQLite through Node's built-in `node:sqlite` (Node ≥ 22.13; stable enough in Node 24 that it prints no
 * warning): no native module to compile at install, so convex-local installs the same on every Node that
 * has it. This file is the only one that imports it; the rest of the package sees the few things it needs:
 *
 *   - `Database.transaction(fn)`: runs `fn` in a transaction now (not a wrapper to call later), nesting
 *     through a savepoint when one is already open, and rolls back on a throw.
 *   - `Database.pragma(sql)`: `PRAGMA sql` and its rows.
 *   - `prepare(sql, { arrays, bigints })`: rows as arrays (no per-row object), integers as `bigint` (the
 *     nanosecond commit timestamps do not fit a double; `node:sqlite` throws on such a value otherwise).
 *
 * What differs from the better-sqlite3 API this package used before: statements are `StatementSync`
 * (rows are null-prototype objects; BLOBs come back as `Uint8Array`, so a reader wanting a `Buffer`
 * wraps it with `asBuffer`, no copy), and every JavaScript number is bound as REAL (INTEGER columns
 * convert it back; `LIMIT ?` accepts it).
 */
import { DatabaseSync, type StatementSync } from "node:sqlite";

export type Statement = StatementSync;
export type SqlValue = null | number | bigint | string | Uint8Array;

/** How a statement returns rows. */
export type StatementOptions = {
  /** Rows as arrays in column order instead of objects. */
  arrays?: boolean;
  /** INTEGER values as `bigint` (exact beyond 2^53). */
  bigints?: boolean;
};

/** A savepoint name no caller uses (as better-sqlite3 did): nested `transaction` calls stack it. */
const NESTED = '"\t_tx\t"';

export class Database {
  readonly raw: DatabaseSync;
  private control = new Map<string, StatementSync>();

  constructor(file: string) {
    this.raw = new DatabaseSync(file);
  }

  get inTransaction(): boolean {
    return this.raw.isTransaction;
  }

  exec(sql: string): void {
    this.raw.exec(sql);
  }

  prepare(sql: string, options: StatementOptions = {}): StatementSync {
    const stmt = this.raw.prepare(sql);
    if (options.arrays) stmt.setReturnArrays(true);
    if (options.bigints) stmt.setReadBigInts(true);
    return stmt;
  }

  /** `PRAGMA <sql>` (e.g. `journal_mode = WAL`); returns its rows. */
  pragma(sql: string): unknown[] {
    return this.raw.prepare(`PRAGMA ${sql}`).all();
  }

  /** Transaction-control statements, prepared once (a mutation runs several; `exec` would re-parse each). */
  private run(sql: string) {
    let stmt = this.control.get(sql);
    if (!stmt) this.control.set(sql, (stmt = this.raw.prepare(sql)));
    stmt.run();
  }

  /**
   * Runs `fn` inside a transaction: BEGIN…COMMIT at the top level, SAVEPOINT…RELEASE inside an open
   * transaction. A throw rolls back what `fn` did (if SQLite has not already) and is rethrown. `fn` must
   * be synchronous: a promise would commit before its work ran.
   */
  transaction<T>(fn: () => T): T {
    const nested = this.raw.isTransaction;
    this.run(nested ? `SAVEPOINT ${NESTED}` : "BEGIN");
    let result: T;
    try {
      result = fn();
      if (result instanceof Promise) throw new TypeError("A transaction function must not return a promise");
    } catch (e) {
      if (this.raw.isTransaction) {
        if (nested) {
          this.run(`ROLLBACK TO ${NESTED}`);
          this.run(`RELEASE ${NESTED}`);
        } else this.run("ROLLBACK");
      }
      throw e;
    }
    this.run(nested ? `RELEASE ${NESTED}` : "COMMIT");
    return result;
  }

  close(): void {
    this.control.clear();
    this.raw.close();
  }
}

/** A BLOB read back (a `Uint8Array`) as a `Buffer` over the same memory. */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
