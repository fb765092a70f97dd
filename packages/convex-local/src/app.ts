/**
 * `startConvexLocal`: wires the store, the function engine, storage, the
 * scheduler, the sync protocol, the HTTP API (API port) and HTTP actions (site
 * port), and reloads the app when its folder changes.
 */
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { WebSocketServer } from "ws";
import { AuthVerifier } from "./auth.js";
import { installFunctionConsole } from "./console.js";
import { Engine, type Logger } from "./engine.js";
import { loadEnvFile } from "./env-file.js";
import { HttpApi, readBody } from "./http-api.js";
import { loadApp, type LoadedApp } from "./modules.js";
import { Scheduler } from "./scheduler.js";
import { parseSchema } from "./schema.js";
import { Store } from "./store.js";
import { FileStore } from "./storage.js";
import { ALL_TABLES, QueryResultCache, SyncSession } from "./sync.js";
import { Syscalls } from "./syscalls.js";

export const VERSION = "convex-local 0.1.0";

export type ConvexLocalOptions = {
  dir: string;
  dataDir: string;
  port?: number;
  sitePort?: number;
  host?: string;
  reset?: boolean;
  envFile?: string;
  watch?: boolean;
  log?: Logger;
};

export type ConvexLocal = {
  url: string;
  siteUrl: string;
  engine: Engine;
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
  if (opts.envFile) loadEnvFile(opts.envFile);

  const store = new Store(opts.dataDir);
  const engine = new Engine(store, dir, log);
  const apiServer = http.createServer();
  const siteServer = http.createServer();
  const apiPort = await listen(apiServer, opts.port ?? 3210, host);
  const sitePort = await listen(siteServer, opts.sitePort ?? 3211, host);
  const url = `http://${host}:${apiPort}`;
  const siteUrl = `http://${host}:${sitePort}`;
  process.env.CONVEX_CLOUD_URL ??= url;
  process.env.CONVEX_SITE_URL ??= siteUrl;

  const files = new FileStore(engine, opts.dataDir, () => url);
  const scheduler = new Scheduler(engine);
  new Syscalls(engine, files, scheduler).install();

  const install = (app: LoadedApp) => {
    const schema = parseSchema(app.schema, store.tableNames());
    store.setIndexes(schema.indexes);
    engine.auth = new AuthVerifier(app.authConfig);
    engine.schema = schema;
    engine.app = app;
    const crons = app.modules.get("crons")?.default as { isCrons?: boolean; crons?: Record<string, never> } | undefined;
    scheduler.setCrons(crons?.isCrons ? crons.crons : undefined);
  };
  const started = performance.now();
  install(await loadApp(dir));
  log(`convex-local: loaded ${engine.app.modules.size} modules from ${dir} in ${(performance.now() - started).toFixed(0)}ms`);
  files.sweep();

  const verify = (token: string) => engine.auth.verify(token);
  const api = new HttpApi(engine, files, verify, VERSION);
  const cache = new QueryResultCache(engine);
  const sessions = new Set<SyncSession>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: 16 * 1024 * 1024 });
  engine.onCommit((tables) => sessions.forEach((s) => s.invalidate(tables)));

  apiServer.on("request", (req, res) => void api.handle(req, res));
  apiServer.on("upgrade", (req, socket, head) => {
    if (!/^\/api\/[^/]+\/sync$/.test(new URL(req.url ?? "/", url).pathname)) {
      socket.end("HTTP/1.1 404 Not Found\r\n\r\n");
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const session = new SyncSession(ws, engine, cache, verify);
      sessions.add(session);
      ws.on("close", () => sessions.delete(session));
    });
  });
  siteServer.on("request", (req, res) => void serveHttpAction(engine, req, res, siteUrl));

  await scheduler.start();

  const reload = async () => {
    const t0 = performance.now();
    try {
      install(await loadApp(dir));
      log(`convex-local: reloaded ${dir} in ${(performance.now() - t0).toFixed(0)}ms`);
      engine.notifyCommit(new Set([ALL_TABLES]), store.currentTs());
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
    reload,
    async close() {
      watcher?.close();
      await scheduler.stop();
      for (const client of wss.clients) client.terminate();
      sessions.forEach((s) => s.close());
      apiServer.closeAllConnections();
      siteServer.closeAllConnections();
      await Promise.all([new Promise((r) => apiServer.close(r)), new Promise((r) => siteServer.close(r))]);
      await engine.lock.run(async () => store.close());
    },
  };
}

async function serveHttpAction(engine: Engine, req: http.IncomingMessage, res: http.ServerResponse, origin: string) {
  try {
    const router = engine.app.modules.get("http")?.default as
      | { isRouter?: boolean; lookup: (path: string, method: string) => [{ invokeHttpAction: (r: Request) => Promise<Response> }, string, string] | null }
      | undefined;
    const url = new URL(req.url ?? "/", origin);
    const method = req.method ?? "GET";
    const match = router?.isRouter ? router.lookup(url.pathname, method) : null;
    if (!match) {
      res.writeHead(404, { "Content-Type": "text/plain" });
      res.end(`No HTTP action for ${method} ${url.pathname}`);
      return;
    }
    const body = method === "GET" || method === "HEAD" ? undefined : await readBody(req, 20 * 1024 * 1024);
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    const request = new Request(url, { method, headers, body: body ? new Uint8Array(body) : undefined });
    let identity = null;
    const auth = req.headers.authorization;
    if (auth?.startsWith("Bearer ")) {
      try {
        identity = (await engine.auth.verify(auth.slice(7))).identity;
      } catch (e) {
        res.writeHead(401, { "Content-Type": "application/json" });
        res.end(JSON.stringify({ code: "Unauthenticated", message: (e as Error).message }));
        return;
      }
    }
    const response = await engine.runHttpAction(match[0], request, identity);
    const out: Record<string, string> = {};
    response.headers.forEach((v, k) => (out[k] = v));
    res.writeHead(response.status, out);
    res.end(Buffer.from(await response.arrayBuffer()));
  } catch (e) {
    engine.log(`http action: ${(e as Error).stack}`);
    if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain" });
    res.end("Internal server error");
  }
}
