/**
 * `startConvexLocal`: wires the store, the function engine, storage, the
 * scheduler, the sync protocol, the HTTP API (API port) and HTTP actions (site
 * port), and reloads the app when its folder changes.
 */
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { WebSocketServer, type WebSocket } from "ws";
import { loadAdminKey, selfHostedLines } from "./admin-key.js";
import { ACTION_NICE, createActionPool, type ActionPoolOptions } from "./action-host.js";
import { serveHttpAction } from "./http-actions.js";
import type { ActionPool } from "./worker-pool.js";
import { AuthVerifier } from "./auth.js";
import { installFunctionConsole } from "./console.js";
import { Engine, type Logger } from "./engine.js";
import { loadEnvFile } from "./env-file.js";
import { HISTORY_PRUNE_INTERVAL_MS } from "./history.js";
import { HttpApi } from "./http-api.js";
import { AdminApi } from "./admin-api.js";
import { Deployer } from "./deploy.js";
import { DeploymentEnv } from "./env-vars.js";
import { FunctionLog, logIdentifier } from "./function-logs.js";
import { Snapshots } from "./snapshots.js";
import { systemModules } from "./system-functions.js";
import { loadApp, type LoadedApp } from "./modules.js";
import { Scheduler } from "./scheduler.js";
import { parseSchema } from "./schema.js";
import { Store } from "./store.js";
import { FileStore } from "./storage.js";
import { ALL_TABLES, QueryResultCache, SyncSession } from "./sync.js";
import { Syscalls } from "./syscalls.js";

export const VERSION = "convex-local 0.1.0";

export type ConvexLocalOptions = ActionPoolOptions & {
  dir: string;
  dataDir: string;
  port?: number;
  sitePort?: number;
  host?: string;
  reset?: boolean;
  envFile?: string;
  watch?: boolean;
  log?: Logger;
  /**
   * Where the `CONVEX_SELF_HOSTED_*` lines go the one time a new admin key is made (default: the log).
   * The key is `CONVEX_LOCAL_ADMIN_KEY` if set, else `<dataDir>/admin-key`.
   */
  announce?: Logger;
};

export type ConvexLocal = {
  url: string;
  siteUrl: string;
  engine: Engine;
  /** `Authorization: Convex <adminKey>` (ConvexHttpClient.setAdminAuth, the Convex CLI's self-hosted mode). */
  adminKey: string;
  reload(): Promise<void>;
  close(): Promise<void>;
};

let currentLog: Logger = () => {};

function listen(server: http.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

export async function startConvexLocal(opts: ConvexLocalOptions): Promise<ConvexLocal> {
  // Straight to stdout, not console.log: inside a function's async chain console.* is the function's own log.
  const log = opts.log ?? ((line: string) => void process.stdout.write(`${line}\n`));
  const host = opts.host ?? "127.0.0.1";
  const dir = path.resolve(opts.dir);
  currentLog = log;
  process.setSourceMapsEnabled(true);
  installFunctionConsole(() => currentLog);
  if (opts.reset) fs.rmSync(opts.dataDir, { recursive: true, force: true });
  const envFileNames = opts.envFile ? loadEnvFile(opts.envFile) : [];

  // The ports are bound first (port 0 needs its real number for CONVEX_CLOUD_URL before the app loads),
  // but nothing is served until the app is ready: what arrives early waits here and is then answered.
  const gate = readyGate();
  const apiServer = http.createServer();
  const siteServer = http.createServer();
  let api: HttpApi;
  let sessionFor: (ws: WebSocket) => void;
  const wss = new WebSocketServer({ noServer: true, maxPayload: 16 * 1024 * 1024 });
  apiServer.on("request", (req, res) =>
    gate.then(
      () => api.handle(req, res),
      () => notReady(res),
    ),
  );
  apiServer.on("upgrade", (req, socket, head) => {
    if (!/^\/api\/[^/]+\/sync$/.test(new URL(req.url ?? "/", "http://x").pathname)) {
      socket.end("HTTP/1.1 404 Not Found\r\n\r\n");
      return;
    }
    gate.then(
      () => wss.handleUpgrade(req, socket, head, (ws) => sessionFor(ws)),
      () => socket.end("HTTP/1.1 503 Service Unavailable\r\n\r\n"),
    );
  });
  const apiPort = await listen(apiServer, opts.port ?? 3210, host);
  let sitePort: number;
  try {
    sitePort = await listen(siteServer, opts.sitePort ?? 3211, host);
  } catch (e) {
    apiServer.close();
    throw e;
  }
  const url = `http://${host}:${apiPort}`;
  const siteUrl = `http://${host}:${sitePort}`;
  siteServer.on("request", (req, res) =>
    gate.then(
      () => serveHttpAction(engine, req, res, siteUrl),
      () => notReady(res),
    ),
  );
  process.env.CONVEX_CLOUD_URL ??= url;
  process.env.CONVEX_SITE_URL ??= siteUrl;

  let store: Store | null = null;
  let engine!: Engine;
  let pool: ActionPool | null = null;
  let scheduler!: Scheduler;
  const sessions = new Set<SyncSession>();
  let install!: (app: LoadedApp) => void;
  let env!: DeploymentEnv;
  let pruneTimer: NodeJS.Timeout | undefined;
  try {
    store = new Store(opts.dataDir);
    engine = new Engine(store, dir, log);
    // Variables set with `npx convex env` (kept in the store) are applied before the app loads.
    env = new DeploymentEnv(store, envFileNames);
    const admin = loadAdminKey(opts.dataDir);
    engine.adminKey = admin.key;
    if (admin.created) {
      const announce = opts.announce ?? log;
      announce(`convex-local: made an admin key (kept in ${admin.file}); for \`npx convex\` against this server:`);
      for (const line of selfHostedLines(url, admin.key)) announce(line);
    }
    const files = new FileStore(engine, opts.dataDir, () => url);
    scheduler = new Scheduler(engine);
    const syscalls = new Syscalls(engine, files, scheduler);
    syscalls.install();
    if (opts.workers !== 0) pool = engine.actions = createActionPool(engine, files, syscalls, opts);

    install = (app: LoadedApp) => {
      const schema = parseSchema(app.schema, store!.tableNames());
      store!.setIndexes(schema.indexes);
      store!.setSearchIndexes([...schema.searchIndexes.values()]);
      store!.setVectorIndexes([...schema.vectorIndexes.values()]);
      engine.auth = new AuthVerifier(app.authConfig);
      engine.schema = schema;
      engine.app = app;
      pool?.setBuild(app.workerEntry, {
        buildDir: app.buildDir,
        modulePaths: [...app.modules.keys()],
        moduleExt: app.moduleExt,
        appDir: dir,
        nice: opts.actionNice ?? ACTION_NICE,
      });
      const crons = app.modules.get("crons")?.default as
        { isCrons?: boolean; crons?: Record<string, never> } | undefined;
      scheduler.setCrons(crons?.isCrons ? crons.crons : undefined);
    };
    const started = performance.now();
    install(await loadApp(dir));
    log(
      `convex-local: loaded ${engine.app.modules.size} modules from ${dir} in ${(performance.now() - started).toFixed(0)}ms`,
    );
    files.sweep();

    api = new HttpApi(engine, files, VERSION);
    // What `npx convex` needs besides function calls: push, env, data, logs, export/import (admin-api.ts).
    const logs = new FunctionLog();
    engine.executionListeners.add((call) => {
      if (call.path.startsWith("_system/")) return;
      const udfType = ({ query: "Query", mutation: "Mutation", action: "Action", httpAction: "HttpAction" } as const)[
        call.kind
      ];
      logs.record({
        udfType,
        identifier: logIdentifier(call.path),
        logLines: call.logLines,
        error: call.error,
        executionTimeMs: call.ms,
        requestId: call.requestId,
      });
    });
    const snapshots = new Snapshots(engine, files, opts.dataDir);
    engine.systemModules = systemModules(engine, env, snapshots, () => url);
    const installPush = (app: LoadedApp) => {
      install(app);
      log(`convex-local: installed ${app.modules.size} modules pushed by npx convex`);
    };
    const deployer = new Deployer(engine, installPush, env, () => ({ convexCloudUrl: url, convexSiteUrl: siteUrl }));
    api.admin = new AdminApi({ engine, deployer, env, logs, snapshots });
    const cache = new QueryResultCache(engine);
    engine.onCommit((tables) => sessions.forEach((s) => s.invalidate(tables)));
    sessionFor = (ws) => {
      const session = new SyncSession(ws, engine, cache);
      sessions.add(session);
      ws.on("close", () => sessions.delete(session));
    };
    await scheduler.start();
    // Old document versions (reads at a past timestamp, history.ts) leave the window in the background.
    pruneTimer = setInterval(() => {
      void engine.lock
        .run(async () => store!.history.prune(store!.currentTs(), store!.tableNames()))
        .catch((e) => log(`convex-local: history pruning failed: ${(e as Error).message}`));
    }, HISTORY_PRUNE_INTERVAL_MS);
    pruneTimer.unref();
  } catch (e) {
    gate.fail();
    await pool?.close();
    store?.close();
    apiServer.closeAllConnections();
    siteServer.closeAllConnections();
    apiServer.close();
    siteServer.close();
    throw e;
  }
  gate.open();

  const reload = async () => {
    const t0 = performance.now();
    try {
      install(await loadApp(dir));
      log(`convex-local: reloaded ${dir} in ${(performance.now() - t0).toFixed(0)}ms`);
      engine.notifyCommit(new Set([ALL_TABLES]), store!.currentTs());
    } catch (e) {
      log(`convex-local: reload failed, still serving the previous version:\n${(e as Error).message}`);
    }
  };
  let watcher: fs.FSWatcher | null = null;
  if (opts.watch) {
    let timer: NodeJS.Timeout | null = null;
    watcher = fs.watch(dir, { recursive: true }, (_event, file) => {
      if (!file || file.includes("_generated") || file.includes("node_modules")) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void reload(), 150);
    });
  }

  return {
    url,
    siteUrl,
    engine,
    adminKey: engine.adminKey,
    reload,
    async close() {
      watcher?.close();
      clearInterval(pruneTimer);
      // Running actions end now (they fail with "shutting down"), so the scheduler need not wait them out.
      const stopping = scheduler.stop();
      await pool?.close();
      await stopping;
      for (const client of wss.clients) client.terminate();
      sessions.forEach((s) => s.close());
      apiServer.closeAllConnections();
      siteServer.closeAllConnections();
      await Promise.all([new Promise((r) => apiServer.close(r)), new Promise((r) => siteServer.close(r))]);
      await engine.lock.run(async () => store!.close());
    },
  };
}

/** A promise that requests wait on until the app is loaded. */
function readyGate() {
  let open!: () => void;
  let fail!: () => void;
  const promise = new Promise<void>((resolve, reject) => {
    open = resolve;
    fail = () => reject(new Error("convex-local failed to start"));
  });
  promise.catch(() => {});
  return { then: promise.then.bind(promise), open, fail };
}

function notReady(res: http.ServerResponse) {
  res.writeHead(503, { "Content-Type": "application/json", "Retry-After": "1" });
  res.end(JSON.stringify({ code: "ServiceUnavailable", message: "convex-local could not load the app" }));
}
