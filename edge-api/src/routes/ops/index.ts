/** Operations: `/healthz` for load balancers, `/metrics` for Prometheus. */
import type { AppServices } from "../../lib/context";
import { createRouter } from "../../lib/openapi";
import { registerHealthz } from "./healthz";
import { registerMetrics } from "./metrics";

export function opsRoutes(services: AppServices) {
  const router = createRouter();
  registerHealthz(router, services);
  registerMetrics(router, services);
  return router;
}
