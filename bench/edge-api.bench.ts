/**
 * The edge API under load: autocannon on loopback against the app served by @hono/node-server,
 * each figure next to a bare Hono route measured in the same run (the baseline):
 *   - token issuance (`POST /v1/dev/token`, an ES256 signature per request),
 *   - signed-URL issuance (`POST /v1/images/urls`: token verification, a stubbed Convex that
 *     answers `images:delivery` at once — so the figure is the edge API's own cost — and the
 *     CloudFront RSA-SHA1 signature: once per 5-minute window for a repeated image ("warm", as a
 *     gallery reloads), or a new one every request for a new image each time ("cold", info),
 *   - CDN cache hits (`GET /cdn/…` on a signed URL: signature verification + memory cache),
 *   targets ≥ 50 % of the baseline, p99 at 100 connections; and
 *   - transform 1024² PNG → 256² WebP through the CDN route (variant cache off, object from
 *     memory, 40 distinct variants round-robin so concurrent requests never share a transform)
 *     vs sharp called directly on the same variants at the same concurrency, target ≥ 80 %.
 *
 * The servers run in a child process so they do not share an event loop with autocannon.
 * Environment: BENCH_SECONDS (per measurement, default 5), BENCH_STRICT=1 (exit 1 on a miss).
 * Run: `npm run bench` (or `npm run bench -- edge-api`) from the repo root.
 */
import { serve, type ServerType } from "@hono/node-server";
// @ts-expect-error autocannon ships no types
import autocannon from "autocannon";
import { Hono } from "hono";
import { fork } from "node:child_process";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import sharp from "sharp";
import { renderLocalImage } from "@pixorly/local-models";
import { createApp } from "../edge-api/src/app";
import { VariantCache } from "../edge-api/src/cdn/cache";
import { cloudFrontEnv, generateCloudFrontKeyPair } from "../edge-api/src/cdn/key-pair";
import { transformImage } from "../edge-api/src/cdn/transform";
import type { ConvexCaller } from "../edge-api/src/lib/convex";
import { generateSigningKey } from "../edge-api/src/lib/keys";

const SELF = fileURLToPath(import.meta.url);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = 100;
/** sharp is CPU-bound: beyond a few jobs per core more concurrency only queues. */
const TRANSFORM_CONCURRENCY = 8;
const PUBLIC_URL = "http://edge.bench";
const IMAGE = { id: "img_bench", s3Key: "images/bench/job/0.png", format: "png", width: 1024, height: 1024, isPublic: false };
const TRANSFORM = { w: 256, h: 256, f: "webp", q: 80 } as const;
/** Distinct qualities, so each in-flight transform request is a different variant. */
const QUALITIES = Array.from({ length: 40 }, (_, i) => 61 + i);

const sourcePng = () => renderLocalImage({ model: "local/aurora", prompt: "a lighthouse on a cliff at dusk", seed: 7, width: 1024, height: 1024 }).png;

interface Ports {
  bare: number;
  edge: number;
  /** The same app with a zero-byte variant cache: every CDN request transforms. */
  edgeNoCache: number;
}

/** Child process: the bare baseline and two edge API instances, until the parent disconnects. */
async function serverMain() {
  const png = sourcePng();
  const keys = await generateCloudFrontKeyPair("KBENCH");
  const env = { PUBLIC_URL, CONVEX_URL: "http://convex.bench", LOCAL_MODE: "1", SIGNING_KEYS: JSON.stringify([await generateSigningKey("bench")]), ...cloudFrontEnv(keys) };
  // `images:delivery` as Convex answers it: every asked id is the caller's, with its own key.
  const delivery = async (_ref: unknown, { ids }: { ids: string[] }) => ids.map((id) => ({ ...IMAGE, id, s3Key: `images/bench/${id}.png` }));
  const stubConvex = () => ({ query: delivery, mutation: delivery, action: delivery }) as unknown as ConvexCaller;
  const edgeApp = (cacheBytes?: number) =>
    createApp(env, {
      logger: () => {},
      convexClient: stubConvex,
      imageTransformer: transformImage,
      imageObjects: { get: async () => ({ body: png, contentType: "image/png" }) },
      imageVariantCache: new VariantCache(cacheBytes),
    });
  const bare = new Hono().get("/bare", (c) => c.text("ok"));
  const listen = (fetch: (req: Request) => Response | Promise<Response>) =>
    new Promise<ServerType>((resolve) => {
      const server = serve({ fetch, hostname: "127.0.0.1", port: 0 }, () => resolve(server));
    });
  const servers = [await listen(bare.fetch), await listen(edgeApp().fetch), await listen(edgeApp(0).fetch)];
  const [b, e, n] = servers.map((s) => (s.address() as AddressInfo).port);
  process.send!({ bare: b, edge: e, edgeNoCache: n } satisfies Ports);
  process.on("disconnect", () => {
    for (const server of servers) server.close();
    setTimeout(() => process.exit(0), 2000).unref();
  });
}

interface LoadResult {
  rps: number;
  p99: number;
}

interface LoadOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  connections?: number;
  /** Replace `[<id>]` in the body with a fresh id per request. */
  idReplacement?: boolean;
  /** Round-robin over these paths instead of the URL's. */
  paths?: string[];
}

async function load(url: string, { paths, ...options }: LoadOptions = {}): Promise<LoadResult> {
  let next = 0;
  const requests = paths ? [{ setupRequest: (req: { path: string }) => ({ ...req, path: paths[next++ % paths.length] }) }] : undefined;
  const run = (duration: number) => autocannon({ url, duration, ...options, connections: options.connections ?? CONNECTIONS, ...(requests ? { requests } : {}) });
  await run(1); // warm up (JIT, caches, keep-alive connections)
  const result = await run(SECONDS);
  const failed = result.non2xx + result.errors + result.timeouts;
  if (failed > 0) throw new Error(`${url}: ${failed} failed requests (non-2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts})`);
  return { rps: result.requests.average, p99: result.latency.p99 };
}

/** sharp alone, `concurrency` transforms in flight for `SECONDS`: transforms per second. */
async function sharpDirect(png: Uint8Array, concurrency: number): Promise<number> {
  let next = 0;
  const once = () => sharp(png).resize(TRANSFORM.w, TRANSFORM.h).webp({ quality: QUALITIES[next++ % QUALITIES.length] }).toBuffer();
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
  return done / ((performance.now() - started) / 1000);
}

async function main() {
  const child = fork(SELF, ["--server"], { execArgv: process.execArgv, stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const ports = await new Promise<Ports>((resolve, reject) => {
    child.once("message", (m) => resolve(m as Ports));
    child.once("exit", (code) => reject(new Error(`bench server exited before it was ready (code ${code})`)));
  });
  const edge = `http://127.0.0.1:${ports.edge}`;
  const onPort = (url: string, port: number) => url.replace(PUBLIC_URL, `http://127.0.0.1:${port}`);
  const json = { "content-type": "application/json" };

  const { token } = await (await fetch(`${edge}/v1/dev/token`, { method: "POST", headers: json, body: "{}" })).json();
  const auth = { ...json, authorization: `Bearer ${token}` };
  const signed = async (transform: object) =>
    (await (await fetch(`${edge}/v1/images/urls`, { method: "POST", headers: auth, body: JSON.stringify({ ids: [IMAGE.id], transform }) })).json()).urls[0].url as string;
  const variantUrl = await signed(TRANSFORM);
  const pathOf = (url: string) => url.slice(PUBLIC_URL.length);
  const variantPaths = await Promise.all(QUALITIES.map(async (q) => pathOf(await signed({ ...TRANSFORM, q }))));

  const baseline = await load(`http://127.0.0.1:${ports.bare}/bare`);
  const floor = await load(`${edge}/.well-known/jwks.json`);
  const tokens = await load(`${edge}/v1/dev/token`, { method: "POST", headers: json, body: "{}" });
  const urlsWarm = await load(`${edge}/v1/images/urls`, { method: "POST", headers: auth, body: JSON.stringify({ ids: [IMAGE.id], transform: TRANSFORM }) });
  const urlsCold = await load(`${edge}/v1/images/urls`, { method: "POST", headers: auth, body: JSON.stringify({ ids: ["img_[<id>]"], transform: TRANSFORM }), idReplacement: true });
  const hits = await load(onPort(variantUrl, ports.edge));
  const routeTransform = await load(`http://127.0.0.1:${ports.edgeNoCache}`, { connections: TRANSFORM_CONCURRENCY, paths: variantPaths });
  const direct = await sharpDirect(sourcePng(), TRANSFORM_CONCURRENCY);
  child.disconnect();

  const rows: string[][] = [];
  let missed = 0;
  const row = (metric: string, rps: number, ratioOf: number, p99: number | null, target: number) => {
    const ratio = rps / ratioOf;
    if (ratio < target) missed++;
    rows.push([metric, `${Math.round(rps).toLocaleString("en-US")}/s`, `${(ratio * 100).toFixed(0)} %`, p99 === null ? "-" : `${p99} ms`, `≥ ${target * 100} %`, ratio >= target ? "PASS" : "FAIL"]);
  };
  const info = (metric: string, rps: number, ratioOf: number, p99: number | null) =>
    rows.push([metric, `${Math.round(rps).toLocaleString("en-US")}/s`, `${((rps / ratioOf) * 100).toFixed(0)} %`, p99 === null ? "-" : `${p99} ms`, "-", "info"]);
  info("bare Hono route (baseline)", baseline.rps, baseline.rps, baseline.p99);
  info("edge app floor: every middleware, static JSON (GET /.well-known/jwks.json)", floor.rps, baseline.rps, floor.p99);
  row("token issuance (POST /v1/dev/token)", tokens.rps, baseline.rps, tokens.p99, 0.5);
  row("signed-URL issuance, warm (POST /v1/images/urls, stub Convex)", urlsWarm.rps, baseline.rps, urlsWarm.p99, 0.5);
  info("signed-URL issuance, cold (a new RSA signature each)", urlsCold.rps, baseline.rps, urlsCold.p99);
  row("CDN cache hit (GET /cdn/…, signed)", hits.rps, baseline.rps, hits.p99, 0.5);
  row(`transform 1024²→256² WebP via /cdn (vs sharp direct, ${TRANSFORM_CONCURRENCY} in flight)`, routeTransform.rps, direct, routeTransform.p99, 0.8);
  info(`sharp direct, ${TRANSFORM_CONCURRENCY} in flight (transform baseline)`, direct, direct, null);

  const header = ["Metric", "Rate", "Ratio", "p99", "Target", "Result"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  console.log(`edge API bench: ${SECONDS} s per run, ${CONNECTIONS} connections (transforms: ${TRANSFORM_CONCURRENCY}), node ${process.version}\n`);
  console.log(line(header));
  console.log(line(widths.map((w) => "-".repeat(w))));
  for (const r of rows) console.log(line(r));
  if (missed > 0 && process.env.BENCH_STRICT === "1") process.exit(1);
}

if (process.argv.includes("--server")) await serverMain();
else await main();
