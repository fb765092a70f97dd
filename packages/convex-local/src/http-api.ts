/**
 * The HTTP API of the API port: what `ConvexHttpClient` calls (`/api/query`,
 * `/api/mutation`, `/api/action`, `/api/function`, `/api/query_ts`,
 * `/api/query_at_ts`), `/api/run/<module path>/<function>` (Convex's HTTP API), file upload and
 * serving, and `/version`. `Authorization: Convex <admin key>` (what `setAdminAuth` sends) reaches
 * internal functions and may act as an identity; `Bearer <token>` is a user.
 */
import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { JSONValue } from "convex/values";
import { AdminAuthError, isAdminHeader, verifyAdminHeader } from "./admin-key.js";
import { authErrorBody, type UserIdentity } from "./auth.js";
import { CallError, type Engine } from "./engine.js";
import { MAX_UPLOAD_BYTES, type FileStore } from "./storage.js";

export const STATUS_CODE_UDF_FAILED = 560;
const MAX_JSON_BODY = 16 * 1024 * 1024;
const CORS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
  "Access-Control-Allow-Headers": "Content-Type, Authorization, Convex-Client",
  "Access-Control-Max-Age": "86400",
};

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HttpError(413, "PayloadTooLarge", `Request body is larger than ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "Content-Type": "application/json", ...CORS });
  res.end(JSON.stringify(body));
}

export class HttpApi {
  /** The Convex CLI's admin routes (admin-api.ts: push, env, logs, export/import). */
  admin: { handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> } | null = null;

  constructor(
    private engine: Engine,
    private files: FileStore,
    private version: string,
  ) {}

  async handle(req: IncomingMessage, res: ServerResponse) {
    try {
      await this.route(req, res);
    } catch (e) {
      if (e instanceof HttpError) sendJson(res, e.status, { code: e.code, message: e.message });
      else {
        this.engine.log(`http: ${(e as Error).stack}`);
        sendJson(res, 500, { code: "InternalServerError", message: "Internal server error" });
      }
    }
  }

  private async route(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "http://localhost");
    const method = req.method ?? "GET";
    if (method === "OPTIONS") {
      res.writeHead(204, CORS);
      res.end();
      return;
    }
    if (url.pathname === "/version" && method === "GET") {
      res.writeHead(200, { "Content-Type": "text/plain", ...CORS });
      res.end(this.version);
      return;
    }
    if (url.pathname === "/api/storage/upload" && method === "POST") return this.upload(req, res, url);
    const file = url.pathname.match(/^\/api\/storage\/([0-9a-z]+)$/);
    if (file && (method === "GET" || method === "HEAD")) return this.serveFile(req, res, file[1]);
    if (method === "POST" && url.pathname === "/api/query_ts") {
      return sendJson(res, 200, { ts: this.engine.store.currentTs().toString() });
    }
    const kind = {
      "/api/query": "query",
      "/api/query_at_ts": "query",
      "/api/mutation": "mutation",
      "/api/action": "action",
      "/api/function": "any",
    }[url.pathname];
    if (kind && method === "POST") return this.call(req, res, kind as "query" | "mutation" | "action" | "any");
    const run = url.pathname.match(/^\/api\/run\/(.+)$/);
    if (run && method === "POST") return this.call(req, res, "any", runPath(run[1]));
    if (this.admin && (await this.admin.handle(req, res, url))) return;
    throw new HttpError(404, "NotFound", `No route for ${method} ${url.pathname}`);
  }

  /** The caller: an admin (internal functions too, maybe acting as an identity) or a user token. */
  private async callerOf(req: IncomingMessage): Promise<{ identity: UserIdentity | null; publicOnly: boolean }> {
    const header = req.headers.authorization;
    if (header !== undefined && isAdminHeader(header)) {
      try {
        return { identity: verifyAdminHeader(this.engine.adminKey, header).identity, publicOnly: false };
      } catch (e) {
        if (e instanceof AdminAuthError) throw new HttpError(e.status, e.code, e.message);
        throw e;
      }
    }
    return { identity: await this.identityOf(req), publicOnly: true };
  }

  private async identityOf(req: IncomingMessage): Promise<UserIdentity | null> {
    try {
      return await this.engine.auth.verifyHeader(req.headers.authorization);
    } catch (e) {
      const { status, body } = authErrorBody(e);
      throw new HttpError(status, body.code, body.message);
    }
  }

  private async call(
    req: IncomingMessage,
    res: ServerResponse,
    kind: "query" | "mutation" | "action" | "any",
    pathFromUrl?: string,
  ) {
    let body: { path?: unknown; args?: unknown };
    try {
      body = JSON.parse((await readBody(req, MAX_JSON_BODY)).toString("utf8"));
    } catch (e) {
      if (e instanceof HttpError) throw e;
      throw new HttpError(400, "BadJsonBody", `Request body is not valid JSON: ${(e as Error).message}`);
    }
    if (!body || typeof body !== "object")
      throw new HttpError(400, "BadJsonBody", "Request body must be a JSON object");
    if (pathFromUrl === undefined && typeof body.path !== "string")
      throw new HttpError(400, "BadJsonBody", "Request body needs a string `path`");
    const args = Array.isArray(body.args) ? body.args[0] : (body.args ?? {});
    // `/api/query_at_ts`: the timestamp `/api/query_ts` gave (ConvexHttpClient.consistentQuery sends it back as is).
    const atTs =
      kind === "query" && req.url?.startsWith("/api/query_at_ts") ? parseTs((body as { ts?: unknown }).ts) : undefined;
    const { identity, publicOnly } = await this.callerOf(req);
    const path = pathFromUrl ?? (body.path as string);
    const resolvedKind = kind === "any" ? this.kindOf(path, publicOnly) : kind;
    try {
      const opts = { publicOnly, atTs };
      const out =
        resolvedKind === "query"
          ? await this.engine.runQuery(path, args as JSONValue, identity, opts)
          : resolvedKind === "mutation"
            ? await this.engine.runMutation(path, args as JSONValue, identity, opts)
            : await this.engine.runAction(path, args as JSONValue, identity, opts);
      sendJson(res, 200, { status: "success", value: out.value, logLines: out.logLines });
    } catch (e) {
      if (!(e instanceof CallError)) throw e;
      sendJson(res, STATUS_CODE_UDF_FAILED, {
        status: "error",
        errorMessage: e.client.message,
        errorData: e.client.data,
        logLines: e.logLines,
      });
    }
  }

  private kindOf(path: string, publicOnly: boolean): "query" | "mutation" | "action" {
    for (const kind of ["query", "mutation", "action"] as const) {
      try {
        this.engine.resolve(path, kind, publicOnly);
        return kind;
      } catch {
        // try the next kind
      }
    }
    return "query";
  }

  private async upload(req: IncomingMessage, res: ServerResponse, url: URL) {
    const problem = this.files.checkUploadToken(url.searchParams.get("token"));
    if (problem) throw new HttpError(401, "InvalidUploadToken", problem);
    const bytes = await readBody(req, MAX_UPLOAD_BYTES);
    // `Digest: sha-256=<base64>` (what Convex's upload accepts): a mismatch stores nothing.
    const digest = /^sha-256=(.+)$/i.exec(String(req.headers.digest ?? "").trim())?.[1];
    if (
      req.headers.digest !== undefined &&
      (!digest || digest !== createHash("sha256").update(bytes).digest("base64"))
    ) {
      throw new HttpError(400, "StorageDigestMismatch", "The upload's sha256 digest does not match its Digest header");
    }
    const contentType = req.headers["content-type"] ?? null;
    const storageId = await this.files.store(bytes, contentType);
    sendJson(res, 200, { storageId });
  }

  private serveFile(req: IncomingMessage, res: ServerResponse, storageId: string) {
    const file = this.files.read(storageId);
    if (!file) throw new HttpError(404, "FileNotFound", `File ${storageId} not found`);
    const etag = `"${file.meta.sha256}"`;
    const headers = {
      "Content-Type": file.meta.contentType ?? "application/octet-stream",
      "Content-Length": String(file.meta.size),
      ETag: etag,
      "Accept-Ranges": "bytes",
      "Cache-Control": "private, max-age=2592000, immutable",
      ...CORS,
    };
    if (req.headers["if-none-match"] === etag) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    const range = parseRange(req.headers.range, file.meta.size);
    if (range === "unsatisfiable") {
      res.writeHead(416, { ...headers, "Content-Range": `bytes */${file.meta.size}`, "Content-Length": "0" });
      res.end();
      return;
    }
    if (range) {
      const [start, end] = range;
      res.writeHead(206, {
        ...headers,
        "Content-Range": `bytes ${start}-${end}/${file.meta.size}`,
        "Content-Length": String(end - start + 1),
      });
      res.end(req.method === "HEAD" ? undefined : file.bytes.subarray(start, end + 1));
      return;
    }
    res.writeHead(200, headers);
    res.end(req.method === "HEAD" ? undefined : file.bytes);
  }
}

/** A read timestamp: a decimal string or a whole number (nanoseconds, as `/api/query_ts` answers). */
function parseTs(ts: unknown): bigint {
  if (
    (typeof ts === "string" && /^\d{1,20}$/.test(ts)) ||
    (typeof ts === "number" && Number.isSafeInteger(ts) && ts >= 0)
  )
    return BigInt(ts);
  throw new HttpError(
    400,
    "BadJsonBody",
    "`/api/query_at_ts` needs `ts`: the timestamp that `/api/query_ts` answered (a string of digits)",
  );
}

/** `/api/run/messages/list` → `messages:list`, `/api/run/admin/users/get` → `admin/users:get`. */
export function runPath(rest: string): string {
  let parts: string[];
  try {
    parts = rest
      .split("/")
      .filter(Boolean)
      .map((p) => decodeURIComponent(p));
  } catch {
    throw new HttpError(400, "BadRequest", "The function path in the URL is not valid percent-encoding");
  }
  if (parts.length < 2) return parts.join("");
  return `${parts.slice(0, -1).join("/")}:${parts[parts.length - 1]}`;
}

/** One `bytes=` range (`a-b`, `a-`, `-n`); several ranges or another unit serve the whole file. */
export function parseRange(header: string | undefined, size: number): [number, number] | "unsatisfiable" | null {
  const m = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? "");
  if (!m || (m[1] === "" && m[2] === "")) return null;
  let start: number;
  let end: number;
  if (m[1] === "") {
    start = Math.max(0, size - Number(m[2]));
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === "" ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (start >= size || start > end) return "unsatisfiable";
  return [start, end];
}
