import { createRoute } from "@hono/zod-openapi";
import type { AppServices } from "../../lib/context";
import type { Router } from "../../lib/openapi";
import { JwksSchema } from "./schema";

/**
 * Verifiers (Convex among them) cache the key set; five minutes keeps a rotation quick to
 * reach them while sparing the API a request per verification.
 */
export const JWKS_CACHE_CONTROL = "public, max-age=300, stale-while-revalidate=60";

const route = createRoute({
  method: "get",
  path: "/jwks.json",
  tags: ["Identity"],
  summary: "The public keys that verify Pixorly tokens",
  responses: {
    200: {
      description: "Every published signing key (the first one signs new tokens).",
      content: { "application/json": { schema: JwksSchema } },
    },
  },
});

export function registerJwks(router: Router, services: AppServices) {
  router.openapi(route, (c) => {
    c.header("Cache-Control", JWKS_CACHE_CONTROL);
    return c.json(services.keys.jwks, 200);
  });
}
