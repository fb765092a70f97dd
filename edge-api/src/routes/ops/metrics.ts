import { createRoute, z } from "@hono/zod-openapi";
import type { AppServices } from "../../lib/context";
import { ApiError } from "../../lib/errors";
import { errorResponses, type Router } from "../../lib/openapi";
import { describeError } from "../../lib/logger";
import { bearerToken } from "../../middleware/auth";
import { metricsOperations, renderBackendMetrics } from "./backend-metrics";

const route = createRoute({
  method: "get",
  path: "/metrics",
  tags: ["Operations"],
  summary: "Prometheus metrics",
  description:
    "Request counts by route and status, a latency histogram and tokens issued; from the backend, generations by model and outcome " +
    "with their durations, queue depth per provider and the webhook backlog. Needs `Bearer <METRICS_TOKEN>`; " +
    "outside local mode a deployment without METRICS_TOKEN has no metrics route (404).",
  responses: {
    200: { description: "Prometheus text exposition format.", content: { "text/plain": { schema: z.string() } } },
    ...errorResponses(401, 404),
  },
});

/** Compares without an early exit, so response time does not reveal how much of the token matched. */
function sameSecret(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return diff === 0;
}

export function registerMetrics(router: Router, services: AppServices) {
  const expected = services.config.metricsToken;
  router.openapi(route, async (c) => {
    // Route names, statuses and volumes describe the deployment: outside the offline studio they
    // are never public, so without a token there is nothing to serve.
    if (!expected && !services.config.localMode)
      throw new ApiError("NOT_FOUND", `No route for ${c.req.method} ${c.req.path}.`);
    if (expected && !sameSecret(bearerToken(c, "metrics token"), expected))
      throw new ApiError("UNAUTHENTICATED", "Wrong metrics token.");
    c.header("Cache-Control", "no-store");
    const ops = await services.convex
      .asService()
      .then((convex) => convex.query(metricsOperations, {}))
      .catch((error: unknown) => {
        services.deps.logger({
          level: "warn",
          msg: "metrics: Convex operations query failed",
          ...describeError(error),
        });
        return null;
      });
    return c.text(services.metrics.render() + renderBackendMetrics(ops), 200, {
      "Content-Type": "text/plain; version=0.0.4; charset=utf-8",
    });
  });
}
