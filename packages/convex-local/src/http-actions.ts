/**
 * The site port: HTTP actions from `http.ts`. A bearer token sets `ctx.auth`;
 * the action runs in a worker when there is a pool (the worker finds the route).
 */
import type http from "node:http";
import { authErrorBody } from "./auth.js";
import type { Engine } from "./engine.js";
import { readBody } from "./http-api.js";

type Router = {
  isRouter?: boolean;
  lookup: (
    path: string,
    method: string,
  ) => [{ invokeHttpAction: (r: Request) => Promise<Response> }, string, string] | null;
};

export async function serveHttpAction(
  engine: Engine,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  origin: string,
) {
  try {
    const router = engine.app.modules.get("http")?.default as Router | undefined;
    const url = new URL(req.url ?? "/", origin);
    const method = req.method ?? "GET";
    const match = router?.isRouter ? router.lookup(url.pathname, method) : null;
    if (!match) {
      res.writeHead(404, { "Content-Type": "text/plain" });
      res.end(`No HTTP action for ${method} ${url.pathname}`);
      return;
    }
    const body = method === "GET" || method === "HEAD" ? null : await readBody(req, 20 * 1024 * 1024);
    const headers: [string, string][] = [];
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.push([k, v]);
    let identity = null;
    const auth = req.headers.authorization;
    // Only a bearer token is the caller's identity; other schemes (a webhook's Basic auth) are the action's own.
    if (auth !== undefined && auth.slice(0, 7).toLowerCase() === "bearer ") {
      try {
        identity = await engine.auth.verifyHeader(auth);
      } catch (e) {
        const { status, body: errorBody } = authErrorBody(e);
        res.writeHead(status, { "Content-Type": "application/json" });
        res.end(JSON.stringify(errorBody));
        return;
      }
    }
    if (engine.actions) {
      const out = await engine.runHttpActionInWorker(
        engine.actions,
        { url: url.href, method, headers, body: body ? new Uint8Array(body) : null },
        identity,
      );
      res.writeHead(out.status, out.headers.flat());
      res.end(Buffer.from(out.body));
      return;
    }
    const request = new Request(url, { method, headers, body: body ? new Uint8Array(body) : undefined });
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
