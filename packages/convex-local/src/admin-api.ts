/**
 * The admin routes the Convex CLI calls in self-hosted mode (`CONVEX_SELF_HOSTED_URL` + `..._ADMIN_KEY`):
 * push (`/api/deploy2/*`, `/api/get_config_hashes`, deploy.ts), `/api/v1/get_canonical_urls`,
 * `/api/update_environment_variables` (env-vars.ts), `/api/stream_function_logs` (function-logs.ts), and
 * snapshot export/import (snapshots.ts). Every one needs `Authorization: Convex <admin key>`; anything else
 * is refused with Convex's 401 `BadAdminKey` before the body is read. Errors answer `{code, message}`,
 * which the CLI prints.
 */
import fs from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import zlib from "node:zlib";
import { AdminAuthError, badAdminKey, isAdminHeader, verifyAdminHeader } from "./admin-key.js";
import type { Deployer } from "./deploy.js";
import type { Engine } from "./engine.js";
import { EnvVarError, type DeploymentEnv } from "./env-vars.js";
import type { FunctionLog } from "./function-logs.js";
import { readBody } from "./http-api.js";
import { PushError } from "./push-modules.js";
import { SnapshotError, type Snapshots } from "./snapshots.js";
import { ALL_TABLES } from "./sync.js";
import { ENV_TABLE } from "./system-functions.js";

const MAX_PUSH_BYTES = 256 * 1024 * 1024;
const MAX_PART_BYTES = 64 * 1024 * 1024;
const MAX_JSON_BYTES = 16 * 1024 * 1024;

class AdminHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "Content-Type": "application/json" });
  res.end(JSON.stringify(body));
}

export type AdminParts = {
  engine: Engine;
  deployer: Deployer;
  env: DeploymentEnv;
  logs: FunctionLog;
  snapshots: Snapshots;
};

type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;

export class AdminApi {
  private routes: Map<string, Handler>;

  constructor(private parts: AdminParts) {
    const { deployer, snapshots } = parts;
    const json = (
      fn: (body: Record<string, unknown>, url: URL) => Promise<unknown> | unknown,
      limit = MAX_JSON_BYTES,
    ): Handler => {
      return async (req, res, url) => send(res, 200, await fn(await this.body(req, limit), url));
    };
    this.routes = new Map<string, Handler>([
      ["GET /api/v1/get_canonical_urls", async (_req, res) => send(res, 200, deployer.canonicalUrls())],
      ["POST /api/get_config_hashes", json(() => deployer.configHashes())],
      ["POST /api/deploy2/start_push", json((b) => deployer.startPush(b), MAX_PUSH_BYTES)],
      ["POST /api/deploy2/evaluate_push", json((b) => deployer.evaluatePush(b), MAX_PUSH_BYTES)],
      ["POST /api/deploy2/wait_for_schema", json((b) => deployer.waitForSchema(b))],
      ["POST /api/deploy2/finish_push", json((b) => deployer.finishPush(b), MAX_PUSH_BYTES)],
      ["POST /api/deploy2/report_push_completed", json(() => ({}))],
      ["POST /api/update_environment_variables", json((b) => this.updateEnv(b))],
      ["GET /api/stream_function_logs", (req, res, url) => this.streamLogs(req, res, url)],
      [
        "POST /api/export/request/zip",
        async (_req, res, url) => {
          await snapshots.requestExport(url.searchParams.get("includeStorage") === "true");
          send(res, 200, {});
        },
      ],
      ["POST /api/import/start_upload", async (_req, res) => send(res, 200, { uploadToken: snapshots.startUpload() })],
      [
        "POST /api/import/upload_part",
        async (req, res, url) => {
          const bytes = await readBody(req, MAX_PART_BYTES);
          send(
            res,
            200,
            snapshots.uploadPart(
              url.searchParams.get("uploadToken"),
              Number(url.searchParams.get("partNumber")),
              bytes,
            ),
          );
        },
      ],
      ["POST /api/import/finish_upload", json(async (b) => ({ importId: await snapshots.finishUpload(b) }))],
      [
        "POST /api/perform_import",
        json(async (b) => {
          await snapshots.performImport(b.importId);
          return {};
        }),
      ],
    ]);
  }

  /** Handles `req` if it is an admin route (true), else leaves it to the caller (false). */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const method = req.method ?? "GET";
    const download = url.pathname.match(/^\/api\/export\/zip\/([^/]+)$/);
    const handler: Handler | undefined =
      this.routes.get(`${method} ${url.pathname}`) ??
      (download && method === "GET" ? (_q, r) => this.download(r, download[1]) : undefined);
    if (!handler) return false;
    try {
      this.checkAdmin(req);
      await handler(req, res, url);
    } catch (e) {
      if (e instanceof AdminHttpError || e instanceof AdminAuthError || e instanceof SnapshotError)
        send(res, e.status, { code: e.code, message: e.message });
      else if (e instanceof PushError) send(res, 400, { code: e.code, message: e.message });
      else if (e instanceof EnvVarError) send(res, 400, { code: "InvalidEnvironmentVariable", message: e.message });
      else if ((e as { status?: number }).status === 413)
        send(res, 413, { code: "PayloadTooLarge", message: (e as Error).message });
      else {
        this.parts.engine.log(`admin ${method} ${url.pathname}: ${(e as Error).stack ?? e}`);
        send(res, 500, {
          code: "InternalServerError",
          message: "Internal server error (the convex-local log has the details)",
        });
      }
    }
    return true;
  }

  private checkAdmin(req: IncomingMessage) {
    const header = req.headers.authorization;
    if (header === undefined || !isAdminHeader(header)) throw badAdminKey();
    verifyAdminHeader(this.parts.engine.adminKey, header);
  }

  private async body(req: IncomingMessage, limit: number): Promise<Record<string, unknown>> {
    let raw = await readBody(req, limit);
    const encoding = String(req.headers["content-encoding"] ?? "").toLowerCase();
    try {
      if (encoding === "br") raw = zlib.brotliDecompressSync(raw, { maxOutputLength: limit });
      else if (encoding === "gzip") raw = zlib.gunzipSync(raw, { maxOutputLength: limit });
    } catch {
      throw new AdminHttpError(400, "BadRequestBody", `The request body is not valid ${encoding} data`);
    }
    if (raw.length === 0) return {};
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw.toString("utf8"));
    } catch (e) {
      throw new AdminHttpError(400, "BadJsonBody", `Request body is not valid JSON: ${(e as Error).message}`);
    }
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed))
      throw new AdminHttpError(400, "BadJsonBody", "Request body must be a JSON object");
    return parsed as Record<string, unknown>;
  }

  private async updateEnv(body: Record<string, unknown>) {
    const { engine, env } = this.parts;
    await engine.systemTransaction((_ts, writes) => {
      env.update(body.changes);
      writes.add(ENV_TABLE);
      // Functions may read process.env: every subscription runs again.
      writes.add(ALL_TABLES);
    });
    return {};
  }

  private async streamLogs(req: IncomingMessage, res: ServerResponse, url: URL) {
    const cursor = Number(url.searchParams.get("cursor") ?? "0");
    if (!Number.isFinite(cursor) || cursor < 0)
      throw new AdminHttpError(400, "InvalidCursor", "cursor must be a number of milliseconds");
    const aborted = new AbortController();
    req.on("close", () => aborted.abort());
    res.on("close", () => aborted.abort());
    const out = await this.parts.logs.poll(cursor, aborted.signal);
    if (!res.writableEnded && !res.destroyed) send(res, 200, out);
  }

  private async download(res: ServerResponse, ts: string) {
    const file = this.parts.snapshots.exportFile(ts);
    if (!file) throw new AdminHttpError(404, "ExportNotFound", `No snapshot export at timestamp ${ts}`);
    const stat = fs.statSync(file);
    res.writeHead(200, {
      "Content-Type": "application/zip",
      "Content-Length": String(stat.size),
      "Content-Disposition": `attachment; filename=snapshot_${ts}.zip`,
    });
    await new Promise<void>((resolve, reject) =>
      fs.createReadStream(file).on("error", reject).pipe(res).on("finish", resolve).on("close", resolve),
    );
  }
}
