/**
 * The edge API under load: autocannon on loopback against the app served by @hono/node-server,
 * each figure as a ratio to a bare Hono route (`c.text("ok")`, same adapter, same process setup)
 * sent the very same requests in the same run:
 *   - token issuance (`POST /v1/dev/token`, an ES256 signature per request),
 *   - signed-URL issuance (`POST /v1/images/urls`: the bearer token, a stubbed Convex that
 *     answers `images:delivery` at once — so the figure is the edge API's own cost — and the
 *     CloudFront RSA signature: once per 5-minute window for a repeated image ("warm", as a
 *     gallery reloads), or a new one every request for a new image each time ("cold", info),
 *   targets ≥ 50 % of the baseline, with p50/p99 at 100 connections;
 *   - CDN cache hits (`GET /cdn/…` on a signed URL) against a bare Hono route sending the same
 *     bytes (the variant, with its Content-Type), target ≥ 80 % (issue 11: a gallery page is
 *     dozens of `/cdn` hits at once); and
 *   - transform 1024² PNG → 256² WebP through the CDN route (variant cache off, object from
 *     memory, 40 distinct variants round-robin so concurrent requests never share a transform)
 *     vs sharp called directly on the same variants at the same concurrency, target ≥ 80 %;
 *   - token verification under transform load: one client after another POSTs
 *     `/v1/images/urls`, each with a token the server has never seen (a real ES256 verification),
 *     while four connections keep asking the same server for the most expensive transform the
 *     cost ceiling allows (AVIF 1024×1536; the 4096² AVIF of the issue is refused before any
 *     work): p50/p99 of the token requests, target p99 < 50 ms.
 *
 * Every process does one job, so none competes with another inside one event loop: each server
 * (the bare baseline, the edge API, the edge API without variant cache) runs in its own child
 * process, started the same way, with stdout (the edge API's JSON request log, written as in
 * production by `lib/node-deps.ts`) going to /dev/null; autocannon runs in another child; this
 * process only orchestrates and waits.
 *
 * Fairness: the baseline gets the same method, path, headers and body as the route it is compared
 * with, so autocannon (which shares the machine's cores with the server) does the same work per
 * request on both sides and the ratio is the server's own cost. Noise from other work on the
 * machine is met by measuring in rounds, each route right after its baseline, and reporting the
 * median round's ratio. Each server's CPU time per request (all its threads) is reported too:
 * unlike rates, it does not depend on who else wants the cores.
 *
 * Environment: BENCH_SECONDS (per measurement, default 3, after a 1 s warm-up), BENCH_ROUNDS
 * (default 3), BENCH_STRICT=1 (exit 1 on a miss), BENCH_ONLY=cdn (only the app floor and the CDN
 * cache-hit rows, for quick before/after comparisons of the hit path).
 * Run: `npm run bench` (or `npm run bench -- edge-api`) from the repo root.
 */
import { serve } from "@hono/node-server";
// @ts-expect-error autocannon ships no types
import autocannon from "autocannon";
import { Hono } from "hono";
import { fork, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import { fileURLToPath } from "node:url";
import sharp from "sharp";
import { renderLocalImage } from "@pixorly/local-models";
import { createApp } from "../edge-api/src/app";
import { VariantCache } from "../edge-api/src/cdn/cache";
import { cloudFrontEnv, generateCloudFrontKeyPair } from "../edge-api/src/cdn/key-pair";
import type { ConvexCaller } from "../edge-api/src/lib/convex";
import { generateSigningKey } from "../edge-api/src/lib/keys";
import { nodeDeps } from "../edge-api/src/lib/node-deps";

const SELF = fileURLToPath(import.meta.url);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = 100;
/** sharp is CPU-bound: beyond a few jobs per core more concurrency only queues. */
const TRANSFORM_CONCURRENCY = 8;
/** Loopback: the bench runs the app in local mode, which loadConfig allows only on a loopback PUBLIC_URL. */
const PUBLIC_URL = "http://127.0.0.1:8787";
const IMAGE = {
  id: "img_bench",
  s3Key: "images/bench/job/0.png",
  format: "png",
  width: 1024,
  height: 1024,
  isPublic: false,
};
const TRANSFORM = { w: 256, h: 256, f: "webp", q: 80 } as const;
/** The most expensive variant the cost ceiling lets through (AVIF, 1.6 MP). */
const WORST_ALLOWED = { w: 1024, h: 1536, f: "avif", fit: "fill" } as const;
const TOKEN_SECONDS = Number(process.env.BENCH_TOKEN_SECONDS ?? 8);
/** More fresh tokens than the sequential loop can use in TOKEN_SECONDS, so none is verified twice. */
const TOKEN_SAMPLES = 4000;
const TOKEN_P99_TARGET_MS = 50;
/** Distinct qualities, so each in-flight transform request is a different variant. */
const QUALITIES = Array.from({ length: 40 }, (_, i) => 61 + i);

const sourcePng = () =>
  renderLocalImage({
    model: "local/aurora",
    prompt: "a lighthouse on a cliff at dusk",
    seed: 7,
    width: 1024,
    height: 1024,
  }).png;

type ServerKind = "bare" | "edge" | "edge-no-cache";

// ─── server processes ────────────────────────────────────────────────────────────────────────

/** The edge API as `node.ts` builds it, with Convex stubbed and the image object in memory. */
function benchEdgeApp(env: Record<string, string>, variantCacheBytes?: number) {
  const png = sourcePng();
  // `images:delivery` as Convex answers it: every asked id is the caller's, with its own key.
  const delivery = async (_ref: unknown, { ids }: { ids: string[] }) =>
    ids.map((id) => ({ ...IMAGE, id, s3Key: `images/bench/${id}.png` }));
  const stubConvex = () => ({ query: delivery, mutation: delivery, action: delivery }) as unknown as ConvexCaller;
  return createApp(env, {
    ...nodeDeps(),
    convexClient: stubConvex,
    imageObjects: {
      get: async () => ({ body: png, contentType: "image/png", etag: '"bench"' }),
      head: async () => '"bench"',
    },
    imageVariantCache: new VariantCache(variantCacheBytes),
  });
}

/** Bytes the bare baseline sends for `/cdn/*` (the edge API's cached variant, handed over by the orchestrator). */
interface SameBytes {
  base64: string;
  contentType: string;
}

function bareApp() {
  let variant: { body: Uint8Array<ArrayBuffer>; contentType: string } | null = null;
  process.on("message", (m: SameBytes | string) => {
    if (typeof m === "object") {
      variant = { body: new Uint8Array(Buffer.from(m.base64, "base64")), contentType: m.contentType };
      process.send!({ ok: true });
    }
  });
  // The baseline answers any method and path, so each route is compared with the very same request;
  // `/cdn/*` sends the same bytes the CDN route serves from its cache, with their Content-Type.
  return new Hono().all("*", (c) =>
    variant && c.req.path.startsWith("/cdn/")
      ? c.body(variant.body, 200, { "Content-Type": variant.contentType })
      : c.text("ok"),
  );
}

function serverMain(kind: ServerKind) {
  const env = JSON.parse(process.env.BENCH_EDGE_ENV!) as Record<string, string>;
  const app = kind === "bare" ? bareApp() : benchEdgeApp(env, kind === "edge-no-cache" ? 0 : undefined);
  const server = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 }, (info) =>
    process.send!({ port: info.port }),
  );
  // Asked between runs: this process's CPU time so far (µs, every thread: GC, libuv pool, sharp).
  process.on("message", (m) => {
    if (m !== "cpu") return;
    const { user, system } = process.cpuUsage();
    process.send!({ cpuMicros: user + system });
  });
  process.on("disconnect", () => {
    server.close();
    setTimeout(() => process.exit(0), 1000).unref();
  });
}

// ─── load-generator process ──────────────────────────────────────────────────────────────────

interface LoadJob {
  kind: "load";
  url: string;
  /** Seconds; SECONDS unless a warm-up. */
  duration?: number;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  connections?: number;
  /** Replace `[<id>]` in the body with a fresh id per request. */
  idReplacement?: boolean;
  /** Round-robin over these paths instead of the URL's. */
  paths?: string[];
}

interface SharpJob {
  kind: "sharp";
  concurrency: number;
}

/** Sequential token checks (a fresh token each) while `background` loads the same server. */
interface TokenUnderLoadJob {
  kind: "tokens-under-load";
  url: string;
  tokens: string[];
  body: string;
  background: LoadJob[];
  seconds: number;
}

interface LoadResult {
  rps: number;
  requests: number;
  /** Latency percentiles in ms (null for sharp called directly: no requests). */
  p50: number | null;
  p99: number | null;
  /** Answers of the background load by status (token checks under load). */
  background?: Record<string, number>[];
}

async function runLoad({
  url,
  paths,
  connections = CONNECTIONS,
  duration = SECONDS,
  kind: _,
  ...options
}: LoadJob): Promise<LoadResult> {
  let next = 0;
  const requests = paths
    ? [{ setupRequest: (req: { path: string }) => ({ ...req, path: paths[next++ % paths.length] }) }]
    : undefined;
  const result = await autocannon({ url, duration, connections, ...options, ...(requests ? { requests } : {}) });
  const failed = result.non2xx + result.errors + result.timeouts;
  if (failed > 0)
    throw new Error(
      `${url}: ${failed} failed requests (non-2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts})`,
    );
  return {
    rps: result.requests.average,
    requests: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
  };
}

/** sharp alone, `concurrency` transforms in flight for `SECONDS`: transforms per second. */
async function sharpDirect(concurrency: number): Promise<LoadResult> {
  const png = sourcePng();
  let next = 0;
  const once = () =>
    sharp(png)
      .resize(TRANSFORM.w, TRANSFORM.h)
      .webp({ quality: QUALITIES[next++ % QUALITIES.length] })
      .toBuffer();
  const until = async (ms: number) => {
    const end = performance.now() + ms;
    let done = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < end) {
          await once();
          done++;
        }
      }),
    );
    return done;
  };
  await until(1000);
  const started = performance.now();
  const done = await until(SECONDS * 1000);
  return { rps: done / ((performance.now() - started) / 1000), requests: done, p50: null, p99: null };
}

/** Latencies of token requests made one after another while the background load runs. */
async function tokensUnderLoad({ url, tokens, body, background, seconds }: TokenUnderLoadJob): Promise<LoadResult> {
  const loads = background.map((job) => autocannonRun(job, seconds + 2));
  await new Promise((r) => setTimeout(r, 1000)); // let the transforms occupy the server first
  const latencies: number[] = [];
  const end = performance.now() + seconds * 1000;
  for (const token of tokens) {
    if (performance.now() >= end) break;
    const started = performance.now();
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body,
    });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`token request answered ${res.status}`);
    latencies.push(performance.now() - started);
  }
  const statuses = await Promise.all(loads);
  latencies.sort((a, b) => a - b);
  const at = (p: number) =>
    Math.round(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))]! * 10) / 10;
  return {
    rps: latencies.length / seconds,
    requests: latencies.length,
    p50: at(0.5),
    p99: at(0.99),
    background: statuses,
  };
}

/** autocannon for `seconds`, counting answers by status instead of failing on non-2xx (refusals are expected here). */
function autocannonRun(
  { url, paths, connections = CONNECTIONS }: LoadJob,
  seconds: number,
): Promise<Record<string, number>> {
  let next = 0;
  const requests = paths
    ? [{ setupRequest: (req: { path: string }) => ({ ...req, path: paths[next++ % paths.length] }) }]
    : undefined;
  return autocannon({ url, duration: seconds, connections, ...(requests ? { requests } : {}) }).then(
    (result: { statusCodeStats: Record<string, { count: number }> }) =>
      Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, { count }]) => [code, count])),
  );
}

function loadMain() {
  process.on("message", async (job: LoadJob | SharpJob | TokenUnderLoadJob) => {
    try {
      const result =
        job.kind === "sharp"
          ? sharpDirect(job.concurrency)
          : job.kind === "tokens-under-load"
            ? tokensUnderLoad(job)
            : runLoad(job);
      process.send!({ ok: await result });
    } catch (error) {
      process.send!({ error: String(error) });
    }
  });
  process.on("disconnect", () => process.exit(0));
}

// ─── orchestrator ────────────────────────────────────────────────────────────────────────────

const devNull = () => fs.openSync("/dev/null", "w");

function child(role: string, env: Record<string, string> = {}): ChildProcess {
  return fork(SELF, [role], {
    execArgv: process.execArgv,
    env: { ...process.env, ...env },
    stdio: ["ignore", role.startsWith("--server") ? devNull() : "inherit", "inherit", "ipc"],
  });
}

function nextMessage<T>(proc: ChildProcess): Promise<T> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`bench child exited (code ${code})`));
    proc.once("exit", onExit);
    proc.once("message", (m) => {
      proc.off("exit", onExit);
      resolve(m as T);
    });
  });
}

interface Server {
  proc: ChildProcess;
  origin: string;
  /** The process's CPU time so far, in µs. */
  cpu(): Promise<number>;
}

async function startServer(kind: ServerKind, env: Record<string, string>): Promise<Server> {
  const proc = child(`--server=${kind}`, { BENCH_EDGE_ENV: JSON.stringify(env) });
  const { port } = await nextMessage<{ port: number }>(proc);
  const cpu = async () => {
    const answer = nextMessage<{ cpuMicros: number }>(proc);
    proc.send("cpu");
    return (await answer).cpuMicros;
  };
  return { proc, origin: `http://127.0.0.1:${port}`, cpu };
}

/** A measured run after a 1 s warm-up (JIT, caches, keep-alive connections), with the server's CPU per request. */
interface Measured extends LoadResult {
  cpuPerRequest: number;
}

interface Measurement {
  metric: string;
  /** The ratio's target; null for information rows. */
  target: number | null;
  job: LoadJob;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main() {
  const env = {
    PUBLIC_URL,
    CONVEX_URL: "http://convex.bench",
    LOCAL_MODE: "1",
    SIGNING_KEYS: JSON.stringify([await generateSigningKey("bench")]),
    ...cloudFrontEnv(await generateCloudFrontKeyPair("KBENCH")),
  };
  const [bare, edge, edgeNoCache] = await Promise.all(
    (["bare", "edge", "edge-no-cache"] as const).map((kind) => startServer(kind, env)),
  );
  const loader = child("--load");
  const load = async (job: LoadJob | SharpJob | TokenUnderLoadJob): Promise<LoadResult> => {
    const answer = nextMessage<{ ok?: LoadResult; error?: string }>(loader);
    loader.send(job);
    const { ok, error } = await answer;
    if (!ok) throw new Error(error);
    return ok;
  };

  const json = { "content-type": "application/json" };
  const { token } = await (
    await fetch(`${edge.origin}/v1/dev/token`, { method: "POST", headers: json, body: "{}" })
  ).json();
  const auth = { ...json, authorization: `Bearer ${token}` };
  const signed = async (transform: object) =>
    (
      await (
        await fetch(`${edge.origin}/v1/images/urls`, {
          method: "POST",
          headers: auth,
          body: JSON.stringify({ ids: [IMAGE.id], transform }),
        })
      ).json()
    ).urls[0].url as string;
  const pathOf = (url: string) => url.slice(PUBLIC_URL.length);
  const variantPath = pathOf(await signed(TRANSFORM));
  const variantPaths = await Promise.all(QUALITIES.map(async (q) => pathOf(await signed({ ...TRANSFORM, q }))));
  // The baseline's `/cdn/*` answer: the very bytes (and type) the CDN route serves for `variantPath`.
  const variant = await fetch(`${edge.origin}${variantPath}`);
  if (variant.status !== 200) throw new Error(`the CDN answered ${variant.status} for the bench variant`);
  const variantBytes = {
    base64: Buffer.from(await variant.arrayBuffer()).toString("base64"),
    contentType: variant.headers.get("content-type")!,
  };
  const handedOver = nextMessage<{ ok: boolean }>(bare.proc);
  bare.proc.send(variantBytes);
  await handedOver;

  const cdnHit: Measurement = {
    metric: `CDN cache hit (GET /cdn/…, signed) vs bare Hono sending the same ${Buffer.from(variantBytes.base64, "base64").byteLength}-byte ${variantBytes.contentType}`,
    target: 0.8,
    job: { kind: "load", url: `${edge.origin}${variantPath}` },
  };
  const only = process.env.BENCH_ONLY;
  const floor: Measurement = {
    metric: "edge app floor: every middleware, static JSON (GET /.well-known/jwks.json)",
    target: null,
    job: { kind: "load", url: `${edge.origin}/.well-known/jwks.json` },
  };
  const measurements: Measurement[] =
    only === "cdn"
      ? [floor, cdnHit]
      : [
          floor,
          {
            metric: "token issuance (POST /v1/dev/token)",
            target: 0.5,
            job: { kind: "load", url: `${edge.origin}/v1/dev/token`, method: "POST", headers: json, body: "{}" },
          },
          {
            metric: "signed-URL issuance, warm (POST /v1/images/urls, stub Convex)",
            target: 0.5,
            job: {
              kind: "load",
              url: `${edge.origin}/v1/images/urls`,
              method: "POST",
              headers: auth,
              body: JSON.stringify({ ids: [IMAGE.id], transform: TRANSFORM }),
            },
          },
          {
            metric: "signed-URL issuance, cold (a new RSA signature each)",
            target: null,
            job: {
              kind: "load",
              url: `${edge.origin}/v1/images/urls`,
              method: "POST",
              headers: auth,
              body: JSON.stringify({ ids: ["img_[<id>]"], transform: TRANSFORM }),
              idReplacement: true,
            },
          },
          cdnHit,
        ];

  const measure = async (server: Server, job: LoadJob): Promise<Measured> => {
    await load({ ...job, duration: 1 });
    const before = await server.cpu();
    const result = await load(job);
    return { ...result, cpuPerRequest: ((await server.cpu()) - before) / result.requests };
  };

  const loadBefore = os.loadavg()[0]!;
  const results = measurements.map(() => [] as { result: Measured; baseline: Measured; ratio: number }[]);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, m] of measurements.entries()) {
      // The baseline right before each route, with the very same request (method, path, headers,
      // body): the pair sees the same machine and gives autocannon the same work per request.
      const baseline = await measure(bare, { ...m.job, url: m.job.url.replace(edge.origin, bare.origin) });
      const result = await measure(edge, m.job);
      results[i]!.push({ result, baseline, ratio: result.rps / baseline.rps });
    }
  }
  // The transform and token-under-load rows (skipped with BENCH_ONLY=cdn).
  const heavyRows = async () => {
    const routeTransform = await measure(edgeNoCache, {
      kind: "load",
      url: edgeNoCache.origin,
      connections: TRANSFORM_CONCURRENCY,
      paths: variantPaths,
    });
    const direct = await load({ kind: "sharp", concurrency: TRANSFORM_CONCURRENCY });

    // Token checks on the server that transforms (no variant cache), each token new to it.
    const signedOn = async (origin: string, transform: object) =>
      (
        await (
          await fetch(`${origin}/v1/images/urls`, {
            method: "POST",
            headers: auth,
            body: JSON.stringify({ ids: [IMAGE.id], transform }),
          })
        ).json()
      ).urls[0].url as string;
    const heaviest = await Promise.all(
      QUALITIES.slice(0, 8).map(async (q) => pathOf(await signedOn(edgeNoCache.origin, { ...WORST_ALLOWED, q }))),
    );
    const tokens: string[] = [];
    for (let batch = 0; batch < TOKEN_SAMPLES; batch += 100) {
      const minted = await Promise.all(
        Array.from(
          { length: 100 },
          async (_, i) =>
            (
              await (
                await fetch(`${edgeNoCache.origin}/v1/dev/token`, {
                  method: "POST",
                  headers: json,
                  body: JSON.stringify({ userId: `bench-${batch + i}` }),
                })
              ).json()
            ).token as string,
        ),
      );
      tokens.push(...minted);
    }
    return {
      routeTransform,
      direct,
      underLoad: await load({
        kind: "tokens-under-load",
        url: `${edgeNoCache.origin}/v1/images/urls`,
        tokens,
        body: JSON.stringify({ ids: [IMAGE.id] }),
        background: [{ kind: "load", url: edgeNoCache.origin, connections: 4, paths: heaviest }],
        seconds: TOKEN_SECONDS,
      }),
    };
  };
  const heavy = only === "cdn" ? null : await heavyRows();
  const loadAfter = os.loadavg()[0]!;
  for (const proc of [bare.proc, edge.proc, edgeNoCache.proc, loader]) proc.disconnect();

  const rows: string[][] = [];
  let missed = 0;
  const rate = (rps: number) => `${Math.round(rps).toLocaleString("en-US")}/s`;
  const ms = (v: number | null) => (v === null ? "-" : `${v} ms`);
  const pct = (ratio: number) => `${(ratio * 100).toFixed(0)} %`;
  const cpu = (m: Measured | null) => (m ? `${Math.round(m.cpuPerRequest)} µs` : "-");
  const row = (
    metric: string,
    result: Measured,
    baseline: LoadResult,
    baselineCpu: Measured | null,
    ratio: number,
    rounds: number[] | null,
    target: number | null,
  ) => {
    const pass = target === null || ratio >= target;
    if (!pass) missed++;
    rows.push([
      metric,
      rate(result.rps),
      rate(baseline.rps),
      pct(ratio),
      rounds ? rounds.map(pct).join(" / ") : "-",
      ms(result.p50),
      ms(result.p99),
      `${cpu(result)} (${cpu(baselineCpu)})`,
      target === null ? "-" : `≥ ${target * 100} %`,
      target === null ? "info" : pass ? "PASS" : "FAIL",
    ]);
  };
  for (const [i, m] of measurements.entries()) {
    const ratios = results[i]!.map((r) => r.ratio);
    const mid = results[i]!.find((r) => r.ratio === median(ratios))!;
    row(m.metric, mid.result, mid.baseline, mid.baseline, mid.ratio, ratios, m.target);
  }
  if (heavy) {
    row(
      `transform 1024²→256² WebP via /cdn (baseline: sharp direct, ${TRANSFORM_CONCURRENCY} in flight)`,
      heavy.routeTransform,
      heavy.direct,
      null,
      heavy.routeTransform.rps / heavy.direct.rps,
      null,
      0.8,
    );
    const tokenPass = heavy.underLoad.p99! < TOKEN_P99_TARGET_MS;
    if (!tokenPass) missed++;
    const [transformAnswers] = heavy.underLoad.background!;
    rows.push([
      "token verification (POST /v1/images/urls, a new token each, one at a time) while 4 connections ask for AVIF 1024×1536",
      rate(heavy.underLoad.rps),
      "-",
      "-",
      `transform answers: ${JSON.stringify(transformAnswers)}`,
      ms(heavy.underLoad.p50),
      ms(heavy.underLoad.p99),
      "-",
      `p99 < ${TOKEN_P99_TARGET_MS} ms`,
      tokenPass ? "PASS" : "FAIL",
    ]);
  }
  const header = [
    "Metric",
    "Rate",
    "Baseline",
    "Ratio",
    "Ratio per round",
    "p50",
    "p99",
    "Server CPU/req (baseline)",
    "Target",
    "Result",
  ];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  const cpus = os.cpus();
  console.log(
    `edge API bench: ${cpus.length} × ${cpus[0]?.model ?? "CPU"}, node ${process.version}; ${ROUNDS} rounds of ${SECONDS} s per measurement ` +
      `(after 1 s warm-up), ${CONNECTIONS} connections (transforms: ${TRANSFORM_CONCURRENCY}); baseline: the same request to a bare ` +
      `Hono route (c.text("ok")) run just before; each ratio is the median round's; load average ${loadBefore.toFixed(1)} → ${loadAfter.toFixed(1)}\n`,
  );
  console.log(line(header));
  console.log(line(widths.map((w) => "-".repeat(w))));
  for (const r of rows) console.log(line(r));
  if (missed > 0 && process.env.BENCH_STRICT === "1") process.exit(1);
}

const role = process.argv[2] ?? "";
if (role.startsWith("--server=")) serverMain(role.slice("--server=".length) as ServerKind);
else if (role === "--load") loadMain();
else await main();
