/**
 * One structured log line and one metrics sample per request. The route label is the matched
 * route pattern (`/v1/images/:id`), never the raw path, so metrics stay bounded.
 */
import type { MiddlewareHandler } from "hono";
import { matchedRoutes } from "hono/route";
import type { AppEnv, AppServices } from "../lib/context";

function routeLabel(c: Parameters<MiddlewareHandler<AppEnv>>[0]): string {
  // Middleware is registered with `use` (method ALL); the last route with a method is the handler.
  const handler = matchedRoutes(c).findLast((r) => r.method !== "ALL");
  return handler?.path ?? "unmatched";
}

export function observe(services: AppServices): MiddlewareHandler<AppEnv> {
  const { logger } = services.deps;
  return async (c, next) => {
    const start = performance.now();
    await next();
    const ms = Math.round((performance.now() - start) * 100) / 100;
    const route = routeLabel(c);
    services.metrics.recordRequest(c.req.method, route, c.res.status, ms / 1000);
    logger({
      level: "info",
      msg: "request",
      method: c.req.method,
      path: c.req.path,
      route,
      status: c.res.status,
      ms,
      requestId: c.get("requestId"),
    });
  };
}
