/**
 * Executes the serialized queries that `ctx.db.query(...)` sends: index range
 * scans, full table scans, search, filter and limit operators, and pages with
 * stable continuation cursors (a cursor is the index key of the last document
 * returned, so inserts before or after it never shift the next page).
 */
import { jsonToConvex, type Value } from "convex/values";
import { afterPrefix, encodeKey } from "./keys.js";
import { matches } from "./filters.js";
import { search, type SearchFilter, type SearchIndexDef } from "./search.js";
import type { Snapshot } from "./history.js";
import type { Doc, IndexDef, Store } from "./store.js";

type RangeExpr = { type: "Eq" | "Gt" | "Gte" | "Lt" | "Lte"; fieldPath: string; value: unknown };
type Source =
  | { type: "FullTableScan"; tableName: string; order: "asc" | "desc" | null }
  | { type: "IndexRange"; indexName: string; range: RangeExpr[]; order: "asc" | "desc" | null }
  | { type: "Search"; indexName: string; filters: { type: "Search" | "Eq"; fieldPath: string; value: unknown }[] };
export type SerializedQuery = { source: Source; operators: ({ filter: unknown } | { limit: number })[] };

export type QueryEnv = {
  store: Store;
  searchIndex(name: string): SearchIndexDef | undefined;
  /** Called with each table a query reads, for subscription invalidation. */
  onRead(table: string): void;
  /** Whether this table may be read here (system tables only through `db.system`). */
  checkTable(table: string): void;
  /** Set for a read at a past timestamp: documents and index ranges as they were then (history.ts). */
  snapshot?: Snapshot;
  /** Whether `table.index` is a staged index (defined with `staged: true`, not queryable). */
  isStaged?(name: string): boolean;
};

/** Convex's refusal of a query on a staged index (indexing/src/index_registry.rs). */
export function stagedIndexError(name: string): Error {
  return new Error(`Index ${name} is currently staged and not available to query until it is enabled.`);
}

export type Row = { key: Buffer; doc: Doc };
const ZERO = Buffer.alloc(0);
const MAX = Buffer.from([0xff]);

function toValue(json: unknown): Value | undefined {
  if (json !== null && typeof json === "object" && "$undefined" in (json as object)) return undefined;
  return jsonToConvex(json as never);
}

export function indexBounds(def: IndexDef, range: RangeExpr[]): { lower: Buffer; upper: Buffer } {
  const userFields = def.fields;
  let i = 0;
  const prefix: (Value | undefined)[] = [];
  let lower: Buffer | null = null;
  let upper: Buffer | null = null;
  for (const expr of range) {
    if (expr.type === "Eq") {
      if (lower || upper || userFields[i] !== expr.fieldPath) {
        throw new Error(
          `Index range for ${def.name} must compare fields in index order (${userFields.join(", ")}): ` +
            `unexpected eq("${expr.fieldPath}")`,
        );
      }
      prefix.push(toValue(expr.value));
      i++;
      continue;
    }
    if (userFields[i] !== expr.fieldPath) {
      throw new Error(
        `Index range for ${def.name} must compare fields in index order (${userFields.join(", ")}): ` +
          `unexpected ${expr.type.toLowerCase()}("${expr.fieldPath}")`,
      );
    }
    const bound = encodeKey([...prefix, toValue(expr.value)]);
    if (expr.type === "Gt") lower = afterPrefix(bound);
    else if (expr.type === "Gte") lower = bound;
    else if (expr.type === "Lt") upper = bound;
    else upper = afterPrefix(bound);
  }
  const p = encodeKey(prefix);
  return { lower: lower ?? p, upper: upper ?? (prefix.length ? afterPrefix(p) : MAX) };
}

function* applyOperators(rows: Iterable<Row>, operators: SerializedQuery["operators"]): Generator<Row> {
  const limits = operators.map((op) => ("limit" in op ? op.limit : Infinity));
  const counts = operators.map(() => 0);
  rowLoop: for (const row of rows) {
    for (let i = 0; i < operators.length; i++) {
      const op = operators[i];
      if ("filter" in op) {
        if (!matches(op.filter, row.doc)) continue rowLoop;
      } else {
        if (counts[i] >= limits[i]) return;
        counts[i]++;
      }
    }
    yield row;
  }
}

export type Window = { after?: Buffer; through?: Buffer };

/** `CONVEX_LOCAL_SEARCH=scan`: rank by scanning the table (search.ts), the reference for the inverted index. */
const searchByScan = () => process.env.CONVEX_LOCAL_SEARCH === "scan";

function* rankedRows(docs: (() => Doc | null)[], firstRank: number): Generator<Row> {
  for (let i = 0; i < docs.length; i++) {
    const doc = docs[i]();
    if (!doc) continue;
    const key = Buffer.alloc(4);
    key.writeUInt32BE(firstRank + i);
    yield { key, doc };
  }
}

function* scanIndex(env: QueryEnv, def: IndexDef, lower: Buffer, upper: Buffer, order: "asc" | "desc", win: Window) {
  let lo = lower;
  let hi = upper;
  if (order === "asc") {
    if (win.after && Buffer.compare(win.after, lo) >= 0) lo = Buffer.concat([win.after, ZERO, Buffer.from([0])]);
    if (win.through) {
      const end = Buffer.concat([win.through, Buffer.from([0])]);
      if (Buffer.compare(end, hi) < 0) hi = end;
    }
  } else {
    if (win.after && Buffer.compare(win.after, hi) < 0) hi = win.after;
    if (win.through && Buffer.compare(win.through, lo) > 0) lo = win.through;
  }
  if (Buffer.compare(lo, hi) >= 0) return;
  if (env.snapshot) {
    yield* env.snapshot.scan(def, lo, hi, order);
    return;
  }
  for (const { key, id } of env.store.scan(def.name, lo, hi, order)) {
    const found = env.store.get(id);
    if (found) yield { key, doc: found.doc };
  }
}

/** All rows of a query, in order, optionally restricted to a window after a cursor. */
export function* execute(env: QueryEnv, query: SerializedQuery, win: Window = {}): Generator<Row> {
  const source = query.source;
  if (source.type === "Search") {
    const def = env.searchIndex(source.indexName);
    if (!def && env.isStaged?.(source.indexName)) throw stagedIndexError(source.indexName);
    if (!def) throw new Error(`Search index not found: ${source.indexName}`);
    env.checkTable(def.table);
    env.onRead(def.table);
    const filters = source.filters.map((f) => ({ ...f, value: toValue(f.value) })) as SearchFilter[];
    // A row's key is its rank: a cursor is the rank of the last row returned.
    const start = win.after ? win.after.readUInt32BE(0) + 1 : 0;
    if (searchByScan() || env.snapshot) {
      const all = scanIndex(env, env.store.index(`${def.table}.by_creation_time`)!, ZERO, MAX, "asc", {});
      const docs = search(
        def,
        filters,
        (function* () {
          for (const r of all) yield r.doc;
        })(),
      );
      const end = win.through ? win.through.readUInt32BE(0) + 1 : docs.length;
      yield* applyOperators(
        rankedRows(
          docs.slice(start, end).map((doc) => () => doc),
          start,
        ),
        query.operators,
      );
      return;
    }
    const ids = env.store.searchRanked(def, filters);
    const end = win.through ? win.through.readUInt32BE(0) + 1 : ids.length;
    // Documents are read only as the page consumes them.
    yield* applyOperators(
      rankedRows(
        ids.slice(start, end).map((id) => () => env.store.get(id)?.doc ?? null),
        start,
      ),
      query.operators,
    );
    return;
  }
  let def: IndexDef | undefined;
  let bounds: { lower: Buffer; upper: Buffer } = { lower: ZERO, upper: MAX };
  if (source.type === "FullTableScan") {
    env.checkTable(source.tableName);
    def = env.store.index(`${source.tableName}.by_creation_time`);
    if (!def) {
      env.onRead(source.tableName);
      return;
    }
  } else {
    def = env.store.index(source.indexName);
    if (!def) {
      const table = source.indexName.split(".")[0];
      env.checkTable(table);
      if (env.isStaged?.(source.indexName)) throw stagedIndexError(source.indexName);
      throw new Error(`Index ${source.indexName} not found.`);
    }
    env.checkTable(def.table);
    bounds = indexBounds(def, source.range);
  }
  env.onRead(def.table);
  yield* applyOperators(scanIndex(env, def, bounds.lower, bounds.upper, source.order ?? "asc", win), query.operators);
}

export function encodeCursor(key: Buffer): string {
  return key.toString("base64url");
}

export function decodeCursor(cursor: string | null): Buffer | undefined {
  if (cursor === null || cursor === "") return undefined;
  if (typeof cursor !== "string" || !/^[A-Za-z0-9_-]*$/.test(cursor)) {
    throw new Error(`Invalid pagination cursor: ${JSON.stringify(cursor)}`);
  }
  return Buffer.from(cursor, "base64url");
}

/** Journal marker for a page that ran to the end of its range: re-runs keep taking everything. */
export const THROUGH_END = "~end";

export type PageResult = { page: Doc[]; isDone: boolean; continueCursor: string };

/**
 * One page. With `endCursor` the page runs exactly to that cursor (how a
 * subscribed page keeps its boundaries while documents come and go).
 */
export function queryPage(
  env: QueryEnv,
  query: SerializedQuery,
  cursor: string | null,
  endCursor: string | null,
  pageSize: number,
  maximumRowsRead: number | null,
): PageResult {
  const after = decodeCursor(cursor);
  const toEnd = endCursor === THROUGH_END;
  const through = toEnd ? undefined : decodeCursor(endCursor);
  const page: Doc[] = [];
  let lastKey = after;
  const limit = through || toEnd ? Infinity : Math.max(0, pageSize);
  const maxRows = toEnd ? Infinity : (maximumRowsRead ?? Infinity);
  const it = execute(env, query, { after, through });
  let isDone = true;
  while (page.length < limit && page.length < maxRows) {
    const next = it.next();
    if (next.done) break;
    page.push(next.value.doc);
    lastKey = next.value.key;
  }
  if (through) {
    it.return(undefined);
    const rest = execute(env, query, { after: through });
    isDone = rest.next().done === true;
    rest.return(undefined);
    return { page, isDone, continueCursor: endCursor! };
  }
  if (page.length >= limit || page.length >= maxRows) isDone = it.next().done === true;
  it.return(undefined);
  // An empty page from the start continues from the start: an empty cursor.
  return { page, isDone, continueCursor: lastKey ? encodeCursor(lastKey) : "" };
}
