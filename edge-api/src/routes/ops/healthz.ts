import { createRoute, z } from "@hono/zod-openapi";
import type { AppServices } from "../../lib/context";
import { describeError } from "../../lib/logger";
import type { Router } from "../../lib/openapi";

/** Probes come every few seconds from every load balancer; one Convex check serves them all for this long. */
const CHECK_CACHE_MS = 5_000;
const CONVEX_TIMEOUT_MS = 2_000;

const HealthSchema = z
  .object({
    status: z.enum(["ok", "unavailable"]),
    checks: z.object({ config: z.literal("ok"), convex: z.enum(["ok", "unreachable"]) }),
  })
  .openapi("Health");

const route = createRoute({
  method: "get",
  path: "/healthz",
  tags: ["Operations"],
  summary: "Liveness and readiness",
  description: "The configuration was valid at start (the app would not exist otherwise); Convex answers `/version`.",
  responses: {
    200: { description: "Ready.", content: { "application/json": { schema: HealthSchema } } },
    503: { description: "Convex is unreachable.", content: { "application/json": { schema: HealthSchema } } },
  },
});

export function registerHealthz(router: Router, services: AppServices) {
  const { deps, config } = services;
  let last: { ok: boolean; at: number } | null = null;

  async function convexReachable(): Promise<boolean> {
    if (last && deps.now() - last.at < CHECK_CACHE_MS) return last.ok;
    let ok = false;
    try {
      const res = await deps.fetch(`${config.convexUrl}/version`, { signal: AbortSignal.timeout(CONVEX_TIMEOUT_MS) });
      ok = res.ok;
      await res.body?.cancel();
    } catch (error) {
      deps.logger({ level: "warn", msg: "healthz: Convex unreachable", ...describeError(error) });
    }
    last = { ok, at: deps.now() };
    return ok;
  }

  router.openapi(route, async (c) => {
    const ok = await convexReachable();
    c.header("Cache-Control", "no-store");
    const checks = { config: "ok" as const, convex: ok ? ("ok" as const) : ("unreachable" as const) };
    return ok
      ? c.json({ status: "ok" as const, checks }, 200)
      : c.json({ status: "unavailable" as const, checks }, 503);
  });
}
