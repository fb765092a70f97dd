/** `/v1/dev/*`: offline conveniences, registered only in local mode (see `app.ts`). */
import type { AppServices } from "../../../lib/context";
import { createRouter } from "../../../lib/openapi";
import { registerPostDevToken } from "./post-token";

export function devRoutes(services: AppServices) {
  const router = createRouter();
  registerPostDevToken(router, services);
  return router;
}
