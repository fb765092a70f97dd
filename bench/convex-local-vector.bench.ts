/**
 * convex-local vector search benchmark (issue 14): 100,000 vectors of 1,536 dimensions (OpenAI's
 * embedding size) in a vector index with one filter field, queried through the official
 * ConvexHttpClient calling an action that runs `ctx.vectorSearch` (limit 10), with and without a
 * filter, beside a naive brute force measured in the same run over the same vectors (Float64Array per
 * document, cosine with both norms computed per pair, a full sort; what an app would do without an
 * index; it runs before the server starts, so its long loops do not hold up the in-process server). Every
 * answer of convex-local is checked against the naive one (same ids, same order); a difference exits 1.
 *
 * Seeding goes through the Store layer (the same write path mutations use, without the HTTP/JSON of
 * 100,000 calls), then convex-local starts on that data folder, which also times the load of the index
 * into memory. 1,000 documents are also inserted through mutations, for the write cost of an indexed
 * vector. Components are small integers (cosine ignores scale) to keep the stored JSON small.
 *
 * Environment: BENCH_SCALE=<x> multiplies the vector count (e.g. 0.1 for a quick run),
 * BENCH_VECTOR_QUERIES=<n> queries per case (default 50), BENCH_SERVER_LOG=1 prints the server log.
 * Run: `npm run bench -- vector` or `npx tsx bench/convex-local-vector.bench.ts` from the repo root.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { ConvexHttpClient } from "convex/browser";
import { anyApi } from "convex/server";
import { makeId } from "../packages/convex-local/src/ids.ts";
import { parseSchema } from "../packages/convex-local/src/schema.ts";
import { Store } from "../packages/convex-local/src/store.ts";
import fixtureSchema from "../packages/convex-local/test/fixture-db/convex/schema.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const FIXTURE_DIR = path.join(ROOT, "packages/convex-local/test/fixture-db/convex");
const SCALE = Number(process.env.BENCH_SCALE ?? "1") || 1;
const COUNT = Math.max(1000, Math.round(100_000 * SCALE));
const DIMS = 1536;
const KINDS = 10;
const QUERIES = Math.max(5, Number(process.env.BENCH_VECTOR_QUERIES ?? "50") || 50);
const NAIVE_QUERIES = Math.min(QUERIES, 10);
const LIMIT = 10;

const now = () => performance.now();
function pct(samples: number[], p: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}
const ms = (v: number) => `${v.toFixed(1)} ms`;

/** Deterministic pseudo-random numbers (mulberry32). */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = rng(1536);
const randomVector = () => Array.from({ length: DIMS }, () => Math.round(rand() * 254) - 127);

type Naive = { ids: string[]; vectors: Float64Array[]; kinds: number[] };

/** The naive baseline: every document's cosine with its norms computed, then a full sort. */
function naiveSearch(data: Naive, query: number[], kind?: number): string[] {
  const scored: { id: string; score: number }[] = [];
  for (let i = 0; i < data.ids.length; i++) {
    if (kind !== undefined && data.kinds[i] !== kind) continue;
    const v = data.vectors[i];
    let dot = 0;
    let nv = 0;
    let nq = 0;
    for (let j = 0; j < v.length; j++) {
      dot += v[j] * query[j];
      nv += v[j] * v[j];
      nq += query[j] * query[j];
    }
    scored.push({ id: data.ids[i], score: dot / Math.sqrt(nv * nq) });
  }
  scored.sort((a, b) => b.score - a.score);
  return scored.slice(0, LIMIT).map((s) => s.id);
}

function seed(dataDir: string): Naive {
  const store = new Store(dataDir);
  const mod = fixtureSchema as unknown as { export?(): string; default?: { export(): string } };
  const schema = typeof mod.export === "function" ? (mod as { export(): string }) : mod.default!;
  const parsed = parseSchema(schema, store.tableNames());
  store.setIndexes(parsed.indexes);
  store.setVectorIndexes([...parsed.vectorIndexes.values()]);
  const table = store.tableNumber("embeddings");
  const data: Naive = { ids: [], vectors: [], kinds: [] };
  const BATCH = 1000;
  let creation = Date.now();
  for (let start = 0; start < COUNT; start += BATCH) {
    store.transaction(() => {
      const ts = store.nextTs();
      for (let i = start; i < Math.min(COUNT, start + BATCH); i++) {
        const embedding = randomVector();
        const id = makeId(table);
        const kind = i % KINDS;
        creation += 0.001;
        store.write(
          "embeddings",
          id,
          { embedding, kind, _id: id, _creationTime: Math.round(creation * 1000) / 1000 },
          ts,
        );
        data.ids.push(id);
        data.vectors.push(Float64Array.from(embedding));
        data.kinds.push(kind);
      }
    });
  }
  store.close();
  return data;
}

async function main() {
  process.env.TEST_JWT_ISSUER ??= "http://127.0.0.1:9";
  const { startConvexLocal } = await import("../packages/convex-local/src/index.ts");
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "convex-local-vector-bench-"));
  const rows: [string, string][] = [];
  try {
    console.log(`seeding ${COUNT.toLocaleString("en-US")} vectors of ${DIMS} dimensions…`);
    let t = now();
    const data = seed(dataDir);
    rows.push([
      `seed ${COUNT.toLocaleString("en-US")} documents through the Store (1,000 per transaction)`,
      `${((now() - t) / 1000).toFixed(1)} s`,
    ]);

    // The naive baseline runs before the server starts: its multi-second loops would otherwise hold up the
    // in-process server's timers (a keep-alive socket closed late resets the next request sent on it).
    const cases: {
      name: string;
      queries: { vector: number[]; kind?: number }[];
      naive: number[];
      expected: string[][];
    }[] = [
      { name: "no filter", queries: [], naive: [], expected: [] },
      { name: `filter q.eq("kind", k) (1 in ${KINDS} documents)`, queries: [], naive: [], expected: [] },
    ];
    cases.forEach((c, i) => {
      c.queries = Array.from({ length: QUERIES }, () => ({
        vector: randomVector(),
        kind: i === 1 ? Math.floor(rand() * KINDS) : undefined,
      }));
      for (let k = 0; k < NAIVE_QUERIES; k++) {
        const t0 = now();
        c.expected.push(naiveSearch(data, c.queries[k].vector, c.queries[k].kind));
        c.naive.push(now() - t0);
      }
    });

    t = now();
    const log =
      process.env.BENCH_SERVER_LOG === "1" ? (l: string) => console.error(`server: ${l.slice(0, 400)}`) : () => {};
    const local = await startConvexLocal({ dir: FIXTURE_DIR, dataDir, port: 0, sitePort: 0, workers: 1, log });
    rows.push(["start convex-local (loads the vector index into memory)", `${((now() - t) / 1000).toFixed(1)} s`]);
    const client = new ConvexHttpClient(local.url);
    try {
      let resets = 0;
      const call = (vector: number[], kind?: number) =>
        client.action(anyApi.embeddings.search, {
          vector,
          limit: LIMIT,
          ...(kind === undefined ? {} : { kind }),
        }) as Promise<{ _id: string; _score: number }[]>;
      // The server shares this process's event loop: a keep-alive socket it closes late (its timer held up by a
      // busy loop) resets the next request sent on it (ECONNRESET). Retried, counted, not timed.
      const retried = async <T>(fn: () => Promise<T>, started?: { t: number }): Promise<T> => {
        for (let attempt = 0; ; attempt++) {
          try {
            return await fn();
          } catch (e) {
            if (attempt >= 2 || !/ECONNRESET|other side closed/.test(String((e as Error).cause ?? e))) throw e;
            resets++;
            if (started) started.t = now();
          }
        }
      };
      const search = (vector: number[], kind?: number, started?: { t: number }) =>
        retried(() => call(vector, kind), started);
      // Warm-up (worker start, JIT).
      for (let i = 0; i < 3; i++) await search(randomVector());

      let mismatches = 0;
      for (const c of cases) {
        const local: number[] = [];
        const answers: string[][] = [];
        for (const q of c.queries) {
          const started = { t: now() };
          const hits = await search(q.vector, q.kind, started);
          local.push(now() - started.t);
          answers.push(hits.map((h) => h._id));
        }
        const naive = c.naive;
        c.expected.forEach((expected, i) => {
          if (JSON.stringify(expected) !== JSON.stringify(answers[i])) mismatches++;
        });
        rows.push([
          `vectorSearch limit ${LIMIT}, ${c.name}: action round trip p50 / p95 (${QUERIES} queries)`,
          `${ms(pct(local, 50))} / ${ms(pct(local, 95))}`,
        ]);
        rows.push([
          `naive brute force, ${c.name}: p50 / p95 (${NAIVE_QUERIES} queries, same vectors)`,
          `${ms(pct(naive, 50))} / ${ms(pct(naive, 95))}`,
        ]);
      }
      rows.push(["answers differing from the naive brute force", `${mismatches} of ${2 * NAIVE_QUERIES}`]);
      if (resets) rows.push(["requests retried after a keep-alive reset (not timed)", String(resets)]);

      // The write cost of an indexed vector: 1,000 documents through mutations, 50 per call.
      t = now();
      for (let b = 0; b < 20; b++) {
        const docs = Array.from({ length: 50 }, (_, i) => ({ embedding: randomVector(), kind: i % KINDS }));
        await retried(() => client.mutation(anyApi.embeddings.insert, { docs }));
      }
      rows.push([
        "insert 1,000 more through mutations (50 per call)",
        `${Math.round(1000 / ((now() - t) / 1000)).toLocaleString("en-US")} docs/s`,
      ]);
      const rss = process.memoryUsage().rss;
      rows.push([
        "process RSS after the run (server, index and the naive copy)",
        `${(rss / 1024 ** 3).toFixed(2)} GiB`,
      ]);
      if (mismatches > 0) process.exitCode = 1;
    } finally {
      await local.close();
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  const width = Math.max(...rows.map(([m]) => m.length));
  console.log(
    `\nconvex-local vector search, ${COUNT.toLocaleString("en-US")} x ${DIMS} dims, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"})`,
  );
  for (const [metric, value] of rows) console.log(`  ${metric.padEnd(width)}  ${value}`);
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
