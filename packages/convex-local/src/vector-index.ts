/**
 * Vector indexes (`defineTable(...).vectorIndex(...)`) and `ctx.vectorSearch`: exact nearest-neighbour
 * search by cosine similarity, as Convex answers it (`{ _id, _score }[]`, best first, at most 256).
 *
 * Why an exact scan of our own and not `sqlite-vec` (which installs and loads from npm here): over
 * 100,000 vectors of 1,536 dimensions on this 2-core VM, sqlite-vec 0.1.9's `vec0` KNN (its prebuilt
 * binary) took ~450 ms a query, a plain JS loop over pre-normalised Float32Arrays ~200 ms, and the
 * WebAssembly SIMD kernel used here (vector-kernel.ts) ~40-60 ms; and `q.or` of `q.eq` over any Convex
 * value type does not map onto vec0's typed metadata columns. The README's benchmark has the figures.
 *
 * Storage: each index entry (the normalised float32 vector and its filter-field keys) is a row of
 * `vector_entries`, written in the same SQLite transaction as the document, so it is durable and a
 * rolled-back mutation leaves none. The search runs over an in-memory copy (loaded on start), which is
 * changed only when a transaction commits: writes are journalled per transaction and savepoint, applied
 * on COMMIT and dropped on ROLLBACK, so a search (actions only, never inside a transaction) always sees
 * committed data, "consistent and fully up-to-date" as Convex promises.
 *
 * A filter (`q.eq` / `q.or` of them) is a disjunction of (field, value) equalities, as in Convex; its
 * candidates come from per-field postings, so a selective filter scores fewer vectors.
 */
import type { Database } from "./sqlite.js";
import { jsonToConvex, type Value } from "convex/values";
import { encodeKey } from "./keys.js";
import { fieldValue, type Doc } from "./store.js";
import { createKernel, defaultKernel, type Kernel, type KernelKind } from "./vector-kernel.js";

export type VectorIndexDef = {
  name: string;
  table: string;
  vectorField: string;
  dimensions: number;
  filterFields: string[];
};

/** Convex's limits (crates/vector): results per query, default limit, conditions per filter, filter fields, dimensions. */
export const MAX_VECTOR_RESULTS = 256;
export const DEFAULT_VECTOR_LIMIT = 10;
export const MAX_FILTER_LENGTH = 64;
export const MAX_VECTOR_FILTER_FIELDS = 16;
export const MIN_DIMENSIONS = 2;
export const MAX_DIMENSIONS = 4096;
/** Bump when the row layout or normalisation changes: stored indexes are then rebuilt. */
const FORMAT = 1;

/** A user-facing refusal, turned into the function's error by the caller. */
export class VectorSearchError extends Error {}

type Entry = { vec: Float32Array; filters: string[] };
type Change = { index: string; id: string; entry: Entry | null };
export type VectorResult = { _id: string; _score: number };

function describe(def: VectorIndexDef): string {
  return JSON.stringify([FORMAT, def.table, def.vectorField, def.dimensions, def.filterFields]);
}

function filterKey(value: Value | undefined): string {
  return encodeKey([value]).toString("latin1");
}

/** The index entry of a document: null unless the vector field is an array of `dimensions` numbers (as Convex skips others). */
export function entryOf(def: VectorIndexDef, doc: Doc): Entry | null {
  const raw = fieldValue(doc, def.vectorField);
  if (!Array.isArray(raw) || raw.length !== def.dimensions) return null;
  const vec = new Float32Array(def.dimensions);
  for (let i = 0; i < raw.length; i++) {
    const x = raw[i];
    if (typeof x !== "number" || !Number.isFinite(x)) return null;
    vec[i] = x;
  }
  normalize(vec);
  return { vec, filters: def.filterFields.map((f) => filterKey(fieldValue(doc, f))) };
}

/** Scales to unit length in place (a zero vector stays zero and scores 0 against everything). */
export function normalize(vec: Float32Array): Float32Array {
  let sum = 0;
  for (let i = 0; i < vec.length; i++) sum += vec[i] * vec[i];
  if (sum > 0) {
    const inv = 1 / Math.sqrt(sum);
    for (let i = 0; i < vec.length; i++) vec[i] *= inv;
  }
  return vec;
}

/**
 * One index in memory: vectors as rows of the kernel's memory (vector-kernel.ts), a slot per document,
 * postings per filter field. A search scores every live row (or the filter's candidates) in one kernel
 * call, then keeps the best `limit` in a bounded heap.
 */
class MemoryIndex {
  private kernel: Kernel;
  /** Row length in floats: the dimensions padded to a multiple of 8 (the kernel's 2 x f32x4 step). */
  private stride: number;
  private ids: (string | null)[] = [];
  private filterKeys: string[][] = [];
  private slotOf = new Map<string, number>();
  private free: number[] = [];
  /** Per filter field: value key → slots holding it. */
  private postings: Map<string, Set<number>>[];

  constructor(
    readonly def: VectorIndexDef,
    kernel: KernelKind,
  ) {
    this.kernel = createKernel(kernel);
    this.stride = Math.ceil(def.dimensions / 8) * 8;
    this.postings = def.filterFields.map(() => new Map());
  }

  get size(): number {
    return this.slotOf.size;
  }

  /** Room for `count` rows in one growth (loading on start). */
  reserve(count: number) {
    this.kernel.ensure(count * this.stride * 4);
  }

  /** Loading on start: the stored float32 bytes go straight into the kernel's memory (one copy). */
  load(id: string, bytes: Uint8Array, filters: string[]) {
    const slot = this.ids.length;
    this.kernel.ensure((slot + 1) * this.stride * 4);
    new Uint8Array(this.kernel.view().buffer, slot * this.stride * 4, bytes.byteLength).set(bytes);
    this.place(id, slot, filters);
  }

  private place(id: string, slot: number, filters: string[]) {
    this.ids[slot] = id;
    this.filterKeys[slot] = filters;
    this.slotOf.set(id, slot);
    filters.forEach((key, f) => {
      let set = this.postings[f].get(key);
      if (!set) this.postings[f].set(key, (set = new Set()));
      set.add(slot);
    });
  }

  set(id: string, entry: Entry | null) {
    const old = this.slotOf.get(id);
    if (old !== undefined) {
      this.unpost(old);
      this.slotOf.delete(id);
      this.ids[old] = null;
      this.free.push(old);
    }
    if (!entry) return;
    const slot = this.free.pop() ?? this.ids.length;
    this.kernel.ensure((slot + 1) * this.stride * 4);
    this.kernel.view().set(entry.vec, slot * this.stride); // the padding stays zero: only `dimensions` floats are ever written
    this.place(id, slot, entry.filters);
  }

  private unpost(slot: number) {
    this.filterKeys[slot]?.forEach((key, f) => {
      const set = this.postings[f].get(key);
      set?.delete(slot);
      if (set && set.size === 0) this.postings[f].delete(key);
    });
  }

  /** The `limit` best documents by dot product with the (normalised) query, over `candidates` or every slot. */
  search(query: Float32Array, limit: number, candidates: Set<number> | null): VectorResult[] {
    const rows = this.ids.length;
    const n = candidates ? candidates.size : rows;
    // Scratch after the rows: the query, the scores, the candidate list.
    const q = rows * this.stride * 4;
    const out = q + this.stride * 4;
    const list = out + n * 4;
    this.kernel.ensure(list + n * 4);
    const view = this.kernel.view();
    view.fill(0, q / 4, q / 4 + this.stride);
    view.set(query, q / 4);
    const heap = new TopK(limit);
    if (candidates) {
      const slots = new Int32Array(view.buffer, list, n);
      let i = 0;
      for (const slot of candidates) slots[i++] = slot;
      this.kernel.scoreList(q, list, n, this.stride, out);
      const scores = this.kernel.view().subarray(out / 4, out / 4 + n);
      for (let k = 0; k < n; k++) heap.push(scores[k], slots[k]);
    } else {
      this.kernel.scoreRange(q, rows, this.stride, out);
      const scores = this.kernel.view().subarray(out / 4, out / 4 + n);
      for (let slot = 0; slot < rows; slot++) if (this.ids[slot] !== null) heap.push(scores[slot], slot);
    }
    return heap
      .sorted()
      .map(({ score, slot }) => ({ _id: this.ids[slot]!, _score: score }))
      .sort((a, b) => b._score - a._score || (a._id < b._id ? 1 : a._id > b._id ? -1 : 0));
  }

  /** Slots matching any of the (field index, value keys) conditions. */
  matching(conditions: Map<number, Set<string>>): Set<number> {
    const out = new Set<number>();
    for (const [f, keys] of conditions) {
      for (const key of keys) for (const slot of this.postings[f].get(key) ?? []) out.add(slot);
    }
    return out;
  }
}

/** A bounded min-heap of (score, slot): keeps the `k` highest scores seen. */
class TopK {
  private scores: number[] = [];
  private slots: number[] = [];
  constructor(private k: number) {}

  push(score: number, slot: number) {
    const s = this.scores;
    if (s.length < this.k) {
      s.push(score);
      this.slots.push(slot);
      this.up(s.length - 1);
    } else if (score > s[0]) {
      s[0] = score;
      this.slots[0] = slot;
      this.down(0);
    }
  }

  sorted(): { score: number; slot: number }[] {
    return this.scores.map((score, i) => ({ score, slot: this.slots[i] })).sort((a, b) => b.score - a.score);
  }

  private swap(i: number, j: number) {
    [this.scores[i], this.scores[j]] = [this.scores[j], this.scores[i]];
    [this.slots[i], this.slots[j]] = [this.slots[j], this.slots[i]];
  }
  private up(i: number) {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.scores[p] <= this.scores[i]) return;
      this.swap(i, p);
      i = p;
    }
  }
  private down(i: number) {
    const n = this.scores.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && this.scores[l] < this.scores[m]) m = l;
      if (r < n && this.scores[r] < this.scores[m]) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }
}

export type VectorQuery = { indexName: string; limit?: unknown; vector: unknown; expressions?: unknown };

export class VectorIndexes {
  private defsByTable = new Map<string, VectorIndexDef[]>();
  private memory = new Map<string, MemoryIndex>();
  /** Changes of the open transaction, applied to `memory` on commit. */
  private pending: Change[] = [];
  private stmts;

  constructor(
    db: Database,
    private kernel: KernelKind = defaultKernel(),
  ) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS vector_entries (
        index_name TEXT NOT NULL, id TEXT NOT NULL, vec BLOB NOT NULL, filters TEXT NOT NULL);
      CREATE UNIQUE INDEX IF NOT EXISTS vector_entries_by_id ON vector_entries(index_name, id);
    `);
    this.stmts = {
      put: db.prepare(
        "INSERT INTO vector_entries (index_name, id, vec, filters) VALUES (?, ?, ?, ?) ON CONFLICT(index_name, id) DO UPDATE SET vec = excluded.vec, filters = excluded.filters",
      ),
      del: db.prepare("DELETE FROM vector_entries WHERE index_name = ? AND id = ?"),
      drop: db.prepare("DELETE FROM vector_entries WHERE index_name = ?"),
      load: db.prepare("SELECT id, vec, filters FROM vector_entries WHERE index_name = ?"),
      count: db.prepare("SELECT COUNT(*) AS n FROM vector_entries WHERE index_name = ?"),
    };
  }

  /**
   * Installs the index set (inside the caller's transaction): new, changed or missing indexes are rebuilt
   * from `docsOf(table)`, dropped ones deleted; then every index is loaded into memory.
   */
  setDefs(defs: VectorIndexDef[], stored: Record<string, string>, docsOf: (table: string) => Iterable<Doc>) {
    const wanted = new Map(defs.map((d) => [d.name, describe(d)]));
    for (const [name, description] of Object.entries(stored)) {
      if (wanted.get(name) !== description) {
        this.stmts.drop.run(name);
        delete stored[name];
      }
    }
    for (const def of defs) {
      if (stored[def.name]) continue;
      for (const doc of docsOf(def.table)) {
        const entry = entryOf(def, doc);
        if (entry) this.persist(def.name, doc._id, entry);
      }
      stored[def.name] = wanted.get(def.name)!;
    }
    this.defsByTable = new Map();
    const memory = new Map<string, MemoryIndex>();
    for (const def of defs) {
      const list = this.defsByTable.get(def.table) ?? [];
      list.push(def);
      this.defsByTable.set(def.table, list);
      // A reload with the same definition keeps the loaded index (it already holds every committed change).
      const loaded = this.memory.get(def.name);
      if (loaded && describe(loaded.def) === describe(def)) {
        memory.set(def.name, loaded);
        continue;
      }
      const mem = new MemoryIndex(def, this.kernel);
      mem.reserve((this.stmts.count.get(def.name) as { n: number }).n);
      for (const row of this.stmts.load.iterate(def.name) as Iterable<{
        id: string;
        vec: Uint8Array;
        filters: string;
      }>) {
        if (row.vec.byteLength !== def.dimensions * 4) continue; // written by another format: rebuilt when FORMAT changes
        mem.load(row.id, row.vec, JSON.parse(row.filters));
      }
      memory.set(def.name, mem);
    }
    this.memory = memory;
    this.pending = [];
  }

  hasIndexes(table: string): boolean {
    return this.defsByTable.has(table);
  }

  private persist(index: string, id: string, entry: Entry | null) {
    if (entry)
      this.stmts.put.run(
        index,
        id,
        Buffer.from(entry.vec.buffer, entry.vec.byteOffset, entry.vec.byteLength),
        JSON.stringify(entry.filters),
      );
    else this.stmts.del.run(index, id);
  }

  /** A document write inside the open transaction (`doc` null: deleted). */
  update(table: string, id: string, old: Doc | null, doc: Doc | null) {
    const defs = this.defsByTable.get(table);
    if (!defs) return;
    for (const def of defs) {
      const entry = doc ? entryOf(def, doc) : null;
      if (!entry && !(old && entryOf(def, old))) continue; // neither version is in the index
      this.persist(def.name, id, entry);
      this.pending.push({ index: def.name, id, entry });
    }
  }

  /** Journal position, for savepoints. */
  mark(): number {
    return this.pending.length;
  }
  /** Forgets the changes made since `mark` (a rolled-back savepoint or transaction). */
  rollbackTo(mark: number) {
    if (this.pending.length > mark) this.pending.length = mark;
  }
  /** The transaction committed: its changes become visible to searches. */
  commit() {
    for (const c of this.pending) this.memory.get(c.index)?.set(c.id, c.entry);
    this.pending = [];
  }

  size(index: string): number {
    return this.memory.get(index)?.size ?? 0;
  }

  /** Runs a search; `def` is the index the query names (the caller resolved it). Refusals throw VectorSearchError. */
  search(def: VectorIndexDef, query: VectorQuery): VectorResult[] {
    const limit = query.limit ?? DEFAULT_VECTOR_LIMIT;
    if (typeof limit !== "number" || !Number.isInteger(limit) || limit < 1) {
      throw new VectorSearchError(
        `Vector queries must fetch at least 1 result: \`limit\` must be a whole number from 1 to ${MAX_VECTOR_RESULTS}, received ${JSON.stringify(limit)}.`,
      );
    }
    if (limit > MAX_VECTOR_RESULTS) {
      throw new VectorSearchError(
        `Vector queries can fetch at most ${MAX_VECTOR_RESULTS} results, requested ${limit}.`,
      );
    }
    const raw = query.vector;
    if (!Array.isArray(raw) || raw.some((x) => typeof x !== "number" || !Number.isFinite(x))) {
      throw new VectorSearchError("`vector` must be an array of finite numbers in vectorSearch");
    }
    const conditions = this.compileFilter(def, query.expressions ?? null);
    if (raw.length !== def.dimensions) {
      throw new VectorSearchError(`Expected a vector with dimensions ${def.dimensions}, received ${raw.length}.`);
    }
    const mem = this.memory.get(def.name);
    if (!mem) return [];
    const vec = normalize(Float32Array.from(raw as number[]));
    return mem.search(vec, limit, conditions ? mem.matching(conditions) : null);
  }

  /** `q.eq` / `q.or` → field index → accepted value keys (Convex: a disjunction of equalities on filter fields). */
  private compileFilter(def: VectorIndexDef, expr: unknown): Map<number, Set<string>> | null {
    if (expr === null) return null;
    const conditions = new Map<number, Set<string>>();
    let length = 0;
    const walk = (e: unknown) => {
      const node = e as Record<string, unknown> | null;
      if (node && typeof node === "object" && Array.isArray(node.$or)) {
        for (const child of node.$or) walk(child);
        return;
      }
      const eq = node && typeof node === "object" ? (node.$eq as unknown[] | undefined) : undefined;
      const field = Array.isArray(eq) ? (eq[0] as { $field?: unknown } | null)?.$field : undefined;
      const literal = Array.isArray(eq) ? (eq[1] as { $literal?: unknown } | null) : undefined;
      if (
        !Array.isArray(eq) ||
        typeof field !== "string" ||
        !literal ||
        typeof literal !== "object" ||
        !("$literal" in literal)
      ) {
        if (Array.isArray(eq))
          throw new VectorSearchError("`q.eq` must take a field path as its first argument and a value as its second");
        throw new VectorSearchError("Filters should be a combination of `q.eq` and `q.or`.");
      }
      const f = def.filterFields.indexOf(field);
      if (f < 0) {
        throw new VectorSearchError(
          `Vector query against ${def.name} contains a filter on ${JSON.stringify(field)} but that field isn't indexed for filtering in \`filterFields\`.`,
        );
      }
      const lit = literal.$literal as Record<string, unknown> | null;
      const value =
        lit !== null && typeof lit === "object" && "$undefined" in lit ? undefined : jsonToConvex(lit as never);
      let keys = conditions.get(f);
      if (!keys) conditions.set(f, (keys = new Set()));
      const key = filterKey(value);
      if (!keys.has(key)) length++;
      keys.add(key);
    };
    walk(expr);
    if (length > MAX_FILTER_LENGTH) {
      throw new VectorSearchError(
        `Vector query against ${def.name} has too many conditions. Max: ${MAX_FILTER_LENGTH} Actual: ${length}`,
      );
    }
    return conditions;
  }
}
