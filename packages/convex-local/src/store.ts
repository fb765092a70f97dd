/**
 * Durable document store on SQLite: documents, the index entries that make
 * index range queries cheap, the search indexes' postings (search-index.ts),
 * table numbers, and the commit timestamp.
 * WAL with synchronous=NORMAL: a committed transaction survives the process
 * being killed (the OS keeps the WAL), which is the durability we promise.
 */
import { convexToJson, jsonToConvex, type Value } from "convex/values";
import fs from "node:fs";
import path from "node:path";
import { afterPrefix, encodeKey } from "./keys.js";
import type { SearchFilter, SearchIndexDef } from "./search.js";
import { SearchIndexes } from "./search-index.js";
import { History } from "./history.js";
import { VectorIndexes, type VectorIndexDef } from "./vector-index.js";
import { asBuffer, Database, type Statement } from "./sqlite.js";

export type Doc = Record<string, Value> & { _id: string; _creationTime: number };

export type IndexDef = {
  /** `table.indexName` */
  name: string;
  table: string;
  /** Full key fields, ending with `_creationTime` and `_id` as in Convex. */
  fields: string[];
};

export const SYSTEM_TABLES = ["_storage", "_scheduled_functions"] as const;

export function fieldValue(doc: Doc, fieldPath: string): Value | undefined {
  if (!fieldPath.includes(".")) return doc[fieldPath]; // the common case, without splitting
  let cur: unknown = doc;
  for (const part of fieldPath.split(".")) {
    if (cur === null || typeof cur !== "object" || Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur as Value | undefined;
}

export function defaultIndexes(table: string): IndexDef[] {
  return [
    { name: `${table}.by_id`, table, fields: ["_id"] },
    { name: `${table}.by_creation_time`, table, fields: ["_creationTime", "_id"] },
  ];
}

export class Store {
  readonly db: Database;
  private indexes = new Map<string, IndexDef>();
  private indexesByTable = new Map<string, IndexDef[]>();
  private tableNumbers = new Map<string, number>();
  private namesByNumber = new Map<number, string>();
  private lastTs: bigint;
  private stmts;
  private search: SearchIndexes;
  /** Vector indexes (vector-index.ts): changed on commit only, so every mutation boundary tells them. */
  readonly vectors: VectorIndexes;
  /** Replaced versions for reads at a past timestamp (history.ts). */
  readonly history: History;
  private vectorMarks = new Map<string, number[]>();

  /** `open` is for the benchmark, which runs this layer over another SQLite binding too. */
  constructor(dataDir: string, open: (file: string) => Database = (file) => new Database(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    this.db = open(path.join(dataDir, "convex-local.sqlite3"));
    // One process owns the database: exclusive locking skips per-statement file locks.
    this.db.pragma("locking_mode = EXCLUSIVE");
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = NORMAL");
    // Savepoints (one per mutation in a group) keep their statement journals in memory, not in temp files.
    this.db.pragma("temp_store = MEMORY");
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS tables (name TEXT PRIMARY KEY, number INTEGER NOT NULL UNIQUE);
      CREATE TABLE IF NOT EXISTS documents (
        id TEXT PRIMARY KEY, table_name TEXT NOT NULL, ts INTEGER NOT NULL, value TEXT NOT NULL) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS index_entries (
        index_name TEXT NOT NULL, key BLOB NOT NULL, id TEXT NOT NULL,
        PRIMARY KEY (index_name, key)) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS scheduler_queue (id TEXT PRIMARY KEY, run_at REAL NOT NULL);
      CREATE INDEX IF NOT EXISTS scheduler_queue_by_time ON scheduler_queue(run_at);
    `);
    this.stmts = {
      getDoc: this.db.prepare("SELECT table_name, value FROM documents WHERE id = ?", { arrays: true }),
      putDoc: this.db.prepare(
        "INSERT INTO documents (id, table_name, ts, value) VALUES (?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET value = excluded.value, ts = excluded.ts",
      ),
      delDoc: this.db.prepare("DELETE FROM documents WHERE id = ?"),
      putEntry: this.db.prepare("INSERT INTO index_entries (index_name, key, id) VALUES (?, ?, ?)"),
      delEntry: this.db.prepare("DELETE FROM index_entries WHERE index_name = ? AND key = ?"),
      // Scans return [key, id] arrays: no object per index entry.
      scanAsc: this.db.prepare(
        "SELECT key, id FROM index_entries WHERE index_name = ? AND key >= ? AND key < ? ORDER BY key ASC LIMIT ?",
        { arrays: true },
      ),
      scanDesc: this.db.prepare(
        "SELECT key, id FROM index_entries WHERE index_name = ? AND key >= ? AND key < ? ORDER BY key DESC LIMIT ?",
        { arrays: true },
      ),
      count: this.db.prepare("SELECT COUNT(*) AS n FROM index_entries WHERE index_name = ?"),
      setMeta: this.db.prepare(
        "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
      ),
      getMeta: this.db.prepare("SELECT value FROM meta WHERE key = ?"),
      getVersion: this.db.prepare("SELECT table_name, ts, value FROM documents WHERE id = ?", { bigints: true }),
      countWrittenBy: this.db.prepare(
        "SELECT COUNT(*) AS n FROM index_entries e JOIN documents d ON d.id = e.id WHERE e.index_name = ? AND d.ts <= ?",
      ),
    };
    this.search = new SearchIndexes(this.db);
    this.vectors = new VectorIndexes(this.db);
    for (const row of this.db.prepare("SELECT name, number FROM tables").all() as { name: string; number: number }[]) {
      this.tableNumbers.set(row.name, row.number);
      this.namesByNumber.set(row.number, row.name);
    }
    SYSTEM_TABLES.forEach((t, i) => this.registerTable(t, i + 1));
    // Timestamps are not written per commit: recover the newest one on start.
    const newestDoc = (
      this.db.prepare("SELECT MAX(ts) AS ts FROM documents", { bigints: true }).get() as { ts: bigint | null }
    ).ts;
    const stored = BigInt(this.getMeta("ts") ?? "0");
    this.lastTs = newestDoc !== null && newestDoc > stored ? newestDoc : stored;
    this.history = new History(
      this.db,
      this.lastTs,
      (k) => this.getMeta(k),
      (k, v) => this.setMeta(k, v),
    );
  }

  close() {
    this.setMeta("ts", this.lastTs.toString());
    this.db.close();
  }

  getMeta(key: string): string | undefined {
    return (this.stmts.getMeta.get(key) as { value: string } | undefined)?.value;
  }

  setMeta(key: string, value: string) {
    this.stmts.setMeta.run(key, value);
  }

  private registerTable(name: string, number: number) {
    if (this.tableNumbers.has(name)) return;
    this.db.prepare("INSERT INTO tables (name, number) VALUES (?, ?)").run(name, number);
    this.tableNumbers.set(name, number);
    this.namesByNumber.set(number, name);
  }

  tableNames(): string[] {
    return [...this.tableNumbers.keys()];
  }

  /** The number of a table, allocating one for a new user table. */
  tableNumber(name: string): number {
    const existing = this.tableNumbers.get(name);
    if (existing !== undefined) return existing;
    const next = Math.max(10000, ...this.namesByNumber.keys()) + 1;
    this.registerTable(name, next);
    return next;
  }

  tableName(number: number): string | undefined {
    return this.namesByNumber.get(number);
  }

  /**
   * Registers `name` under `number` (a snapshot import keeps document ids, and ids carry the table number);
   * a clash with what this store has is an error naming both.
   */
  claimTableNumber(name: string, number: number) {
    const existing = this.tableNumbers.get(name);
    if (existing === number) return;
    if (existing !== undefined)
      throw new Error(
        `Table "${name}" has table number ${existing} here but ${number} in the snapshot, so its document ids cannot be kept`,
      );
    const owner = this.namesByNumber.get(number);
    if (owner !== undefined)
      throw new Error(
        `Table number ${number} of table "${name}" in the snapshot belongs to table "${owner}" here, so its document ids cannot be kept`,
      );
    this.registerTable(name, number);
  }

  /** A fresh commit timestamp in nanoseconds, strictly above every earlier one. */
  nextTs(): bigint {
    const now = BigInt(Date.now()) * 1_000_000n;
    this.lastTs = now > this.lastTs ? now : this.lastTs + 1n;
    return this.lastTs;
  }

  currentTs(): bigint {
    return this.lastTs;
  }

  /** Installs the index set; entries of new or changed indexes are rebuilt from the documents. */
  setIndexes(defs: IndexDef[]) {
    const wanted = new Map(defs.map((d) => [d.name, d]));
    const stored = JSON.parse(this.getMeta("indexes") ?? "{}") as Record<string, string[]>;
    this.transaction(() => {
      for (const [name, fields] of Object.entries(stored)) {
        const def = wanted.get(name);
        if (!def || JSON.stringify(def.fields) !== JSON.stringify(fields)) {
          this.db.prepare("DELETE FROM index_entries WHERE index_name = ?").run(name);
          delete stored[name];
        }
      }
      for (const def of defs) {
        if (stored[def.name]) continue;
        for (const doc of this.tableDocs(def.table)) {
          this.stmts.putEntry.run(def.name, this.indexKey(def, doc), doc._id);
        }
        stored[def.name] = def.fields;
      }
      this.setMeta("indexes", JSON.stringify(stored));
    });
    this.indexes = wanted;
    this.indexesByTable = new Map();
    for (const def of defs) {
      const list = this.indexesByTable.get(def.table) ?? [];
      list.push(def);
      this.indexesByTable.set(def.table, list);
    }
  }

  /** Installs the search indexes; new, changed or missing ones are rebuilt from their tables. */
  setSearchIndexes(defs: SearchIndexDef[]) {
    this.transaction(() => {
      const stored = JSON.parse(this.getMeta("searchIndexes") ?? "{}") as Record<string, string>;
      this.search.setDefs(defs, stored, (table) => this.tableDocs(table));
      this.setMeta("searchIndexes", JSON.stringify(stored));
    });
  }

  /** Installs the vector indexes; new, changed or missing ones are rebuilt from their tables, then loaded into memory. */
  setVectorIndexes(defs: VectorIndexDef[]) {
    this.transaction(() => {
      const stored = JSON.parse(this.getMeta("vectorIndexes") ?? "{}") as Record<string, string>;
      this.vectors.setDefs(defs, stored, (table) => this.tableDocs(table));
      this.setMeta("vectorIndexes", JSON.stringify(stored));
    });
  }

  /** The current version of a document with the commit timestamp that wrote it. */
  getVersion(id: string): { table: string; doc: Doc; ts: bigint } | null {
    const row = this.stmts.getVersion.get(id) as { table_name: string; ts: bigint; value: string } | undefined;
    return row ? { table: row.table_name, doc: decodeDoc(row.value), ts: row.ts } : null;
  }

  /** Documents of `table` whose current version was written at or before `ts`. */
  countWrittenBy(table: string, ts: bigint): number {
    return (this.stmts.countWrittenBy.get(`${table}.by_creation_time`, ts) as { n: number }).n;
  }

  /** A search query's matching ids, best first (see search-index.ts). */
  searchRanked(def: SearchIndexDef, filters: SearchFilter[]): string[] {
    return this.search.rank(def, filters);
  }

  index(name: string): IndexDef | undefined {
    return this.indexes.get(name);
  }

  private indexesFor(table: string): IndexDef[] {
    let list = this.indexesByTable.get(table);
    if (!list) {
      // A table that the schema does not name still gets the default indexes.
      list = defaultIndexes(table);
      this.setIndexes([...this.indexes.values(), ...list]);
    }
    return list;
  }

  indexKey(def: IndexDef, doc: Doc): Buffer {
    return encodeKey(def.fields.map((f) => fieldValue(doc, f)));
  }

  private *tableDocs(table: string): Generator<Doc> {
    // All rows first: callers write index entries as they go, and SQLite cannot write on a connection mid-iteration.
    const rows = this.db.prepare("SELECT value FROM documents WHERE table_name = ?").all(table);
    for (const row of rows as Iterable<{ value: string }>) yield decodeDoc(row.value);
  }

  get(id: string): { table: string; doc: Doc } | null {
    const row = this.stmts.getDoc.get(id) as unknown as [table: string, value: string] | undefined;
    if (!row) return null;
    return { table: row[0], doc: decodeDoc(row[1]) };
  }

  /** Writes (or, with `doc` null, deletes) a document and keeps its index entries in step. */
  write(table: string, id: string, doc: Doc | null, ts: bigint, known?: { old: Doc | null; json: string }) {
    // The caller may already hold the previous version and the serialized document (documents.ts does).
    const old = known ? (known.old ? { table, doc: known.old } : null) : this.get(id);
    const defs = this.indexesFor(table);
    if (old) for (const def of defs) this.stmts.delEntry.run(def.name, this.indexKey(def, old.doc));
    if (old) this.history.record(id, ts);
    this.search.update(table, id, old?.doc ?? null, doc);
    this.vectors.update(table, id, old?.doc ?? null, doc);
    if (doc === null) {
      this.stmts.delDoc.run(id);
      return;
    }
    this.stmts.putDoc.run(id, table, ts, known?.json ?? JSON.stringify(convexToJson(doc)));
    for (const def of defs) this.stmts.putEntry.run(def.name, this.indexKey(def, doc), id);
  }

  count(table: string): number {
    return (this.stmts.count.get(`${table}.by_creation_time`) as { n: number }).n;
  }

  /**
   * Walks an index between `lower` (inclusive) and `upper` (exclusive) in key
   * order, reading in batches so writes made during the walk are handled.
   */
  *scan(
    indexName: string,
    lower: Buffer,
    upper: Buffer,
    order: "asc" | "desc",
  ): Generator<{ key: Buffer; id: string }> {
    let lo = lower;
    let hi = upper;
    const stmt = order === "asc" ? this.stmts.scanAsc : this.stmts.scanDesc;
    for (;;) {
      const rows = stmt.all(indexName, lo, hi, 64) as unknown as [key: Uint8Array, id: string][];
      for (const [key, id] of rows) yield { key: asBuffer(key), id };
      if (rows.length < 64) return;
      const last = asBuffer(rows[rows.length - 1][0]);
      if (order === "asc") lo = afterKey(last);
      else hi = last;
    }
  }

  transaction<T>(fn: () => T): T {
    const outer = !this.db.inTransaction;
    const mark = this.vectors.mark();
    try {
      const result = this.db.transaction(fn);
      if (outer) this.vectors.commit();
      return result;
    } catch (e) {
      this.search.invalidate(); // rolled back: rankings may hold what was undone
      this.vectors.rollbackTo(mark);
      throw e;
    }
  }

  /** Transaction control as prepared statements (group commit runs several per mutation; exec re-parses). */
  private control(sql: string): Statement {
    let stmt = this.controlStmts.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      // The group savepoint ("g") repeats; nested ones have one-off names and go through exec.
      if (this.controlStmts.size < 4096) this.controlStmts.set(sql, stmt);
    }
    return stmt;
  }
  private controlStmts = new Map<string, Statement>();

  begin() {
    this.control("BEGIN IMMEDIATE").run();
  }
  commit() {
    this.control("COMMIT").run();
    this.vectors.commit();
  }
  rollback() {
    this.search.invalidate();
    this.vectors.rollbackTo(0);
    this.vectorMarks.clear();
    if (this.db.inTransaction) this.db.exec("ROLLBACK");
  }
  savepoint(name: string) {
    if (name.startsWith("g")) this.control(`SAVEPOINT ${name}`).run();
    else this.db.exec(`SAVEPOINT ${name}`);
    const marks = this.vectorMarks.get(name) ?? [];
    marks.push(this.vectors.mark());
    this.vectorMarks.set(name, marks);
  }
  release(name: string) {
    if (name.startsWith("g")) this.control(`RELEASE ${name}`).run();
    else this.db.exec(`RELEASE ${name}`);
    this.popMark(name);
  }
  rollbackTo(name: string) {
    this.search.invalidate();
    this.db.exec(`ROLLBACK TO ${name}; RELEASE ${name}`);
    this.vectors.rollbackTo(this.popMark(name));
  }
  private popMark(name: string): number {
    const marks = this.vectorMarks.get(name);
    const mark = marks?.pop() ?? this.vectors.mark();
    if (marks && marks.length === 0) this.vectorMarks.delete(name);
    return mark;
  }

  scheduleAt(id: string, runAtMs: number | null) {
    if (runAtMs === null) this.db.prepare("DELETE FROM scheduler_queue WHERE id = ?").run(id);
    else
      this.db
        .prepare(
          "INSERT INTO scheduler_queue (id, run_at) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET run_at = excluded.run_at",
        )
        .run(id, runAtMs);
  }

  dueJobs(nowMs: number, limit: number): string[] {
    return (
      this.db.prepare("SELECT id FROM scheduler_queue WHERE run_at <= ? ORDER BY run_at LIMIT ?").all(nowMs, limit) as {
        id: string;
      }[]
    ).map((r) => r.id);
  }

  nextJobTime(): number | null {
    const row = this.db.prepare("SELECT MIN(run_at) AS t FROM scheduler_queue").get() as { t: number | null };
    return row.t;
  }
}

/**
 * A stored document. Only `int64` and `bytes` values are encoded as `{"$integer": …}` / `{"$bytes": …}`
 * (field names cannot start with `$`), so JSON without `"$` is the document as it is.
 */
function decodeDoc(json: string): Doc {
  const parsed = JSON.parse(json);
  return (json.includes('"$') ? jsonToConvex(parsed) : parsed) as Doc;
}

/** The smallest key strictly greater than `key` itself (not its extensions). */
function afterKey(key: Buffer): Buffer {
  return Buffer.concat([key, Buffer.from([0])]);
}

export { afterPrefix };
