/**
 * Inverted index for search indexes, kept in the same SQLite database as the documents and written in
 * the same transaction as every document write (a rolled-back mutation or savepoint leaves no postings).
 *
 * Per index: `search_docs` holds one row per document whose search field is a string (its token count
 * and its filter-field values), `search_postings` one row per (term, document) with the term frequency,
 * the document's length and creation time and, again, its filter-field values, so a term's matches under
 * Eq filters are one range read with no join and no JSON parsing. A query then ranks exactly as the
 * scan in search.ts does (same tokens, same BM25 over the documents that pass the filters, same order):
 * that scan stays the reference (`CONVEX_LOCAL_SEARCH=scan`, the tests compare the two).
 *
 * An index whose definition (or this module's format) changed, or that is missing, is rebuilt from the
 * table when the schema is installed (on start and on reload).
 *
 * Rankings are remembered until the next write to an indexed table or the next rollback (the store
 * calls `invalidate`), so the following pages of a search and a repeated search cost no ranking.
 */
import type { Database, Statement } from "./sqlite.js";
import type { Value } from "convex/values";
import { encodeKey } from "./keys.js";
import {
  checkSearchFilters,
  MAX_SEARCH_RESULTS,
  searchTerms,
  tokenize,
  type SearchFilter,
  type SearchIndexDef,
} from "./search.js";
import { fieldValue, type Doc } from "./store.js";

/** Convex allows at most 16 filter fields per search index. */
export const MAX_FILTER_FIELDS = 16;
/** Rankings remembered at once (each at most 1,024 ids). */
const MAX_REMEMBERED = 64;
/** Bump when tokens or row layout change: stored indexes are then rebuilt. */
const FORMAT = 1;
const FILTER_COLUMNS = Array.from({ length: MAX_FILTER_FIELDS }, (_, i) => `f${i}`);
/** Above every UTF-8 continuation of a prefix in SQLite's binary collation. */
const PREFIX_END = "\u{10FFFF}";

type Entry = { text: string; tokens: Map<string, number>; len: number; filters: Buffer[]; creation: number };

export class SearchIndexes {
  private defsByTable = new Map<string, SearchIndexDef[]>();
  private stmts;
  private queryCache = new Map<string, Statement>();
  private rankings = new Map<string, string[]>();
  /** Document count and total length per (index, Eq filters), forgotten with the rankings. */
  private totals = new Map<string, [number, number]>();

  constructor(private db: Database) {
    const cols = FILTER_COLUMNS.map((c) => `${c} BLOB`).join(", ");
    db.exec(`
      CREATE TABLE IF NOT EXISTS search_docs (
        index_name TEXT NOT NULL, id TEXT NOT NULL, len INTEGER NOT NULL, ${cols},
        PRIMARY KEY (index_name, id)) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS search_postings (
        index_name TEXT NOT NULL, term TEXT NOT NULL, id TEXT NOT NULL, tf INTEGER NOT NULL, len INTEGER NOT NULL,
        creation REAL NOT NULL, ${cols},
        PRIMARY KEY (index_name, term, id)) WITHOUT ROWID;
    `);
    this.stmts = {
      delDoc: db.prepare("DELETE FROM search_docs WHERE index_name = ? AND id = ?"),
      delPosting: db.prepare("DELETE FROM search_postings WHERE index_name = ? AND term = ? AND id = ?"),
      dropDocs: db.prepare("DELETE FROM search_docs WHERE index_name = ?"),
      dropPostings: db.prepare("DELETE FROM search_postings WHERE index_name = ?"),
    };
  }

  /**
   * Installs the search index set (inside the caller's transaction): indexes that are new, changed or
   * missing are rebuilt from `docsOf(table)`, dropped ones are deleted. `stored` is the persisted
   * description (updated in place).
   */
  setDefs(defs: SearchIndexDef[], stored: Record<string, string>, docsOf: (table: string) => Iterable<Doc>) {
    for (const def of defs) {
      if (def.filterFields.length > MAX_FILTER_FIELDS) {
        throw new Error(
          `Search index ${def.name} has ${def.filterFields.length} filter fields; at most ${MAX_FILTER_FIELDS} are allowed`,
        );
      }
    }
    const wanted = new Map(defs.map((d) => [d.name, describe(d)]));
    for (const [name, description] of Object.entries(stored)) {
      if (wanted.get(name) !== description) {
        this.stmts.dropDocs.run(name);
        this.stmts.dropPostings.run(name);
        delete stored[name];
      }
    }
    for (const def of defs) {
      if (stored[def.name]) continue;
      for (const doc of docsOf(def.table)) this.add(def, doc._id, entryOf(def, doc));
      stored[def.name] = describe(def);
    }
    this.invalidate();
    this.defsByTable = new Map();
    for (const def of defs) this.defsByTable.set(def.table, [...(this.defsByTable.get(def.table) ?? []), def]);
  }

  /** Keeps the postings of a table's search indexes in step with a document write (`null`: absent). */
  update(table: string, id: string, oldDoc: Doc | null, newDoc: Doc | null) {
    const defs = this.defsByTable.get(table);
    if (!defs) return;
    this.invalidate();
    for (const def of defs) {
      const before = oldDoc ? entryOf(def, oldDoc) : null;
      const after = newDoc ? entryOf(def, newDoc) : null;
      if (before && after && sameEntry(before, after)) continue; // a patch that left the text and filters alone
      if (before) this.remove(def, id, before);
      if (after) this.add(def, id, after);
    }
  }

  /** Forgets remembered rankings: after a write to an indexed table, and after any rollback. */
  invalidate() {
    if (this.rankings.size) this.rankings.clear();
    if (this.totals.size) this.totals.clear();
  }

  private add(def: SearchIndexDef, id: string, entry: Entry | null) {
    if (!entry) return;
    const { putDoc, putPosting } = this.inserts(entry.filters.length);
    putDoc.run(def.name, id, entry.len, ...entry.filters);
    for (const [term, tf] of entry.tokens)
      putPosting.run(def.name, term, id, tf, entry.len, entry.creation, ...entry.filters);
  }

  /** Inserts naming only the filter columns an index has (the others stay NULL): fewer values to bind. */
  private inserts(filterCount: number) {
    let found = this.insertStmts[filterCount];
    if (!found) {
      const cols = FILTER_COLUMNS.slice(0, filterCount)
        .map((c) => `, ${c}`)
        .join("");
      const marks = FILTER_COLUMNS.slice(0, filterCount)
        .map(() => ", ?")
        .join("");
      found = this.insertStmts[filterCount] = {
        putDoc: this.db.prepare(`INSERT INTO search_docs (index_name, id, len${cols}) VALUES (?, ?, ?${marks})`),
        putPosting: this.db.prepare(
          `INSERT INTO search_postings (index_name, term, id, tf, len, creation${cols}) VALUES (?, ?, ?, ?, ?, ?${marks})`,
        ),
      };
    }
    return found;
  }
  private insertStmts: { putDoc: Statement; putPosting: Statement }[] = [];

  private remove(def: SearchIndexDef, id: string, entry: Entry) {
    this.stmts.delDoc.run(def.name, id);
    for (const term of entry.tokens.keys()) this.stmts.delPosting.run(def.name, term, id);
  }

  /** A cached ranking query; its rows are arrays (no object per posting). */
  private prepared(sql: string): Statement {
    let stmt = this.queryCache.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql, { arrays: true });
      this.queryCache.set(sql, stmt);
    }
    return stmt;
  }

  /**
   * The ids of the matching documents, best first, at most 1,024: the same result and order as
   * `search()` in search.ts over the whole table.
   */
  rank(def: SearchIndexDef, filters: SearchFilter[]): string[] {
    checkSearchFilters(def, filters);
    const key = JSON.stringify([
      def.name,
      filters.map((f) => [f.type, f.fieldPath, f.type === "Eq" ? encodeKey([f.value]).toString("base64") : f.value]),
    ]);
    let ranked = this.rankings.get(key);
    if (!ranked) {
      ranked = this.computeRank(def, filters);
      if (this.rankings.size >= MAX_REMEMBERED) this.rankings.delete(this.rankings.keys().next().value!);
      this.rankings.set(key, ranked);
    }
    return ranked;
  }

  private computeRank(def: SearchIndexDef, filters: SearchFilter[]): string[] {
    const { text } = checkSearchFilters(def, filters);
    const { terms, lastTerm } = searchTerms(text);
    if (terms.length === 0) return [];
    const where: string[] = [];
    const params: Buffer[] = [];
    for (const f of filters) {
      if (f.type !== "Eq") continue;
      where.push(`${FILTER_COLUMNS[def.filterFields.indexOf(f.fieldPath)]} = ?`);
      params.push(encodeKey([f.value]));
    }
    const filterSql = where.map((w) => ` AND ${w}`).join("");
    const totalsKey = `${def.name}\0${filterSql}\0${params.map((p) => p.toString("base64")).join(",")}`;
    let totals = this.totals.get(totalsKey);
    if (!totals) {
      const stmt = this.prepared(`SELECT COUNT(*), TOTAL(len) FROM search_docs WHERE index_name = ?${filterSql}`);
      totals = stmt.get(def.name, ...params) as unknown as [number, number];
      this.totals.set(totalsKey, totals);
    }
    const [count, totalLen] = totals;
    if (count === 0) return [];
    const avgLen = totalLen / Math.max(1, count);
    const exact = this.prepared(
      `SELECT id, tf, len, creation FROM search_postings WHERE index_name = ? AND term = ?${filterSql}`,
    );
    const prefix = this.prepared(
      `SELECT id, tf, len, creation FROM search_postings WHERE index_name = ? AND term >= ? AND term < ?${filterSql}`,
    );
    const scores = new Map<string, { score: number; creation: number }>();
    for (const term of terms) {
      const isPrefix = term === lastTerm;
      const rows = (isPrefix
        ? prefix.all(def.name, term, term + PREFIX_END, ...params)
        : exact.all(def.name, term, ...params)) as unknown as Posting[];
      // A prefix term's frequency in a document is the sum over the terms it matches there (rows of one
      // document are adjacent only per term, so they are summed first); an exact term has one row each.
      const perDoc = isPrefix ? sumByDoc(rows) : rows;
      const df = perDoc.length;
      if (df === 0) continue;
      const idf = Math.log(1 + (count - df + 0.5) / (df + 0.5));
      for (const [id, tf, len, creation] of perDoc) {
        const add = (idf * tf * 2.2) / (tf + 1.2 * (0.25 + 0.75 * (len / avgLen)));
        const acc = scores.get(id);
        if (acc) acc.score += add;
        else scores.set(id, { score: add, creation });
      }
    }
    const ranked = [...scores].filter(([, s]) => s.score > 0);
    ranked.sort(([, a], [, b]) => b.score - a.score || b.creation - a.creation);
    return ranked.slice(0, MAX_SEARCH_RESULTS).map(([id]) => id);
  }
}

type Posting = [id: string, tf: number, len: number, creation: number];

function sumByDoc(rows: Posting[]): Posting[] {
  const byId = new Map<string, Posting>();
  for (const row of rows) {
    const seen = byId.get(row[0]);
    if (seen) seen[1] += row[1];
    else byId.set(row[0], row);
  }
  return [...byId.values()];
}

function describe(def: SearchIndexDef): string {
  return JSON.stringify({
    format: FORMAT,
    table: def.table,
    searchField: def.searchField,
    filterFields: def.filterFields,
  });
}

/** What a document contributes to an index; null when its search field is not a string. */
function entryOf(def: SearchIndexDef, doc: Doc): Entry | null {
  const text = fieldValue(doc, def.searchField);
  if (typeof text !== "string") return null;
  const all = tokenize(text);
  const tokens = new Map<string, number>();
  for (const t of all) tokens.set(t, (tokens.get(t) ?? 0) + 1);
  const filters = def.filterFields.map((f) => encodeKey([fieldValue(doc, f) as Value | undefined]));
  return { text, tokens, len: all.length, filters, creation: doc._creationTime };
}

function sameEntry(a: Entry, b: Entry): boolean {
  return a.text === b.text && a.creation === b.creation && a.filters.every((f, i) => f.equals(b.filters[i]));
}
