/**
 * VectorIndexes on its own, with both kernels (WebAssembly SIMD and the JS fallback): exact top-k
 * against brute force with dimensions that are not a multiple of 8, slot reuse after deletes and
 * updates, filters, and the commit/rollback journal.
 */
import { describe, expect, it } from "vitest";
import { Database } from "./sqlite.js";
import type { Doc } from "./store.js";
import { VectorIndexes, type VectorIndexDef } from "./vector-index.js";
import { defaultKernel, type KernelKind } from "./vector-kernel.js";

const DEF: VectorIndexDef = { name: "t.by_v", table: "t", vectorField: "v", dimensions: 13, filterFields: ["tag"] };

function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function cosine(a: number[], b: number[]) {
  let d = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    d += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return d / Math.sqrt(na * nb);
}

const kernels: KernelKind[] = ["js", "wasm"];

it("uses the WebAssembly SIMD kernel by default on this Node", () => {
  expect(defaultKernel()).toBe("wasm");
});

describe.each(kernels)("vector index (%s kernel)", (kernel) => {
  it("finds the exact top k, follows updates and deletes, and applies only committed changes", () => {
    const rand = rng(7);
    const vec = () => Array.from({ length: 13 }, () => rand() * 2 - 1);
    const db = new Database(":memory:");
    const index = new VectorIndexes(db, kernel);
    index.setDefs([DEF], {}, () => []);
    const docs = new Map<string, { v: number[]; tag: string }>();
    const write = (id: string, doc: { v: number[]; tag: string } | null) => {
      const old = docs.get(id);
      index.update(
        "t",
        id,
        old ? ({ _id: id, _creationTime: 0, ...old } as Doc) : null,
        doc ? ({ _id: id, _creationTime: 0, ...doc } as Doc) : null,
      );
      if (doc) docs.set(id, doc);
      else docs.delete(id);
    };
    for (let i = 0; i < 500; i++) write(`id${String(i).padStart(4, "0")}`, { v: vec(), tag: i % 5 === 0 ? "x" : "y" });
    index.commit();
    for (let i = 0; i < 100; i += 3) write(`id${String(i).padStart(4, "0")}`, null);
    for (let i = 1; i < 100; i += 3) write(`id${String(i).padStart(4, "0")}`, { v: vec(), tag: "x" });
    for (let i = 500; i < 540; i++) write(`id${i}`, { v: vec(), tag: "y" }); // reuse freed slots
    index.commit();

    const brute = (q: number[], limit: number, keep: (d: { tag: string }) => boolean = () => true) =>
      [...docs]
        .filter(([, d]) => keep(d))
        .map(([id, d]) => ({ id, s: cosine(q, d.v) }))
        .sort((a, b) => b.s - a.s)
        .slice(0, limit);
    for (let k = 0; k < 20; k++) {
      const q = vec();
      const got = index.search(DEF, { indexName: DEF.name, vector: q, limit: 25 });
      const want = brute(q, 25);
      expect(got.map((h) => h._id)).toEqual(want.map((w) => w.id));
      got.forEach((h, i) => expect(h._score).toBeCloseTo(want[i].s, 5));
      const filtered = index.search(DEF, {
        indexName: DEF.name,
        vector: q,
        limit: 7,
        expressions: { $eq: [{ $field: "tag" }, { $literal: "x" }] },
      });
      expect(filtered.map((h) => h._id)).toEqual(brute(q, 7, (d) => d.tag === "x").map((w) => w.id));
    }

    // Uncommitted changes are invisible; a rollback to a mark drops them.
    const q = vec();
    const before = index.search(DEF, { indexName: DEF.name, vector: q });
    const mark = index.mark();
    db.exec("SAVEPOINT s");
    index.update("t", "ghost", null, { _id: "ghost", _creationTime: 0, v: q, tag: "x" } as Doc);
    expect(index.search(DEF, { indexName: DEF.name, vector: q })).toEqual(before);
    db.exec("ROLLBACK TO s; RELEASE s");
    index.rollbackTo(mark);
    index.commit();
    expect(index.search(DEF, { indexName: DEF.name, vector: q })).toEqual(before);

    // Reloading from SQLite gives the same answers.
    const reloaded = new VectorIndexes(db, kernel);
    reloaded.setDefs(
      [DEF],
      { [DEF.name]: JSON.stringify([1, DEF.table, DEF.vectorField, DEF.dimensions, DEF.filterFields]) },
      () => [],
    );
    expect(reloaded.size(DEF.name)).toBe(docs.size);
    expect(reloaded.search(DEF, { indexName: DEF.name, vector: q })).toEqual(before);
    db.close();
  });
});
