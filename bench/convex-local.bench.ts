/**
 * convex-local benchmark: commit throughput, query latency and subscription
 * fan-out through the official `convex/browser` clients, with baselines
 * measured in the same run (raw SQLite, the Store layer alone, the engine
 * without a network, bare `ws` and bare HTTP round trips) so the table shows
 * how much of the time is the store, the engine and the protocol.
 *
 * SQLite binding: convex-local uses Node's `node:sqlite`. Section 0 measures it beside better-sqlite3 (the
 * native binding it used before) in the same run, raw and under the Store layer, when better-sqlite3 is
 * installed for this Node: it is no dependency any more, so point BENCH_BETTER_SQLITE3 at an installed copy
 * (e.g. `npm install --no-save better-sqlite3@12.11.1`, built against Node 24's headers; the README says how).
 *
 * The server (convex-local on the fixture app, plus the bare ws/HTTP echo
 * servers of the baselines) runs in a child process by default, so it does not
 * share an event loop with the 100 clients of the fan-out test, as in real
 * use. Environment:
 *   BENCH_INPROC=1           run the server in this process instead
 *   BENCH_SERVER_PROF=<dir>  write a CPU profile of the server process there (child mode)
 *   BENCH_SCALE=<x>          multiply every count (e.g. 0.25 for a quick run)
 *   BENCH_STRICT=1           exit 1 when a target is missed (default: report only)
 *   BENCH_ONLY=renders       run only section 4 (live updates while eight 1024² renders run)
 *   BENCH_ONLY=search        run only section 5 (paginated filtered search over 10,000 documents)
 *   BENCH_ONLY=fanout        run only section 6 (fan-out to 1,000 subscribed ConvexClients)
 *   BENCH_ONLY=commit        run only section 7 (small-mutation throughput with group commit beside raw SQLite)
 *   BENCH_ONLY=sqlite        run only section 0 (node:sqlite beside better-sqlite3, raw and under the Store layer)
 *   BENCH_BETTER_SQLITE3=<path>  the better-sqlite3 package to compare with (default: `better-sqlite3` if it resolves)
 *
 * Run: `npm run bench` or `npx tsx bench/convex-local.bench.ts` from the repo root.
 */
import { fork, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { ConvexClient, ConvexHttpClient } from "convex/browser";
import { anyApi } from "convex/server";
import { WebSocket, WebSocketServer } from "ws";
import { makeId } from "../packages/convex-local/src/ids.ts";
import { parseSchema } from "../packages/convex-local/src/schema.ts";
import { Database } from "../packages/convex-local/src/sqlite.ts";
import { Store } from "../packages/convex-local/src/store.ts";
import fixtureSchema from "../packages/convex-local/test/fixture/convex/schema.ts";

const SELF = fileURLToPath(import.meta.url);
const ROOT = path.resolve(path.dirname(SELF), "..");
const FIXTURE_DIR = path.join(ROOT, "packages/convex-local/test/fixture/convex");
const HOST = "127.0.0.1";
const SCALE = Number(process.env.BENCH_SCALE ?? "1") || 1;
const n = (count: number) => Math.max(10, Math.round(count * SCALE));

const CFG = {
  mutations: n(4000),
  httpSequentialMutations: n(2000),
  httpConcurrency: 16,
  queries: n(2000),
  queryWarmup: n(200),
  subscribers: 100,
  fanoutRounds: Math.max(5, Math.round(50 * Math.min(SCALE, 1))),
  fanoutWarmupRounds: 5,
  baselineInserts: n(4000),
  /** Upper bound on the wall time of any one measurement loop. */
  loopBudgetMs: 60_000,
  callTimeoutMs: 10_000,
};

const TARGETS = {
  mutationsPerSec: 2000,
  queryP99Ms: 5,
  fanoutP99Ms: 50,
  liveWhileRenderingP95Ms: 20,
  searchP95Ms: 50,
  fanout1000P99Ms: 100,
  groupCommitPerSec: 5000,
};
/** Section 6: issue 10's fan-out, 1,000 subscribed ConvexClients. */
const FANOUT_1000 = {
  subscribers: Math.max(100, Math.round(1000 * Math.min(SCALE, 1))),
  rounds: Math.max(10, Math.round(50 * Math.min(SCALE, 1))),
};
/** Section 5: a gallery's prompt search (Pixorly's images.search) over one user's 10,000 documents. */
const SEARCH = {
  docs: n(10_000),
  others: n(2_000),
  pageSize: 50,
  samples: n(300),
  scanSamples: Math.max(5, Math.round(20 * Math.min(SCALE, 1))),
};
/** Section 4: eight 1024² local renders at once, as `npm start` runs eight jobs in flight. */
const RENDERS = { concurrent: 8, size: 1024, rounds: Math.max(20, Math.round(150 * Math.min(SCALE, 1))) };

const now = () => performance.now();
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: timed out after ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

type Stats = { n: number; p50: number; p90: number; p95: number; p99: number; max: number; mean: number };

function stats(samples: number[]): Stats {
  if (samples.length === 0) return { n: 0, p50: NaN, p90: NaN, p95: NaN, p99: NaN, max: NaN, mean: NaN };
  const s = [...samples].sort((a, b) => a - b);
  // Nearest-rank percentile.
  const pct = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
  return {
    n: s.length,
    p50: pct(50),
    p90: pct(90),
    p95: pct(95),
    p99: pct(99),
    max: s[s.length - 1],
    mean: s.reduce((a, b) => a + b, 0) / s.length,
  };
}

/** Sequential calls of `fn`, bounded by count and by `budgetMs`; returns per-call latencies in ms. */
async function latencies(
  count: number,
  warmup: number,
  budgetMs: number,
  fn: (i: number) => Promise<unknown>,
): Promise<number[]> {
  const deadline = now() + budgetMs;
  for (let i = 0; i < warmup && now() < deadline; i++) await fn(i);
  const out: number[] = [];
  while (out.length < count && now() < deadline) {
    const t = now();
    await fn(out.length);
    out.push(now() - t);
  }
  return out;
}

/** Runs `count` calls with at most `concurrency` in flight; returns calls per second. */
async function throughput(count: number, concurrency: number, fn: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const t0 = now();
  const deadline = t0 + CFG.loopBudgetMs;
  const worker = async () => {
    while (next < count && now() < deadline) await fn(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  if (next < count) throw new Error(`only ${next} of ${count} calls finished within ${CFG.loopBudgetMs} ms`);
  return count / ((now() - t0) / 1000);
}

// ---------------------------------------------------------------------------
// Server side: convex-local on the fixture app + bare ws / HTTP echo servers.
// ---------------------------------------------------------------------------

type ServerInfo = { url: string; echoUrl: string; dataDir: string };
type EngineResult = { incPerSec: number; sendPerSec: number; query: Stats };
type ServerSide = { info: ServerInfo; rpc(cmd: string, arg?: unknown): Promise<unknown>; close(): Promise<void> };

function listen(server: http.Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, HOST, () => resolve((server.address() as AddressInfo).port));
  });
}

async function startServerSide(workers?: number): Promise<ServerSide> {
  process.env.TEST_JWT_ISSUER ??= "http://127.0.0.1:9";
  const { startConvexLocal } = await import("../packages/convex-local/src/index.ts");
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "convex-local-bench-"));
  const log =
    process.env.BENCH_SERVER_LOG === "1"
      ? (l: string) => console.error(`server ${now().toFixed(0)} ${l.slice(0, 300)}`)
      : () => {};
  const local = await startConvexLocal({ dir: FIXTURE_DIR, dataDir, port: 0, sitePort: 0, reset: true, log, workers });

  // Baseline servers: an HTTP endpoint answering like /api/query, and a ws echo.
  const echo = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      JSON.parse(Buffer.concat(chunks).toString("utf8") || "null");
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ status: "success", value: 1, logLines: [] }));
    });
  });
  const wss = new WebSocketServer({ server: echo });
  wss.on("connection", (ws) => ws.on("message", (data, isBinary) => ws.send(data as Buffer, { binary: isBinary })));
  const echoPort = await listen(echo);

  const engine = local.engine;
  const opts = { publicOnly: true };
  async function engineBench(arg: { mutations: number; queries: number; warmup: number }): Promise<EngineResult> {
    for (let i = 0; i < arg.warmup; i++) {
      await engine.runMutation("counters:increment", { name: "engine-warmup" }, null, opts);
      await engine.runMutation(
        "messages:send",
        { author: "engine-warmup", body: `warm-up ${i}`, channel: "warmup" },
        null,
        opts,
      );
    }
    let t0 = now();
    const inc = await latencies(arg.mutations, 0, CFG.loopBudgetMs, () =>
      engine.runMutation("counters:increment", { name: "engine" }, null, opts),
    );
    const incPerSec = inc.length / ((now() - t0) / 1000);
    t0 = now();
    const send = await latencies(arg.mutations, 0, CFG.loopBudgetMs, (i) =>
      engine.runMutation("messages:send", { author: "engine", body: `message ${i}`, channel: "engine" }, null, opts),
    );
    const sendPerSec = send.length / ((now() - t0) / 1000);
    const query = await latencies(arg.queries, arg.warmup, CFG.loopBudgetMs, () =>
      engine.runQuery("counters:get", { name: "engine" }, null, opts),
    );
    return { incPerSec, sendPerSec, query: stats(query) };
  }

  return {
    info: { url: local.url, echoUrl: `http://${HOST}:${echoPort}`, dataDir },
    async rpc(cmd, arg) {
      if (cmd === "engine") return engineBench(arg as { mutations: number; queries: number; warmup: number });
      if (cmd === "cpu") return process.cpuUsage();
      if (cmd === "searchEngine") {
        // The server's own time per search (no HTTP, no client): wall and CPU of engine.runQuery.
        const { texts, pageSize } = arg as { texts: string[]; pageSize: number };
        const wall: number[] = [];
        const cpu: number[] = [];
        for (const text of texts) {
          const c0 = process.cpuUsage();
          const t0 = now();
          await engine.runQuery(
            "messages:searchByAuthor",
            { text, author: "me", paginationOpts: { numItems: pageSize, cursor: null } },
            null,
            opts,
          );
          wall.push(now() - t0);
          const c = process.cpuUsage(c0);
          cpu.push((c.user + c.system) / 1000);
        }
        return { wall: stats(wall), cpu: stats(cpu) };
      }
      if (cmd === "searchMode") {
        // search-index.ts (default) or the reference scan of search.ts, read per query by query.ts.
        if (arg === "scan") process.env.CONVEX_LOCAL_SEARCH = "scan";
        else delete process.env.CONVEX_LOCAL_SEARCH;
        return null;
      }
      throw new Error(`unknown rpc ${cmd}`);
    },
    async close() {
      for (const c of wss.clients) c.terminate();
      await new Promise((r) => wss.close(r));
      echo.closeAllConnections();
      await new Promise((r) => echo.close(r));
      await local.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Child-process entry: serves until the parent says close (or goes away). */
async function serverMain() {
  const workersArg = process.argv.find((a) => a.startsWith("--workers="));
  const side = await startServerSide(workersArg ? Number(workersArg.slice("--workers=".length)) : undefined);
  let closing: Promise<void> | null = null;
  const close = () => (closing ??= side.close().catch((e) => console.error("bench server: close failed", e)));
  process.on("disconnect", () => void close());
  process.on("message", async (msg: { id: number; cmd: string; arg?: unknown }) => {
    if (msg.cmd === "close") {
      await close();
      process.send?.({ id: msg.id, ok: true, result: null });
      process.disconnect();
      // Should exit by itself now; never linger if a handle stays open.
      setTimeout(() => process.exit(0), 3000).unref();
      return;
    }
    try {
      process.send?.({ id: msg.id, ok: true, result: await side.rpc(msg.cmd, msg.arg) });
    } catch (e) {
      process.send?.({ id: msg.id, ok: false, error: (e as Error).stack ?? String(e) });
    }
  });
  process.send?.({ type: "ready", info: side.info });
}

function startChildServer(extraArgs: string[] = []): Promise<ServerSide & { child: ChildProcess }> {
  const execArgv = [...process.execArgv];
  const profDir = process.env.BENCH_SERVER_PROF;
  if (profDir) execArgv.push("--cpu-prof", `--cpu-prof-dir=${path.resolve(profDir)}`);
  const child = fork(SELF, ["--server", ...extraArgs], { execArgv, stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  let nextId = 1;
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  child.on("exit", (code, signal) => {
    for (const p of pending.values()) p.reject(new Error(`bench server exited (code ${code}, signal ${signal})`));
    pending.clear();
  });
  const rpc = (cmd: string, arg?: unknown, timeoutMs = CFG.loopBudgetMs * 3) => {
    const id = nextId++;
    const p = new Promise<unknown>((resolve, reject) => pending.set(id, { resolve, reject }));
    child.send({ id, cmd, arg });
    return withTimeout(p, timeoutMs, `server rpc ${cmd}`);
  };
  return withTimeout(
    new Promise((resolve, reject) => {
      child.once("exit", (code) => reject(new Error(`bench server exited before it was ready (code ${code})`)));
      child.on(
        "message",
        (msg: { type?: string; info?: ServerInfo; id?: number; ok?: boolean; result?: unknown; error?: string }) => {
          if (msg.type === "ready") {
            resolve({
              child,
              info: msg.info!,
              rpc,
              async close() {
                if (child.connected) await rpc("close", undefined, 15_000).catch(() => {});
                await withTimeout(exited, 10_000, "bench server exit").catch(() => child.kill());
              },
            });
            return;
          }
          const p = pending.get(msg.id!);
          if (!p) return;
          pending.delete(msg.id!);
          if (msg.ok) p.resolve(msg.result);
          else p.reject(new Error(msg.error));
        },
      );
    }),
    60_000,
    "bench server start",
  );
}

// ---------------------------------------------------------------------------
// Client side: the measurements and the table.
// ---------------------------------------------------------------------------

type Row = { metric: string; value: string; target: string; result: "PASS" | "FAIL" | "info" };
const table: (Row | { section: string })[] = [];
const notes: string[] = [];
let missed = 0;

const section = (name: string) => table.push({ section: name });
const fmtRate = (v: number) => `${Math.round(v).toLocaleString("en-US")}/s`;
const fmtMs = (v: number) => (Number.isFinite(v) ? `${v.toFixed(2)} ms` : "n/a");
function row(metric: string, value: string, target?: string, pass?: boolean) {
  const result = target === undefined ? "info" : pass ? "PASS" : "FAIL";
  if (result === "FAIL") missed++;
  table.push({ metric, value, target: target ?? "-", result });
}
function rateRow(metric: string, perSec: number, target?: number) {
  row(
    metric,
    fmtRate(perSec),
    target === undefined ? undefined : `>= ${target.toLocaleString("en-US")}/s`,
    target === undefined ? undefined : perSec >= target,
  );
}
function latencyRows(metric: string, s: Stats, p99Target?: number) {
  row(`${metric} p50`, fmtMs(s.p50));
  row(
    `${metric} p99`,
    fmtMs(s.p99),
    p99Target === undefined ? undefined : `< ${p99Target} ms`,
    p99Target === undefined ? undefined : s.p99 < p99Target,
  );
}

function printTable() {
  const rows = table.filter((r): r is Row => "metric" in r);
  const w = {
    metric: Math.max(6, ...table.map((r) => ("metric" in r ? r.metric.length : r.section.length + 4))),
    value: Math.max(5, ...rows.map((r) => r.value.length)),
    target: Math.max(6, ...rows.map((r) => r.target.length)),
    result: 6,
  };
  const line = (a: string, b: string, c: string, d: string) =>
    `| ${a.padEnd(w.metric)} | ${b.padStart(w.value)} | ${c.padEnd(w.target)} | ${d.padEnd(w.result)} |`;
  const sep = `|${"-".repeat(w.metric + 2)}|${"-".repeat(w.value + 2)}|${"-".repeat(w.target + 2)}|${"-".repeat(w.result + 2)}|`;
  console.log(line("Metric", "Value", "Target", "Result"));
  console.log(sep);
  for (const r of table) {
    if ("section" in r) console.log(line(`**${r.section}**`, "", "", ""));
    else console.log(line(r.metric, r.value, r.target, r.result));
  }
}

/** Wall time and CPU of the server and of this process over one phase. */
async function phase<T>(name: string, server: ServerSide, inproc: boolean, fn: () => Promise<T>, ops = 0): Promise<T> {
  const cpu = async () => (inproc ? null : ((await server.rpc("cpu")) as NodeJS.CpuUsage));
  // Busy time of the whole machine, to see other processes competing for the cores.
  const machine = () => os.cpus().reduce((ms, c) => ms + c.times.user + c.times.nice + c.times.sys + c.times.irq, 0);
  const s0 = await cpu();
  const m0 = machine();
  const c0 = process.cpuUsage();
  const t0 = now();
  const result = await fn();
  const wall = now() - t0;
  const c1 = process.cpuUsage(c0);
  const m1 = machine();
  const s1 = await cpu();
  const pctOf = (ms: number) => (ms / wall) * 100;
  const serverPct = s0 && s1 ? pctOf((s1.user - s0.user + s1.system - s0.system) / 1000) : 0;
  const clientPct = pctOf((c1.user + c1.system) / 1000);
  const machinePct = pctOf(m1 - m0);
  const others = Math.max(0, machinePct - serverPct - clientPct);
  // Server CPU per call: what one saturated core could sustain, whatever the clients manage.
  const perOp = ops && s0 && s1 ? ((serverPct / 100) * wall * 1000) / ops : 0;
  notes.push(
    `${name}: ${(wall / 1000).toFixed(2)} s wall; CPU ${inproc ? "" : `server ${serverPct.toFixed(0)}%, `}` +
      `${inproc ? "this process" : "bench clients"} ${clientPct.toFixed(0)}%, other processes and kernel threads ~${others.toFixed(0)}% ` +
      `(of ${os.cpus().length * 100}%)` +
      (perOp
        ? `; server CPU ${perOp.toFixed(0)} us/call (~${Math.round(1e6 / perOp).toLocaleString("en-US")}/s on one core)`
        : ""),
  );
  return result;
}

const clients = new Set<ConvexClient>();
function newClient(url: string): ConvexClient {
  const c = new ConvexClient(url);
  clients.add(c);
  return c;
}
async function closeClients(list: Iterable<ConvexClient>) {
  await Promise.all([...list].map((c) => (clients.delete(c), c.close().catch(() => {}))));
}

const api = anyApi;

// Baselines that need no server: raw SQLite, and the Store layer alone, on either SQLite binding.

/** The part of better-sqlite3's API the baselines use. */
type Bs3Statement = {
  readonly reader: boolean;
  run(...params: unknown[]): unknown;
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  iterate(...params: unknown[]): IterableIterator<unknown>;
  raw(on: boolean): Bs3Statement;
  safeIntegers(on: boolean): Bs3Statement;
};
type Bs3Database = {
  pragma(sql: string): unknown[];
  exec(sql: string): void;
  prepare(sql: string): Bs3Statement;
  transaction<F extends (...args: never[]) => unknown>(fn: F): F;
  readonly inTransaction: boolean;
  close(): void;
};
type Bs3 = new (file: string) => Bs3Database;

/** better-sqlite3 if it is installed and loads in this Node, else why not. */
function loadBetterSqlite3(): { Bs3: Bs3; version: string } | { missing: string } {
  const spec = process.env.BENCH_BETTER_SQLITE3 ?? "better-sqlite3";
  try {
    const require = createRequire(SELF);
    const Bs3 = require(spec) as Bs3;
    bs3KeepAlive.push(new Bs3(":memory:")); // loads the native module: fails here when it was built for another Node
    const pkg = require(`${spec}/package.json`) as { version: string };
    return { Bs3, version: pkg.version };
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return {
      missing:
        err.code === "MODULE_NOT_FOUND"
          ? "not installed (set BENCH_BETTER_SQLITE3)"
          : `does not load in Node ${process.version}: ${err.code ?? err.message.split("\n")[0]}`,
    };
  }
}

/** A SQLite binding to measure: `node:sqlite` through convex-local's adapter, or better-sqlite3 behind the same shape. */
type Binding = { name: string; open(file: string): Database };

const nodeSqlite: Binding = { name: "node:sqlite", open: (file) => new Database(file) };

/**
 * better-sqlite3 12.x on Node 24 aborts the process when the GC collects one of its statements or databases
 * (`Assertion failed: (env) != nullptr` in `node::RemoveEnvironmentCleanupHook`, from its destructors; one
 * more reason convex-local left it). The baseline keeps every object it makes reachable until the process exits.
 */
const bs3KeepAlive: unknown[] = [];

function betterSqlite3Binding(Bs3: Bs3, version: string): Binding {
  return {
    name: `better-sqlite3 ${version}`,
    open(file) {
      const db = new Bs3(file);
      bs3KeepAlive.push(db);
      const shaped = {
        get inTransaction() {
          return db.inTransaction;
        },
        exec: (sql: string) => db.exec(sql),
        prepare(sql: string, options: { arrays?: boolean; bigints?: boolean } = {}) {
          const stmt = db.prepare(sql);
          bs3KeepAlive.push(stmt);
          if (options.arrays) stmt.raw(true);
          if (options.bigints) stmt.safeIntegers(true);
          return stmt;
        },
        pragma(sql: string) {
          const stmt = db.prepare(`PRAGMA ${sql}`); // not db.pragma(): its statement would be collected
          bs3KeepAlive.push(stmt);
          if (stmt.reader) return stmt.all();
          stmt.run();
          return [];
        },
        transaction: <T>(fn: () => T): T => db.transaction(fn)(),
        close: () => db.close(),
      };
      return shaped as unknown as Database;
    },
  };
}

/** A measured loop: operations per second of wall time, and this process's CPU (user + system) per operation. */
type Rate = { perSec: number; cpuUs: number };

/** Runs `op(i)` up to `count` times within the loop budget. */
function measure(op: (i: number) => void, count: number): Rate {
  const t0 = now();
  const c0 = process.cpuUsage();
  const deadline = t0 + CFG.loopBudgetMs;
  let done = 0;
  while (done < count && now() < deadline) op(done++);
  const cpu = process.cpuUsage(c0);
  return { perSec: done / ((now() - t0) / 1000), cpuUs: (cpu.user + cpu.system) / done };
}

function sqliteBaseline(count: number, binding: Binding = nodeSqlite): Rate {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "convex-local-bench-sqlite-"));
  try {
    const db = binding.open(path.join(dir, "raw.sqlite3"));
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    db.exec(
      "CREATE TABLE documents (id TEXT PRIMARY KEY, table_name TEXT NOT NULL, ts INTEGER NOT NULL, value TEXT NOT NULL)",
    );
    const insert = db.prepare("INSERT INTO documents (id, table_name, ts, value) VALUES (?, ?, ?, ?)");
    const insertOne = (i: number) =>
      db.transaction(() => {
        const id = randomUUID();
        const doc = { _id: id, _creationTime: Date.now(), author: "bench", body: `message ${i}`, channel: "bench" };
        insert.run(id, "messages", i, JSON.stringify(doc));
      });
    for (let i = 0; i < 200; i++) insertOne(-i - 1); // warm-up
    const rate = measure(insertOne, count);
    db.close();
    return rate;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

type StoreFigures = { inserts: Rate; gets: Rate; scans: Rate };

/**
 * The Store layer on `binding`: inserts through Store.write (one transaction each, every index entry), then
 * point reads (Store.get) and 64-entry index range reads (Store.scan) of what was written.
 */
function storeBaseline(count: number, binding: Binding = nodeSqlite): StoreFigures {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "convex-local-bench-store-"));
  try {
    const store = new Store(dir, binding.open);
    // The fixture folder has no "type": "module", so tsx may hand us its CommonJS exports object.
    const mod = fixtureSchema as unknown as { export?(): string; default?: { export(): string } };
    const schema = typeof mod.export === "function" ? (mod as { export(): string }) : mod.default!;
    store.setIndexes(parseSchema(schema, store.tableNames()).indexes);
    const table = store.tableNumber("messages");
    const ids: string[] = [];
    const insertOne = (i: number) => {
      store.begin();
      const ts = store.nextTs();
      const id = makeId(table);
      store.write(
        "messages",
        id,
        { author: "bench", body: `message ${i}`, channel: "bench", _id: id, _creationTime: Date.now() + i / 1e4 },
        ts,
      );
      store.commit();
      ids.push(id);
    };
    for (let i = 0; i < 200; i++) insertOne(-i - 1); // warm-up
    const inserts = measure(insertOne, count);
    const gets = measure((i) => {
      if (!store.get(ids[(i * 7919) % ids.length])) throw new Error("missing document");
    }, count * 4);
    const index = "messages.by_creation_time";
    const scans = measure(
      (i) => {
        let rows = 0;
        for (const entry of store.scan(index, Buffer.alloc(0), Buffer.from([0xff]), i % 2 ? "asc" : "desc")) {
          void entry;
          if (++rows === 64) break;
        }
      },
      Math.max(10, Math.round(count / 4)),
    );
    store.close();
    return { inserts, gets, scans };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

type BindingFigures = StoreFigures & { raw: Rate };

/**
 * Section 0: node:sqlite beside better-sqlite3 in this run, alternating (A, B, A, B, …) over three rounds.
 * Each figure keeps the binding's best rate and its lowest CPU per operation: on a shared machine the wall
 * rate follows the neighbours' load, the CPU per operation much less.
 */
function sqliteSection(): { node: BindingFigures; bs3: BindingFigures | null } {
  const loaded = loadBetterSqlite3();
  const bindings = "missing" in loaded ? [nodeSqlite] : [nodeSqlite, betterSqlite3Binding(loaded.Bs3, loaded.version)];
  const keys = ["raw", "inserts", "gets", "scans"] as const;
  const worst = (): Rate => ({ perSec: 0, cpuUs: Infinity });
  const best: BindingFigures[] = bindings.map(() => ({
    raw: worst(),
    inserts: worst(),
    gets: worst(),
    scans: worst(),
  }));
  for (let round = 0; round < 3; round++) {
    bindings.forEach((binding, i) => {
      const got: BindingFigures = {
        raw: sqliteBaseline(CFG.baselineInserts, binding),
        ...storeBaseline(CFG.baselineInserts, binding),
      };
      for (const key of keys) {
        best[i][key] = {
          perSec: Math.max(best[i][key].perSec, got[key].perSec),
          cpuUs: Math.min(best[i][key].cpuUs, got[key].cpuUs),
        };
      }
    });
  }
  section(
    `0. SQLite binding (Node ${process.version}): node:sqlite beside better-sqlite3, best of 3 alternating rounds (rate; CPU per operation)`,
  );
  const labels: Record<(typeof keys)[number], string> = {
    raw: "raw insert, 1 txn each (WAL, NORMAL)",
    inserts: "Store.write insert, 1 txn each (convex-local indexes)",
    gets: "Store.get point reads",
    scans: "Store.scan, 64 index entries per read",
  };
  const fmt = (r: Rate) => `${Math.round(r.perSec).toLocaleString("en-US")}/s; ${r.cpuUs.toFixed(1)} us`;
  for (const key of keys) {
    row(`${nodeSqlite.name}: ${labels[key]}`, fmt(best[0][key]));
    if (bindings[1]) {
      row(`${bindings[1].name}: ${labels[key]}`, fmt(best[1][key]));
      row(
        "  node:sqlite vs better-sqlite3 (rate; CPU)",
        `${(best[0][key].perSec / best[1][key].perSec).toFixed(2)}x; ${(best[0][key].cpuUs / best[1][key].cpuUs).toFixed(2)}x`,
      );
    }
  }
  if ("missing" in loaded) row("better-sqlite3 baseline", loaded.missing);
  return { node: best[0], bs3: bindings[1] ? best[1] : null };
}

/** A bare `ws` client against the echo server: sequential round trips and a pipelined burst. */
async function wsBaseline(echoUrl: string): Promise<{ rtt: Stats; pipelinedPerSec: number }> {
  const ws = new WebSocket(echoUrl.replace(/^http/, "ws"));
  await withTimeout(
    new Promise((resolve, reject) => (ws.once("open", resolve), ws.once("error", reject))),
    CFG.callTimeoutMs,
    "ws baseline connect",
  );
  let onMessage: (() => void) | null = null;
  ws.on("message", () => onMessage?.());
  const msg = (i: number) =>
    JSON.stringify({
      type: "ModifyQuerySet",
      baseVersion: i,
      newVersion: i + 1,
      modifications: [{ type: "Add", queryId: i, udfPath: "counters:get", args: [{ name: "lat" }] }],
    });
  try {
    const rtt = await latencies(CFG.queries, CFG.queryWarmup, CFG.loopBudgetMs, (i) =>
      withTimeout(new Promise<void>((r) => ((onMessage = r), ws.send(msg(i)))), CFG.callTimeoutMs, "ws echo"),
    );
    const count = CFG.mutations;
    let got = 0;
    const t0 = now();
    const all = new Promise<void>((r) => (onMessage = () => ++got === count && r()));
    for (let i = 0; i < count; i++) {
      ws.send(
        JSON.stringify({
          type: "Mutation",
          requestId: i,
          udfPath: "messages:send",
          args: [{ author: "ws", body: `message ${i}`, channel: "ws" }],
        }),
      );
    }
    await withTimeout(all, CFG.loopBudgetMs, "ws pipelined echo");
    return { rtt: stats(rtt), pipelinedPerSec: count / ((now() - t0) / 1000) };
  } finally {
    ws.close();
  }
}

async function httpBaseline(echoUrl: string): Promise<Stats> {
  const body = JSON.stringify({ path: "counters:get", format: "convex_encoded_json", args: [{ name: "lat" }] });
  const rtt = await latencies(CFG.queries, CFG.queryWarmup, CFG.loopBudgetMs, async () => {
    const res = await fetch(`${echoUrl}/api/query`, {
      method: "POST",
      body,
      headers: { "Content-Type": "application/json" },
      signal: AbortSignal.timeout(CFG.callTimeoutMs),
    });
    await res.json();
  });
  return stats(rtt);
}

type Fanout = { fromResolve: Stats; fromSend: Stats; mutation: Stats; connectMs: number };

async function fanout(url: string, count = CFG.subscribers, rounds = CFG.fanoutRounds): Promise<Fanout> {
  const latest = new Array<number>(count).fill(-1);
  let waitingFor = 0;
  let seen = 0;
  let onAll: ((t: number) => void) | null = null;
  const expect = (value: number): Promise<number> => {
    waitingFor = value;
    seen = latest.filter((v) => v >= value).length;
    return new Promise((resolve) => {
      if (seen === count) resolve(now());
      else onAll = resolve;
    });
  };
  const subscribers: ConvexClient[] = [];
  const writer = newClient(url);
  try {
    const t0 = now();
    const ready = expect(0);
    for (let i = 0; i < count; i++) {
      const client = newClient(url);
      subscribers.push(client);
      client.onUpdate(api.counters.get, { name: "fan" }, (v: number) => {
        const prev = latest[i];
        latest[i] = v;
        if (prev < waitingFor && v >= waitingFor && ++seen === count) {
          const t = now();
          const done = onAll;
          onAll = null;
          done?.(t);
        }
      });
    }
    await withTimeout(ready, 60_000, `${count} subscribers' first results`);
    const connectMs = now() - t0;
    await withTimeout(
      writer.mutation(api.counters.increment, { name: "fan-warmup" }),
      CFG.callTimeoutMs,
      "writer warm-up",
    );

    const fromResolve: number[] = [];
    const fromSend: number[] = [];
    const mutation: number[] = [];
    let value = 0;
    const deadline = now() + CFG.loopBudgetMs;
    for (let round = 0; round < CFG.fanoutWarmupRounds + rounds && now() < deadline; round++) {
      const target = value + 1;
      const all = expect(target);
      const tSend = now();
      await withTimeout(
        writer.mutation(api.counters.increment, { name: "fan" }),
        CFG.callTimeoutMs,
        `fan-out round ${round}: mutation`,
      );
      const tResolved = now();
      const tAll = await withTimeout(
        all,
        CFG.callTimeoutMs,
        `fan-out round ${round}: all ${count} subscribers updated`,
      );
      value = target;
      if (round >= CFG.fanoutWarmupRounds) {
        // Negative when every subscriber already had the value before the writer's promise resolved.
        fromResolve.push(tAll - tResolved);
        fromSend.push(tAll - tSend);
        mutation.push(tResolved - tSend);
      }
      await sleep(5);
    }
    if (fromSend.length < rounds)
      throw new Error(`fan-out: only ${fromSend.length} of ${rounds} rounds within the time budget`);
    const stale = latest.filter((v) => v !== value).length;
    if (stale) throw new Error(`fan-out: ${stale} subscribers do not hold the final value ${value}`);
    return { fromResolve: stats(fromResolve), fromSend: stats(fromSend), mutation: stats(mutation), connectMs };
  } finally {
    await closeClients([writer, ...subscribers]);
  }
}

/**
 * Live updates and small queries while eight 1024² local renders (render:image, 120-290 ms of CPU
 * each) run without pause. A writer increments a counter; the time from just before its mutation is
 * sent to the moment a subscriber on another connection holds the new value is one sample.
 * `workers: 0` runs the renders on the main thread (convex-local before worker threads).
 */
async function rendersPhase(
  workers: number | undefined,
  rounds: number,
  timeoutMs: number,
): Promise<{ live: Stats; query: Stats; renders: number }> {
  const server = await startChildServer(workers === undefined ? [] : [`--workers=${workers}`]);
  const own: ConvexClient[] = [];
  let running = true;
  let loops: Promise<unknown>[] = [];
  try {
    const url = server.info.url;
    const sub = newClient(url);
    const writer = newClient(url);
    own.push(sub, writer);
    const http = new ConvexHttpClient(url);
    const resets: string[] = [];
    let latest = -1;
    let wake: (() => void) | null = null;
    sub.onUpdate(api.counters.get, { name: "live-r" }, (v: number) => {
      latest = v;
      wake?.();
    });
    // Event-driven, not polling: a busy client would take a core from the server it measures.
    const until = async (check: () => boolean, what: string) => {
      const deadline = now() + timeoutMs;
      while (!check()) {
        if (now() > deadline) throw new Error(`renders phase: timed out waiting for ${what} (latest ${latest})`);
        await new Promise<void>((r) => {
          wake = r;
          setTimeout(r, 50);
        });
      }
    };
    await until(() => latest >= 0, "the first result");
    await http.action(anyApi.render.image, { seed: 0, size: 256 }); // worker start-up and JIT, outside the samples
    let renders = 0;
    loops = Array.from({ length: RENDERS.concurrent }, async (_, i) => {
      const c = new ConvexHttpClient(url);
      while (running) {
        try {
          await c.action(anyApi.render.image, { seed: i * 100_000 + renders, size: RENDERS.size });
          renders++;
        } catch (e) {
          // A keep-alive socket the blocked server closed late (ECONNRESET): note it, go on.
          if (running) resets.push(String((e as Error).cause ?? e));
        }
      }
    });
    await sleep(300);
    const live: number[] = [];
    const query: number[] = [];
    for (let i = 1; i <= rounds; i++) {
      const t0 = now();
      const done = writer.mutation(api.counters.increment, { name: "live-r" });
      await until(() => latest >= i, `update ${i}`);
      live.push(now() - t0);
      await done;
      const t1 = now();
      // A keep-alive socket that a blocked server closes late resets once; the retry is in the sample.
      const ask = () =>
        withTimeout(http.query(api.counters.get, { name: `r-${i}` }), timeoutMs, "query while rendering");
      await ask().catch((e: Error) => {
        resets.push(String(e.cause ?? e));
        return ask();
      });
      query.push(now() - t1);
      await sleep(5 + (i % 7) * 3); // spread the samples over the renders' phases
    }
    running = false;
    await withTimeout(Promise.all(loops), 60_000, "renders to finish");
    if (resets.length)
      notes.push(
        `renders ${workers === 0 ? "on the main thread" : "in workers"}: ${resets.length} calls failed (${resets[0]})`,
      );
    return { live: stats(live), query: stats(query), renders };
  } finally {
    running = false;
    // After a failure the loops end when the server goes away; their errors are not the story.
    loops.forEach((l) => l.catch(() => {}));
    await closeClients(own);
    await server.close();
    fs.rmSync(server.info.dataDir, { recursive: true, force: true });
  }
}

function renderRows(label: string, r: { live: Stats; query: Stats; renders: number }, withTarget: boolean) {
  row(`${label}: live update p50`, fmtMs(r.live.p50));
  const t = TARGETS.liveWhileRenderingP95Ms;
  row(`${label}: live update p95`, fmtMs(r.live.p95), withTarget ? `< ${t} ms` : undefined, r.live.p95 < t);
  row(`${label}: live update max`, fmtMs(r.live.max));
  row(`${label}: small query (counters:get over HTTP) p95`, fmtMs(r.query.p95));
  row(`${label}: small query max`, fmtMs(r.query.max));
  row(`${label}: renders completed during the samples`, String(r.renders));
}

// ---------------------------------------------------------------------------
// Section 5: search.
// ---------------------------------------------------------------------------

const VOCAB = (
  "portrait landscape city neon night rain forest river mountain ocean sunset sunrise cat dog fox owl dragon robot " +
  "castle village street market garden flower rose tulip tree snow winter summer autumn spring desert dune canyon " +
  "space galaxy nebula planet moon star astronaut spaceship cyberpunk steampunk watercolor oil painting sketch ink " +
  "charcoal pastel photo cinematic lighting golden hour soft dramatic moody vibrant pastel muted dark bright warm cold " +
  "red orange yellow green blue purple pink black white silver gold copper glass crystal stone wood metal paper " +
  "old young woman man child knight wizard witch queen king pirate sailor farmer chef dancer musician painter " +
  "detailed intricate minimal abstract surreal realistic hyperrealistic stylized isometric aerial closeup wide macro " +
  "lake harbour bridge tower temple ruins cave island volcano waterfall meadow field farm kitchen library cafe"
).split(" ");

function prompt(random: () => number): string {
  const words = 8 + Math.floor(random() * 14);
  return Array.from({ length: words }, () => VOCAB[Math.floor(random() * VOCAB.length)]).join(
    random() < 0.3 ? ", " : " ",
  );
}

function seededRandom(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0), s / 2 ** 32);
}

/** A user's query: one to three words, the last one often still being typed (a prefix). */
function searchText(random: () => number): string {
  const words = Array.from({ length: 1 + Math.floor(random() * 3) }, () => VOCAB[Math.floor(random() * VOCAB.length)]);
  const last = words.length - 1;
  if (random() < 0.5) words[last] = words[last].slice(0, Math.max(2, Math.ceil(words[last].length * random())));
  return words.join(" ");
}

type SearchResult = {
  first: Stats;
  next: Stats;
  scanFirst: Stats | null;
  matches: number;
  engine: { wall: Stats; cpu: Stats };
  scanEngine: { wall: Stats; cpu: Stats } | null;
};

async function searchPhase(): Promise<SearchResult> {
  const server = await startChildServer();
  try {
    const http = new ConvexHttpClient(server.info.url);
    const random = seededRandom(42);
    const seedAs = async (author: string, count: number) => {
      for (let i = 0; i < count; i += 500) {
        const bodies = Array.from({ length: Math.min(500, count - i) }, () => prompt(random));
        await withTimeout(http.mutation(api.messages.sendMany, { author, bodies }), 60_000, "search seeding");
      }
    };
    await seedAs("me", SEARCH.docs);
    await seedAs("someone-else", SEARCH.others);
    const page = (text: string, cursor: string | null) =>
      withTimeout(
        http.query(api.messages.searchByAuthor, {
          text,
          author: "me",
          paginationOpts: { numItems: SEARCH.pageSize, cursor },
        }),
        120_000,
        "search query",
      ) as Promise<{ page: unknown[]; continueCursor: string; isDone: boolean }>;
    const texts = Array.from({ length: SEARCH.samples }, () => searchText(random));
    for (const t of texts.slice(0, 20)) await page(t, null); // warm-up (JIT, statement cache)
    const first: number[] = [];
    const next: number[] = [];
    let matches = 0;
    for (const t of texts) {
      let t0 = now();
      const p1 = await page(t, null);
      first.push(now() - t0);
      matches += p1.page.length;
      if (!p1.isDone) {
        t0 = now();
        await page(t, p1.continueCursor);
        next.push(now() - t0);
      }
    }
    // Fresh texts (no remembered ranking), measured inside the server.
    const engineTexts = Array.from({ length: SEARCH.samples }, () => searchText(random) + " q");
    const engine = (await server.rpc("searchEngine", {
      texts: engineTexts,
      pageSize: SEARCH.pageSize,
    })) as SearchResult["engine"];
    // The same-run baseline: the reference scan that every search ran before the inverted index.
    let scanFirst: Stats | null = null;
    let scanEngine: SearchResult["scanEngine"] = null;
    if (process.env.BENCH_SEARCH_SCAN !== "0") {
      await server.rpc("searchMode", "scan");
      scanEngine = (await server.rpc("searchEngine", {
        texts: engineTexts.slice(0, SEARCH.scanSamples),
        pageSize: SEARCH.pageSize,
      })) as SearchResult["engine"];
      const scan: number[] = [];
      for (const t of texts.slice(0, SEARCH.scanSamples)) {
        const t0 = now();
        await page(t, null);
        scan.push(now() - t0);
      }
      await server.rpc("searchMode", "index");
      scanFirst = stats(scan);
    }
    return { first: stats(first), next: stats(next), scanFirst, matches: matches / texts.length, engine, scanEngine };
  } finally {
    await server.close();
    fs.rmSync(server.info.dataDir, { recursive: true, force: true });
  }
}

async function searchSection() {
  const noServer = { rpc: async () => null } as never;
  const r = await phase(`search over ${SEARCH.docs} documents`, noServer, true, () => searchPhase());
  section(
    `5. Search: messages:searchByAuthor (paginated, filtered by author, ${SEARCH.pageSize} a page) over ${SEARCH.docs.toLocaleString("en-US")} ` +
      `of the user's documents + ${SEARCH.others.toLocaleString("en-US")} of another's, ${SEARCH.samples} queries`,
  );
  row("inverted index: first page p50", fmtMs(r.first.p50));
  row(
    "inverted index: first page p95",
    fmtMs(r.first.p95),
    `< ${TARGETS.searchP95Ms} ms`,
    r.first.p95 < TARGETS.searchP95Ms,
  );
  row("inverted index: first page max", fmtMs(r.first.max));
  row("inverted index: next page (cursor) p95", fmtMs(r.next.p95));
  row("average documents on a first page", r.matches.toFixed(1));
  row(
    "inverted index, in the server (engine.runQuery): p50 / p95 wall",
    `${fmtMs(r.engine.wall.p50)} / ${fmtMs(r.engine.wall.p95)}`,
  );
  row("inverted index, in the server: p50 / p95 CPU", `${fmtMs(r.engine.cpu.p50)} / ${fmtMs(r.engine.cpu.p95)}`);
  if (r.scanFirst && r.scanEngine) {
    row(`baseline: scan of every document (before), first page p50 (${r.scanFirst.n} queries)`, fmtMs(r.scanFirst.p50));
    row("baseline: scan of every document (before), first page p95", fmtMs(r.scanFirst.p95));
    row(
      "baseline: scan, in the server: p50 / p95 CPU",
      `${fmtMs(r.scanEngine.cpu.p50)} / ${fmtMs(r.scanEngine.cpu.p95)}`,
    );
  }
}

async function searchMain() {
  let failure: unknown = null;
  try {
    await searchSection();
  } catch (e) {
    failure = e;
  }
  console.log("");
  if (table.length) printTable();
  for (const note of notes) console.log(`  - ${note}`);
  if (failure) {
    console.error(`\nconvex-local bench FAILED: ${(failure as Error).stack ?? failure}`);
    process.exitCode = 1;
  }
  setTimeout(() => process.exit(process.exitCode ?? 0), 10_000).unref();
}

/** Section 6: fan-out to 1,000 subscribers, on a server of its own. */
async function fanout1000Section() {
  const server = await startChildServer();
  try {
    const fan = await phase(
      `fan-out ${FANOUT_1000.subscribers} subscribers x${FANOUT_1000.rounds} rounds`,
      server,
      false,
      () => fanout(server.info.url, FANOUT_1000.subscribers, FANOUT_1000.rounds),
    );
    section(
      `6. Fan-out: ${FANOUT_1000.subscribers.toLocaleString("en-US")} subscribed ConvexClients, ${FANOUT_1000.rounds} rounds`,
    );
    latencyRows("writer's mutation resolved -> all subscribers updated", fan.fromResolve, TARGETS.fanout1000P99Ms);
    latencyRows("just before send -> all subscribers updated", fan.fromSend, TARGETS.fanout1000P99Ms);
    latencyRows("writer's mutation round trip", fan.mutation);
    row(`time for ${FANOUT_1000.subscribers} clients to connect and get a first result`, fmtMs(fan.connectMs));
  } finally {
    await server.close();
    fs.rmSync(server.info.dataDir, { recursive: true, force: true });
  }
}

/**
 * Section 7: small-mutation throughput with group commit (pipelined over a few sockets, as many
 * clients do), beside raw node:sqlite inserting the same document one transaction each, in the
 * same run.
 */
async function commitSection() {
  const M = CFG.mutations * 2;
  const raw = sqliteBaseline(CFG.baselineInserts).perSec;
  const server = await startChildServer();
  const own: ConvexClient[] = [];
  try {
    const sockets = Array.from({ length: 4 }, () => newClient(server.info.url));
    own.push(...sockets);
    for (const c of sockets)
      for (let i = 0; i < 100; i++) await c.mutation(api.counters.increment, { name: "commit-warmup" });
    const run = (fn: (c: ConvexClient, i: number) => Promise<unknown>) =>
      withTimeout(
        throughput(M, M, (i) => fn(sockets[i % sockets.length], i)),
        CFG.loopBudgetMs + 5000,
        "group commit mutations",
      );
    const inc = await phase(
      `group commit: counters:increment x${M} over 4 sockets`,
      server,
      false,
      () => run((c) => c.mutation(api.counters.increment, { name: "gc" })),
      M,
    );
    const send = await phase(
      `group commit: messages:send x${M} over 4 sockets`,
      server,
      false,
      () => run((c, i) => c.mutation(api.messages.send, { author: "gc", body: `message ${i}`, channel: "gc" })),
      M,
    );
    const http = new ConvexHttpClient(server.info.url);
    const applied = await http.query(api.counters.get, { name: "gc" });
    section(`7. Small-mutation throughput with group commit: ${M} pipelined mutations over 4 WebSocket clients`);
    rateRow("WS counters:increment (one document read + patched)", inc, TARGETS.groupCommitPerSec);
    rateRow(
      "WS messages:send (one insert, four index entries and a search posting set)",
      send,
      TARGETS.groupCommitPerSec,
    );
    rateRow("baseline: raw node:sqlite insert, 1 txn each (WAL, NORMAL), same run", raw);
    row("check: counter after the run", String(applied), String(M), applied === M);
  } finally {
    await closeClients(own);
    await server.close();
    fs.rmSync(server.info.dataDir, { recursive: true, force: true });
  }
}

/** `BENCH_ONLY=<section>`: one section, its table, its phase notes. */
async function onlyMain(run: () => Promise<void>) {
  let failure: unknown = null;
  try {
    await run();
  } catch (e) {
    failure = e;
  }
  console.log("");
  if (table.length) printTable();
  for (const note of notes) console.log(`  - ${note}`);
  if (failure) {
    console.error(`\nconvex-local bench FAILED: ${(failure as Error).stack ?? failure}`);
    process.exitCode = 1;
  } else if (missed && process.env.BENCH_STRICT === "1") process.exitCode = 1;
  await closeClients([...clients]);
  setTimeout(() => process.exit(process.exitCode ?? 0), 10_000).unref();
}

/** Section 4: the same measurement with actions in worker threads and on the main thread. */
async function rendersSection() {
  const noServer = { rpc: async () => null } as never;
  const pooled = await phase("live updates while 8 renders run in workers", noServer, true, () =>
    rendersPhase(undefined, RENDERS.rounds, CFG.callTimeoutMs),
  );
  // On the main thread every sample waits behind queued renders: fewer samples, a long timeout.
  const inlineRounds = Math.max(5, Math.round(RENDERS.rounds / 15));
  const inline = await phase("live updates while 8 renders run on the main thread", noServer, true, () =>
    rendersPhase(0, inlineRounds, 120_000),
  );
  section(
    `4. Live updates while ${RENDERS.concurrent} ${RENDERS.size}² local renders run (${RENDERS.rounds} / ${inlineRounds} samples)`,
  );
  renderRows("actions in worker threads", pooled, true);
  renderRows("comparison: actions on the main thread", inline, false);
}

async function rendersMain() {
  let failure: unknown = null;
  try {
    await rendersSection();
  } catch (e) {
    failure = e;
  }
  console.log("");
  if (table.length) printTable();
  for (const note of notes) console.log(`  - ${note}`);
  if (failure) {
    console.error(`\nconvex-local bench FAILED: ${(failure as Error).stack ?? failure}`);
    process.exitCode = 1;
  }
  setTimeout(() => process.exit(process.exitCode ?? 0), 10_000).unref();
}

async function main() {
  const inproc = process.env.BENCH_INPROC === "1";
  if (process.env.BENCH_ONLY === "renders") {
    await rendersMain();
    return;
  }
  if (process.env.BENCH_ONLY === "search") {
    await searchMain();
    return;
  }
  if (process.env.BENCH_ONLY === "fanout") return onlyMain(fanout1000Section);
  if (process.env.BENCH_ONLY === "commit") return onlyMain(commitSection);
  if (process.env.BENCH_ONLY === "sqlite") return onlyMain(async () => void sqliteSection());
  const cpus = os.cpus();
  console.log(
    `convex-local bench: node ${process.version}, ${cpus[0]?.model ?? "cpu"} x${cpus.length}, ` +
      `server ${inproc ? "in this process" : "in a child process"}, data in ${os.tmpdir()}, scale ${SCALE}`,
  );

  // Store baselines first, on a quiet machine.
  const { node: sqliteFigures } = sqliteSection();

  const server: ServerSide = inproc ? await startServerSide() : await startChildServer();
  const { url, echoUrl } = server.info;
  let failure: unknown = null;
  try {
    const engine = (await phase("engine direct (no network)", server, inproc, () =>
      server.rpc("engine", { mutations: CFG.mutations, queries: CFG.queries, warmup: CFG.queryWarmup }),
    )) as EngineResult;

    // 1. Commit throughput.
    const httpClient = new ConvexHttpClient(url);
    const wsClient = newClient(url);
    // Warm up both transports (connections, JIT) before measuring.
    for (let i = 0; i < 200; i++) {
      await withTimeout(wsClient.mutation(api.counters.increment, { name: "warmup" }), CFG.callTimeoutMs, "ws warm-up");
      await withTimeout(
        httpClient.mutation(api.counters.increment, { name: "warmup" }),
        CFG.callTimeoutMs,
        "http warm-up",
      );
    }
    const M = CFG.mutations;
    const pipelined = (fn: (i: number) => Promise<unknown>) =>
      withTimeout(throughput(M, M, fn), CFG.loopBudgetMs + 5000, "pipelined mutations");
    const wsInc = await phase(
      `WS counters:increment x${M} pipelined`,
      server,
      inproc,
      () => pipelined(() => wsClient.mutation(api.counters.increment, { name: "ws" })),
      M,
    );
    const wsSend = await phase(
      `WS messages:send x${M} pipelined`,
      server,
      inproc,
      () =>
        pipelined((i) => wsClient.mutation(api.messages.send, { author: "ws", body: `message ${i}`, channel: "ws" })),
      M,
    );
    const C = CFG.httpConcurrency;
    const concurrent = (fn: (i: number) => Promise<unknown>) =>
      withTimeout(throughput(M, C, fn), CFG.loopBudgetMs + 5000, "concurrent http mutations");
    const httpInc = await phase(
      `HTTP counters:increment x${M}, ${C} in flight`,
      server,
      inproc,
      () => concurrent(() => httpClient.mutation(api.counters.increment, { name: "http" }, { skipQueue: true })),
      M,
    );
    const httpSend = await phase(
      `HTTP messages:send x${M}, ${C} in flight`,
      server,
      inproc,
      () =>
        concurrent((i) =>
          httpClient.mutation(
            api.messages.send,
            { author: "http", body: `message ${i}`, channel: "http" },
            { skipQueue: true },
          ),
        ),
      M,
    );
    const S = CFG.httpSequentialMutations;
    const httpQueued = await phase(
      `HTTP messages:send x${S}, client queue`,
      server,
      inproc,
      () =>
        withTimeout(
          throughput(S, S, (i) =>
            httpClient.mutation(api.messages.send, {
              author: "http-queued",
              body: `message ${i}`,
              channel: "http-queued",
            }),
          ),
          CFG.loopBudgetMs + 5000,
          "queued http mutations",
        ),
      S,
    );
    const counts = {
      ws: await httpClient.query(api.counters.get, { name: "ws" }),
      http: await httpClient.query(api.counters.get, { name: "http" }),
      wsMessages: ((await httpClient.query(api.messages.list, { channel: "ws" })) as unknown[]).length,
    };
    await closeClients([wsClient]);

    // 2. Query latency. Every call asks for a name not asked before: ConvexClient.query answers a
    // repeated call from memory (the previous one-shot subscription is still held while its
    // removal is in flight), and the sync layer shares results per commit timestamp, so a repeated
    // name would measure caches rather than a round trip that runs the query.
    const qClient = newClient(url);
    const qHttp = new ConvexHttpClient(url);
    const Q = CFG.queries;
    let q = 0;
    let cachedAnswers = 0;
    const wsQuery = await phase(`WS counters:get x${Q} sequential`, server, inproc, () =>
      latencies(Q, CFG.queryWarmup, CFG.loopBudgetMs, () => {
        const args = { name: `q-ws-${q++}` };
        if (qClient.client.localQueryResult("counters:get", args) !== undefined) cachedAnswers++;
        return withTimeout(qClient.query(api.counters.get, args), CFG.callTimeoutMs, "ws query");
      }),
    );
    if (cachedAnswers)
      throw new Error(`WS query latency: ${cachedAnswers} calls were answered from the client's memory`);
    const httpQuery = await phase(`HTTP counters:get x${Q} sequential`, server, inproc, () =>
      latencies(Q, CFG.queryWarmup, CFG.loopBudgetMs, () =>
        withTimeout(qHttp.query(api.counters.get, { name: `q-http-${q++}` }), CFG.callTimeoutMs, "http query"),
      ),
    );
    await closeClients([qClient]);

    // 4. Protocol baselines on the same loopback.
    const wsBase = await phase("bare ws echo", server, inproc, () => wsBaseline(echoUrl));
    const httpBase = await phase("bare HTTP POST echo", server, inproc, () => httpBaseline(echoUrl));

    // 3. Fan-out.
    const fan = await phase(`fan-out ${CFG.subscribers} subscribers x${CFG.fanoutRounds} rounds`, server, inproc, () =>
      fanout(url),
    );

    section(`1. Commit throughput: ${M} small mutations each`);
    rateRow("WS ConvexClient counters:increment, all pipelined", wsInc, TARGETS.mutationsPerSec);
    rateRow("WS ConvexClient messages:send, all pipelined", wsSend, TARGETS.mutationsPerSec);
    rateRow(`HTTP ConvexHttpClient counters:increment, ${C} in flight (skipQueue)`, httpInc, TARGETS.mutationsPerSec);
    rateRow(`HTTP ConvexHttpClient messages:send, ${C} in flight (skipQueue)`, httpSend, TARGETS.mutationsPerSec);
    rateRow(`HTTP ConvexHttpClient messages:send, default queue (1 in flight), x${S}`, httpQueued);
    rateRow("engine.runMutation counters:increment, sequential, no network", engine.incPerSec);
    rateRow("engine.runMutation messages:send, sequential, no network", engine.sendPerSec);
    rateRow("baseline: Store.write insert, 1 txn each (convex-local indexes)", sqliteFigures.inserts.perSec);
    rateRow("baseline: raw node:sqlite insert, 1 txn each (WAL, NORMAL)", sqliteFigures.raw.perSec);
    rateRow("baseline: bare ws echo, all pipelined (messages/s)", wsBase.pipelinedPerSec);
    const countsOk = counts.ws === M && counts.http === M && counts.wsMessages === M;
    row(
      "check: counters and message counts after the runs",
      countsOk ? "match" : JSON.stringify(counts),
      "all mutations applied",
      countsOk,
    );

    section(`2. Query latency: counters:get, ${Q} sequential calls`);
    notes.push(
      `query latency: ${CFG.queryWarmup} warm-up calls first; every call asks for a new name, so no client or server cache answers it`,
    );
    latencyRows("WS ConvexClient.query", stats(wsQuery), TARGETS.queryP99Ms);
    latencyRows("HTTP ConvexHttpClient.query", stats(httpQuery), TARGETS.queryP99Ms);
    latencyRows("engine.runQuery, no network", engine.query);
    latencyRows("baseline: bare ws round trip", wsBase.rtt);
    latencyRows("baseline: bare HTTP POST round trip (fetch)", httpBase);

    section(`3. Fan-out: ${CFG.subscribers} subscribers, ${CFG.fanoutRounds} rounds`);
    latencyRows("writer's mutation resolved -> all subscribers updated", fan.fromResolve, TARGETS.fanoutP99Ms);
    latencyRows("just before send -> all subscribers updated", fan.fromSend, TARGETS.fanoutP99Ms);
    latencyRows("writer's mutation round trip", fan.mutation);
    row(`time for ${CFG.subscribers} clients to connect and get a first result`, fmtMs(fan.connectMs));
    notes.push(
      `fan-out max: resolve->all ${fmtMs(fan.fromResolve.max)}, send->all ${fmtMs(fan.fromSend.max)}; ` +
        `WS query max ${fmtMs(stats(wsQuery).max)}, HTTP query max ${fmtMs(stats(httpQuery).max)}`,
    );
    await rendersSection();
    await searchSection();
    await fanout1000Section();
    await commitSection();
  } catch (e) {
    failure = e;
  } finally {
    await closeClients([...clients]);
    await server.close();
    // The server removes its data dir on close; this covers a server that died first.
    fs.rmSync(server.info.dataDir, { recursive: true, force: true });
  }

  console.log("");
  if (table.length) printTable();
  console.log("\nPhases (wall time; CPU where 100% = one core busy for the whole phase):");
  for (const note of notes) console.log(`  - ${note}`);
  if (failure) {
    console.error(`\nconvex-local bench FAILED: ${(failure as Error).stack ?? failure}`);
    process.exitCode = 1;
  } else {
    console.log(`\n${missed === 0 ? "All targets met." : `${missed} target(s) missed.`}`);
    if (missed && process.env.BENCH_STRICT === "1") process.exitCode = 1;
  }
  // Everything is closed, so the process should exit by itself; say so if it doesn't.
  setTimeout(() => {
    console.error("convex-local bench: a handle is still open 10 s after closing; forcing exit");
    process.exit(process.exitCode ?? 1);
  }, 10_000).unref();
}

if (process.argv.includes("--server")) {
  await serverMain();
} else {
  await main();
}
