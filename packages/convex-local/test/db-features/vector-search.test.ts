/**
 * `ctx.vectorSearch` against a vector index: the true nearest neighbours by cosine similarity (checked
 * against brute force here), filters (`q.eq`, `q.or`, undefined), writes and rollbacks, a restart, and
 * Convex's refusals of bad queries. Through the official ConvexHttpClient.
 */
import { ConvexHttpClient } from "convex/browser";
import { anyApi } from "convex/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorOf, startDbServer, type DbServer } from "./server.js";

const DIMS = 8;
type Item = { embedding: number[]; kind: string; color?: string };
type Hit = { _id: string; _score: number };

/** Deterministic pseudo-random numbers (mulberry32), so a failure reproduces. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = rng(42);
const vector = () => Array.from({ length: DIMS }, () => rand() * 2 - 1);

function cosine(a: number[], b: number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return dot / Math.sqrt(na * nb);
}

/** Brute force over what the test inserted: ids of the `limit` most similar items that pass `keep`. */
function bruteForce(
  items: Map<string, Item>,
  query: number[],
  limit: number,
  keep: (it: Item) => boolean = () => true,
): { id: string; score: number }[] {
  return [...items]
    .filter(([, it]) => keep(it))
    .map(([id, it]) => ({ id, score: cosine(query, it.embedding) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, limit);
}

function expectSame(hits: Hit[], expected: { id: string; score: number }[]) {
  expect(hits.map((h) => h._id)).toEqual(expected.map((e) => e.id));
  hits.forEach((h, i) => expect(h._score).toBeCloseTo(expected[i].score, 5));
}

describe("vector search", () => {
  let db: DbServer;
  let client: ConvexHttpClient;
  const items = new Map<string, Item>();
  const search = (args: Record<string, unknown>) => client.action(anyApi.items.search, args) as Promise<Hit[]>;

  beforeAll(async () => {
    db = await startDbServer();
    client = new ConvexHttpClient(db.server.url);
    const kinds = ["a", "b", "c"];
    const colors = ["red", "blue", undefined];
    for (let batch = 0; batch < 3; batch++) {
      const list: Item[] = Array.from({ length: 100 }, (_, i) => {
        const color = colors[(i + batch) % 3];
        return { embedding: vector(), kind: kinds[i % 3], ...(color ? { color } : {}) };
      });
      const ids = (await client.mutation(anyApi.items.insertMany, { items: list })) as string[];
      ids.forEach((id, i) => items.set(id, list[i]));
    }
  });
  afterAll(async () => {
    await db?.close();
  });

  it("returns the true nearest neighbours, best first, 10 by default", async () => {
    for (let q = 0; q < 5; q++) {
      const query = vector();
      const hits = await search({ vector: query });
      expect(hits).toHaveLength(10);
      expectSame(hits, bruteForce(items, query, 10));
    }
    const query = vector();
    expectSame(await search({ vector: query, limit: 256 }), bruteForce(items, query, 256));
    expectSame(await search({ vector: query, limit: 1 }), bruteForce(items, query, 1));
  });

  it("scores by cosine: a scaled copy of a stored vector is its best match with score 1", async () => {
    const [id, it] = [...items][17];
    const hits = await search({ vector: it.embedding.map((x) => x * 3.5), limit: 3 });
    expect(hits[0]._id).toBe(id);
    expect(hits[0]._score).toBeCloseTo(1, 5);
  });

  it("filters with q.eq, q.or (any of the conditions) and q.eq(field, undefined)", async () => {
    const query = vector();
    expectSame(
      await search({ vector: query, limit: 20, filter: [{ field: "kind", value: "b" }] }),
      bruteForce(items, query, 20, (it) => it.kind === "b"),
    );
    expectSame(
      await search({
        vector: query,
        limit: 30,
        filter: [
          { field: "kind", value: "a" },
          { field: "color", value: "red" },
        ],
      }),
      bruteForce(items, query, 30, (it) => it.kind === "a" || it.color === "red"),
    );
    expectSame(
      await search({
        vector: query,
        limit: 15,
        filter: [
          { field: "kind", value: "a" },
          { field: "kind", value: "c" },
        ],
      }),
      bruteForce(items, query, 15, (it) => it.kind === "a" || it.kind === "c"),
    );
    expectSame(
      await search({ vector: query, limit: 12, undefinedColor: true }),
      bruteForce(items, query, 12, (it) => it.color === undefined),
    );
    expect(await search({ vector: query, filter: [{ field: "kind", value: "nope" }] })).toEqual([]);
  });

  it("follows patches and deletes, and a rolled-back insert is never found", async () => {
    const [[first], [second]] = [[...items][3], [...items][4]];
    const target = vector();
    await client.mutation(anyApi.items.patch, { id: first, embedding: target, kind: "moved" });
    items.set(first, { ...items.get(first)!, embedding: target, kind: "moved" });
    const hits = await search({ vector: target, limit: 1, filter: [{ field: "kind", value: "moved" }] });
    expect(hits.map((h) => h._id)).toEqual([first]);
    await client.mutation(anyApi.items.remove, { id: first });
    items.delete(first);
    expect(await search({ vector: target, limit: 5, filter: [{ field: "kind", value: "moved" }] })).toEqual([]);
    expectSame(await search({ vector: target }), bruteForce(items, target, 10));

    // A document whose vector has the wrong length is stored but not indexed (as Convex skips it).
    await client.mutation(anyApi.items.patch, { id: second, embedding: [1, 2, 3] });
    items.delete(second);
    expectSame(await search({ vector: target, limit: 50 }), bruteForce(items, target, 50));

    const doomed = vector();
    expect(await errorOf(client.mutation(anyApi.items.insertThenFail, { embedding: doomed }))).toContain(
      "rolled back on purpose",
    );
    expect(await search({ vector: doomed, filter: [{ field: "kind", value: "doomed" }] })).toEqual([]);
    expectSame(await search({ vector: doomed }), bruteForce(items, doomed, 10));
  });

  it("keeps the index across a restart", async () => {
    const query = vector();
    const before = await search({ vector: query, limit: 40 });
    await db.restart();
    client = new ConvexHttpClient(db.server.url);
    expect(await search({ vector: query, limit: 40 })).toEqual(before);
    expectSame(before, bruteForce(items, query, 40));
  });

  it("refuses bad queries with Convex's messages", async () => {
    const query = vector();
    expect(await errorOf(search({ vector: [1, 2, 3] }))).toContain("Expected a vector with dimensions 8, received 3.");
    expect(await errorOf(search({ vector: query, limit: 257 }))).toContain(
      "Vector queries can fetch at most 256 results, requested 257.",
    );
    expect(await errorOf(search({ vector: query, limit: 0 }))).toMatch(/limit.*from 1 to 256, received 0/);
    expect(await errorOf(search({ vector: query, limit: 2.5 }))).toMatch(/limit.*received 2\.5/);
    expect(await errorOf(search({ vector: [] }))).toContain("`vector` must be a non-empty Array in vectorSearch");
    expect(await errorOf(search({ vector: query, filter: [{ field: "label", value: "x" }] }))).toContain(
      'Vector query against items.by_embedding contains a filter on "label" but that field isn\'t indexed for filtering in `filterFields`.',
    );
    const many = Array.from({ length: 65 }, (_, i) => ({ field: "kind", value: `k${i}` }));
    expect(await errorOf(search({ vector: query, filter: many }))).toContain(
      "Vector query against items.by_embedding has too many conditions. Max: 64 Actual: 65",
    );
    expect(await errorOf(search({ vector: query, index: "nope" }))).toContain("Index items.nope not found.");
    expect(await errorOf(search({ vector: query, index: "by_kind" }))).toContain(
      "Index items.by_kind is not a vector index",
    );
    expect(await errorOf(search({ vector: query, index: "by_embedding_staged" }))).toContain(
      "Index items.by_embedding_staged is currently staged and not available to query until it is enabled.",
    );
  });
});
