/**
 * Full-text search over a table's search index, with Convex's semantics:
 * a document matches when its search field contains any query term (the last
 * term also matches as a prefix), Eq filter fields must match exactly, results
 * come by relevance (BM25), at most 1,024 of them, ties newest first.
 */
import { compareValues } from "./keys.js";
import { fieldValue, type Doc } from "./store.js";
import type { Value } from "convex/values";

export const MAX_SEARCH_RESULTS = 1024;

export type SearchIndexDef = { name: string; table: string; searchField: string; filterFields: string[] };
export type SearchFilter =
  { type: "Search"; fieldPath: string; value: string } | { type: "Eq"; fieldPath: string; value: Value | undefined };

export function tokenize(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Checks a search query's filters against its index; returns the search text. */
export function checkSearchFilters(def: SearchIndexDef, filters: SearchFilter[]): { text: string } {
  const searchFilter = filters.find((f) => f.type === "Search");
  if (!searchFilter) throw new Error(`Search query against ${def.name} does not contain a search filter`);
  if (searchFilter.fieldPath !== def.searchField) {
    throw new Error(
      `Search field ${searchFilter.fieldPath} is not the search field of ${def.name} (${def.searchField})`,
    );
  }
  for (const f of filters) {
    if (f.type === "Eq" && !def.filterFields.includes(f.fieldPath)) {
      throw new Error(`Field ${f.fieldPath} is not a filter field of ${def.name}`);
    }
  }
  return { text: searchFilter.value as string };
}

/** The query's distinct terms (at most 16) and its last token, the one that also matches as a prefix. */
export function searchTerms(text: string): { terms: string[]; lastTerm: string | undefined } {
  const all = tokenize(text);
  return { terms: [...new Set(all)].slice(0, 16), lastTerm: all.at(-1) };
}

/**
 * The reference implementation: scans every document. The server ranks through the inverted index
 * (search-index.ts), which must give the same ids in the same order; `CONVEX_LOCAL_SEARCH=scan` uses this.
 */
export function search(def: SearchIndexDef, filters: SearchFilter[], docs: Iterable<Doc>): Doc[] {
  const { text } = checkSearchFilters(def, filters);
  const { terms, lastTerm } = searchTerms(text);
  if (terms.length === 0) return [];
  const candidates: { doc: Doc; tokens: string[] }[] = [];
  for (const doc of docs) {
    if (!filters.every((f) => f.type === "Search" || compareValues(fieldValue(doc, f.fieldPath), f.value) === 0))
      continue;
    const text = fieldValue(doc, def.searchField);
    if (typeof text !== "string") continue;
    candidates.push({ doc, tokens: tokenize(text) });
  }
  const termMatches = (token: string, term: string) => token === term || (term === lastTerm && token.startsWith(term));
  const avgLen = candidates.reduce((s, c) => s + c.tokens.length, 0) / Math.max(1, candidates.length);
  const docFreq = new Map(
    terms.map((t) => [t, candidates.filter((c) => c.tokens.some((tok) => termMatches(tok, t))).length]),
  );
  const scored: { doc: Doc; score: number }[] = [];
  for (const c of candidates) {
    let score = 0;
    for (const term of terms) {
      const tf = c.tokens.filter((tok) => termMatches(tok, term)).length;
      if (tf === 0) continue;
      const df = docFreq.get(term)!;
      const idf = Math.log(1 + (candidates.length - df + 0.5) / (df + 0.5));
      score += (idf * tf * 2.2) / (tf + 1.2 * (0.25 + 0.75 * (c.tokens.length / avgLen)));
    }
    if (score > 0) scored.push({ doc: c.doc, score });
  }
  scored.sort((a, b) => b.score - a.score || b.doc._creationTime - a.doc._creationTime);
  return scored.slice(0, MAX_SEARCH_RESULTS).map((s) => s.doc);
}
