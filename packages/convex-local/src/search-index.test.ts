/**
 * The inverted index against the reference scan (search.ts): same ids in the same order for random
 * corpora and queries (prefix, repeated and unknown terms, filters on one or several fields, missing
 * fields); postings follow writes, deletes and rolled-back savepoints; a missing index is rebuilt.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { search, type SearchFilter, type SearchIndexDef } from "./search.js";
import { defaultIndexes, Store, type Doc } from "./store.js";

const dirs: string[] = [];
const stores: Store[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const DEF: SearchIndexDef = {
  name: "images.search_prompt",
  table: "images",
  searchField: "prompt",
  filterFields: ["userId", "model", "favorite"],
};
const WORDS = [
  "red",
  "fox",
  "foxes",
  "forest",
  "snow",
  "sea",
  "sunset",
  "a",
  "the",
  "neon",
  "city",
  "Ñandú",
  "日本",
  "cat",
  "cats",
  "catalog",
  "x1",
  "42",
];
const USERS = ["u1", "u2", "u3"];
const MODELS = ["flux", "sdxl"];

/** Deterministic pseudo-random numbers (a test that fails must fail the same way again). */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function open(): Store {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "convex-local-search-"));
  dirs.push(dir);
  const store = new Store(dir);
  stores.push(store);
  store.setIndexes(defaultIndexes("images"));
  store.setSearchIndexes([DEF]);
  return store;
}

function seed(store: Store, count: number, random: () => number) {
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
  store.transaction(() => {
    for (let i = 0; i < count; i++) {
      const words = Array.from({ length: 1 + Math.floor(random() * 9) }, () => pick(WORDS));
      const doc: Doc = {
        _id: `id${String(i).padStart(5, "0")}`,
        _creationTime: 1000 + i,
        prompt: words.join(random() < 0.2 ? ", " : " "),
        userId: pick(USERS),
        model: pick(MODELS),
      };
      if (random() < 0.5) doc.favorite = random() < 0.5;
      if (random() < 0.03) delete doc.prompt; // not a string: not in the index
      store.write("images", doc._id, doc, store.nextTs());
    }
  });
}

function allDocs(store: Store): Doc[] {
  return [...store.scan("images.by_creation_time", Buffer.alloc(0), Buffer.from([0xff]), "asc")].map(
    (e) => store.get(e.id)!.doc,
  );
}

function expectSame(store: Store, filters: SearchFilter[]) {
  const expected = search(DEF, filters, allDocs(store)).map((d) => d._id);
  expect({ filters, ids: store.searchRanked(DEF, filters) }).toEqual({ filters, ids: expected });
  return expected.length;
}

describe("search index", () => {
  it("ranks exactly like the reference scan over random corpora, queries and filters", () => {
    const random = rng(7);
    const store = open();
    seed(store, 600, random);
    const queries = [
      "red",
      "fo",
      "red fox",
      "the cat",
      "cat",
      "ca",
      "sunset sea",
      "neon ci",
      "ñan",
      "日本",
      "zebra",
      "",
      "!!!",
      "RED Fox",
      "x",
      "42",
      "fox fox fo",
      "a the a",
    ];
    let matched = 0;
    for (const text of queries) {
      matched += expectSame(store, [{ type: "Search", fieldPath: "prompt", value: text }]);
      matched += expectSame(store, [
        { type: "Search", fieldPath: "prompt", value: text },
        { type: "Eq", fieldPath: "userId", value: "u2" },
      ]);
      matched += expectSame(store, [
        { type: "Eq", fieldPath: "model", value: "sdxl" },
        { type: "Search", fieldPath: "prompt", value: text },
        { type: "Eq", fieldPath: "userId", value: "u1" },
      ]);
      matched += expectSame(store, [
        { type: "Search", fieldPath: "prompt", value: text },
        { type: "Eq", fieldPath: "favorite", value: true },
      ]);
      // Eq on a missing field matches the documents without it.
      matched += expectSame(store, [
        { type: "Search", fieldPath: "prompt", value: text },
        { type: "Eq", fieldPath: "favorite", value: undefined },
      ]);
    }
    expect(matched).toBeGreaterThan(1000); // the comparison is not vacuous
  });

  it("caps results at 1,024", () => {
    const store = open();
    store.transaction(() => {
      for (let i = 0; i < 1100; i++)
        store.write(
          "images",
          `id${i}`,
          { _id: `id${i}`, _creationTime: i, prompt: "same words", userId: "u1", model: "flux" },
          store.nextTs(),
        );
    });
    expect(store.searchRanked(DEF, [{ type: "Search", fieldPath: "prompt", value: "same" }])).toHaveLength(1024);
    expectSame(store, [{ type: "Search", fieldPath: "prompt", value: "same" }]);
  });

  it("follows patches, deletes and rolled-back savepoints", () => {
    const store = open();
    seed(store, 200, rng(11));
    const q: SearchFilter[] = [{ type: "Search", fieldPath: "prompt", value: "harbour" }];
    store.transaction(() =>
      store.write(
        "images",
        "idh",
        { _id: "idh", _creationTime: 5000, prompt: "old harbour", userId: "u1", model: "flux" },
        store.nextTs(),
      ),
    );
    expect(store.searchRanked(DEF, q)).toEqual(["idh"]);
    // A patch of another field keeps the posting; a new text replaces it.
    store.transaction(() =>
      store.write(
        "images",
        "idh",
        { _id: "idh", _creationTime: 5000, prompt: "old harbour", userId: "u2", model: "flux" },
        store.nextTs(),
      ),
    );
    expect(store.searchRanked(DEF, [...q, { type: "Eq", fieldPath: "userId", value: "u2" }])).toEqual(["idh"]);
    expect(store.searchRanked(DEF, [...q, { type: "Eq", fieldPath: "userId", value: "u1" }])).toEqual([]);
    store.transaction(() =>
      store.write(
        "images",
        "idh",
        { _id: "idh", _creationTime: 5000, prompt: "new pier", userId: "u2", model: "flux" },
        store.nextTs(),
      ),
    );
    expect(store.searchRanked(DEF, q)).toEqual([]);
    expect(store.searchRanked(DEF, [{ type: "Search", fieldPath: "prompt", value: "pier" }])).toEqual(["idh"]);
    // A savepoint rolled back leaves no posting behind, inside a transaction that commits.
    store.transaction(() => {
      store.savepoint("sp1");
      store.write(
        "images",
        "idr",
        { _id: "idr", _creationTime: 6000, prompt: "harbour ghost", userId: "u1", model: "flux" },
        store.nextTs(),
      );
      expect(store.searchRanked(DEF, q)).toEqual(["idr"]); // visible inside its own transaction
      store.rollbackTo("sp1");
    });
    expect(store.searchRanked(DEF, q)).toEqual([]);
    // A transaction that throws after searching its own write: the remembered ranking goes with it.
    expect(() =>
      store.transaction(() => {
        store.write(
          "images",
          "idt",
          { _id: "idt", _creationTime: 7000, prompt: "harbour thrown", userId: "u1", model: "flux" },
          store.nextTs(),
        );
        expect(store.searchRanked(DEF, q)).toEqual(["idt"]);
        throw new Error("mutation failed");
      }),
    ).toThrow("mutation failed");
    expect(store.searchRanked(DEF, q)).toEqual([]);
    store.transaction(() => store.write("images", "idh", null, store.nextTs()));
    expect(store.searchRanked(DEF, [{ type: "Search", fieldPath: "prompt", value: "pier" }])).toEqual([]);
    expectSame(store, [{ type: "Search", fieldPath: "prompt", value: "red fo" }]);
  });

  it("is rebuilt from the table when missing or when its definition changes", () => {
    const store = open();
    seed(store, 300, rng(3));
    const q: SearchFilter[] = [
      { type: "Search", fieldPath: "prompt", value: "sunset fo" },
      { type: "Eq", fieldPath: "userId", value: "u3" },
    ];
    const before = store.searchRanked(DEF, q);
    expect(before.length).toBeGreaterThan(0);
    // Lost postings (an older database, or a crash of an older version): rebuilt on the next install.
    store.db.exec("DELETE FROM search_postings; DELETE FROM search_docs;");
    store.setMeta("searchIndexes", "{}");
    store.setSearchIndexes([DEF]);
    expect(store.searchRanked(DEF, q)).toEqual(before);
    // A changed definition (a filter field fewer) rebuilds with the new layout.
    const fewer: SearchIndexDef = { ...DEF, filterFields: ["userId"] };
    store.setSearchIndexes([fewer]);
    const expected = search(fewer, q, allDocs(store)).map((d) => d._id);
    expect(store.searchRanked(fewer, q)).toEqual(expected);
  });
});
