/**
 * Request body limits, one per route, checked before anything reads the body: a declared
 * `Content-Length` over the limit is refused at once (413, the limit named) without a byte of
 * the body being read, and a chunked body is counted as it streams and dropped at the limit.
 * A route not in the table accepts at most `BODY_LIMITS.other`, so a new route, an unknown path
 * or a GET with a body can never make the server buffer more than that.
 */
import { bodyLimit } from "hono/body-limit";
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../lib/context";
import { ApiError } from "../lib/errors";
import { IMAGE_INPUT_LIMITS, type ErrorCode } from "@pixorly/core";

const KB = 1024;

/** Bytes per route (`METHOD path`), each a few times the largest valid body. */
export const BODY_LIMITS = {
  "POST /v1/embed/tokens": 4 * KB,
  "POST /v1/dev/token": 1 * KB,
  "POST /v1/session/token": 1 * KB,
  "POST /v1/partner/api-keys": 4 * KB,
  /** 100 ids and a transform. */
  "POST /v1/images/urls": 16 * KB,
  /** 100 ids and a transform. */
  "POST /v1/images/zip": 16 * KB,
  /** A 2,000-character prompt and a 1,000-character negative prompt, even if every character is escaped. */
  "POST /api/v1/generate": 32 * KB,
  /** The same, with up to 4 model ids instead of one. */
  "POST /api/v1/compare": 32 * KB,
  /** REST library routes (`{…}` matches one path segment): a name, tags, or 100 ids. */
  "POST /api/v1/collections": 4 * KB,
  "PATCH /api/v1/collections/{id}": 4 * KB,
  "POST /api/v1/collections/{id}/images": 16 * KB,
  "PATCH /api/v1/images/{id}": 8 * KB,
  /** An uploaded image (50 MiB, core's `IMAGE_INPUT_LIMITS.maxBytes`) and its multipart framing. */
  "POST /v1/inputs": IMAGE_INPUT_LIMITS.maxBytes + 64 * KB,
  "POST /api/v1/inputs": IMAGE_INPUT_LIMITS.maxBytes + 64 * KB,
  /** Every other route: they take no body. */
  other: 1 * KB,
} as const;

/** Routes whose body is a file: a body over the limit is that file being too large, with its own code. */
const FILE_ROUTES: Readonly<Record<string, ErrorCode>> = {
  "POST /v1/inputs": "INPUT_TOO_LARGE",
  "POST /api/v1/inputs": "INPUT_TOO_LARGE",
};

function describeBytes(bytes: number): string {
  if (bytes >= 1024 * KB) return `${Math.floor(bytes / (1024 * KB))} MB`;
  return bytes % KB === 0 ? `${bytes / KB} KB` : `${bytes} bytes`;
}

export function bodyLimits(): MiddlewareHandler<AppEnv> {
  const limiters = new Map<string, MiddlewareHandler<AppEnv>>();
  const limiterFor = (maxSize: number, code: ErrorCode) => {
    let limiter = limiters.get(`${maxSize} ${code}`);
    if (!limiter) {
      limiter = bodyLimit({
        maxSize,
        onError: () => {
          throw new ApiError(code, `The request body is larger than this route accepts (${describeBytes(maxSize)}).`, {
            status: 413,
          });
        },
      }) as MiddlewareHandler<AppEnv>;
      limiters.set(`${maxSize} ${code}`, limiter);
    }
    return limiter;
  };
  const table = BODY_LIMITS as Record<string, number>;
  const patterns = Object.entries(table)
    .filter(([route]) => route.includes("{"))
    .map(([route, bytes]) => [new RegExp(`^${route.replace(/\{[^}]+\}/g, "[^/]+")}$`), bytes] as const);
  const limitFor = (route: string) =>
    table[route] ?? patterns.find(([pattern]) => pattern.test(route))?.[1] ?? BODY_LIMITS.other;
  return (c, next) => {
    // No body, nothing to limit (most requests): skip the lookup. A GET or HEAD that declares no
    // body (every CDN hit) is told from its headers: on Node, reading `c.req.raw.body` builds a
    // whole Fetch Request and AbortSignal, which cost a CDN cache hit about a third of its time.
    const { method } = c.req;
    if (
      (method === "GET" || method === "HEAD") &&
      c.req.header("content-length") === undefined &&
      c.req.header("transfer-encoding") === undefined
    ) {
      return next();
    }
    if (!c.req.raw.body) return next();
    const route = `${c.req.method} ${c.req.path}`;
    return limiterFor(limitFor(route), FILE_ROUTES[route] ?? "INVALID_ARGUMENT")(c, next);
  };
}
