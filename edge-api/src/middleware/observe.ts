/**
 * One structured log line and one metrics sample per request. The route label is the matched
 * route pattern (`/v1/images/:id`), never the raw path, so metrics stay bounded.
 */
import type { Context } from "hono";
import { matchedRoutes } from "hono/route";
import type { AppEnv, AppServices } from "../lib/context";

function routeLabel(c: Context<AppEnv>): string {
  // Middleware is registered with `use` (method ALL); the last route with a method is the handler.
  const handler = matchedRoutes(c).findLast((r) => r.method !== "ALL");
  return handler?.path ?? "unmatched";
}

/** Records a finished request that started at `start` (`performance.now()`). */
export function requestObserver({ metrics, deps }: AppServices): (c: Context<AppEnv>, start: number) => void {
  const { logger } = deps;
  return (c, start) => {
    const ms = Math.round((performance.now() - start) * 100) / 100;
    const route = routeLabel(c);
    const { method } = c.req;
    const { status } = c.res;
    metrics.recordRequest(method, route, status, ms / 1000);
    logger({
      level: "info",
      msg: "request",
      method,
      path: c.req.path,
      route,
      status,
      ms,
      requestId: c.get("requestId"),
    });
  };
}
