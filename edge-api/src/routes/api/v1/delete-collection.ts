import { createRoute } from "@hono/zod-openapi";
import type { AppServices } from "../../../lib/context";
import { SECURITY, errorResponses, type Router } from "../../../lib/openapi";
import { api } from "../../../lib/convex-api";
import { CollectionIdParamsSchema } from "./library-schema";
import { requirePermission } from "./permissions";

const route = createRoute({
  method: "delete",
  path: "/collections/{id}",
  tags: ["REST API"],
  summary: "Delete a collection (its images stay in your library)",
  security: [{ [SECURITY.apiKey]: [] }],
  middleware: [requirePermission("collections:write")] as const,
  request: { params: CollectionIdParamsSchema },
  responses: {
    204: { description: "Deleted." },
    ...errorResponses(400, 401, 403, 404, 429, 500),
  },
});

export function registerDeleteCollection(router: Router, services: AppServices) {
  router.openapi(route, async (c) => {
    // Convex answers NOT_FOUND for someone else's collection as for an unknown one.
    await services.convex.convexAs(c.get("token")).mutation(api.collections.remove, { id: c.req.valid("param").id });
    return c.body(null, 204);
  });
}
