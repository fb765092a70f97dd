/**
 * The one middleware every request passes: request id, the app's services on the context,
 * CORS (preflights answered here), security headers, and the log line and metrics sample.
 *
 * One middleware rather than one per concern, and every header set after the handler, on the
 * finished response: each extra layer costs on every request, and writing to a finished response
 * through `c.header()` makes Hono rebuild it around a stream (the Node adapter then streams it
 * instead of writing it at once).
 */
import type { HttpBindings } from "@hono/node-server";
import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv, AppServices } from "../lib/context";
import { PartnerCors, setCorsHeaders } from "./cors";
import { requestObserver } from "./observe";
import { REQUEST_ID_HEADER, requestIdFor } from "./request-id";
import { SECURITY_HEADERS } from "./security-headers";

/**
 * The Node `ServerResponse` when `@hono/node-server` serves the app (its documented bindings,
 * `c.env.outgoing`); undefined on Workers and in `app.request` tests.
 */
function nodeResponse(c: Context<AppEnv>): HttpBindings["outgoing"] | undefined {
  const outgoing = (c.env as Partial<HttpBindings> | undefined)?.outgoing;
  return outgoing && typeof outgoing.setHeader === "function" ? outgoing : undefined;
}

/**
 * The request id and the fixed security headers. On Node they go straight onto the
 * `ServerResponse`, which the adapter then writes with the handler's own headers: a Fetch
 * `Headers` object validates and re-sorts on every call, and on this path, once per request,
 * that cost as much as the rest of the middleware. No handler sets these names, so nothing
 * the handler sets is overridden.
 */
function setFixedHeaders(c: Context<AppEnv>, requestId: string): void {
  const outgoing = nodeResponse(c);
  if (outgoing) {
    outgoing.setHeader(REQUEST_ID_HEADER, requestId);
    for (const [name, value] of SECURITY_HEADERS) outgoing.setHeader(name, value);
    return;
  }
  const headers = c.res.headers;
  headers.set(REQUEST_ID_HEADER, requestId);
  for (const [name, value] of SECURITY_HEADERS) headers.set(name, value);
}

export function rootMiddleware(services: AppServices): MiddlewareHandler<AppEnv> {
  const cors = new PartnerCors(services.config.corsOrigins, services.partnerOrigins);
  const observe = requestObserver(services);
  return async (c, next) => {
    const start = performance.now();
    const requestId = requestIdFor(c.req.header(REQUEST_ID_HEADER));
    c.set("requestId", requestId);
    c.set("services", services);
    const decided = cors.allowedOrigin(c.req.header("Origin"));
    const allowedOrigin = decided instanceof Promise ? await decided : decided;
    const preflight = c.req.method === "OPTIONS";

    if (preflight) c.res = new Response(null, { status: 204 });
    else await next();

    setFixedHeaders(c, requestId);
    // With the response's own headers: `Vary` adds to what the handler said (the CDN's `Accept`).
    setCorsHeaders(c.res.headers, allowedOrigin, preflight);
    observe(c, start);
  };
}
