import { createRoute } from "@hono/zod-openapi";
import type { AppServices } from "../../../lib/context";
import { SECURITY, errorResponses, type Router } from "../../../lib/openapi";
import { collectionFields } from "./collection-fields";
import { api } from "../../../lib/convex-api";
import { CollectionListSchema } from "./library-schema";
import { requirePermission } from "./permissions";

const route = createRoute({
  method: "get",
  path: "/collections",
  tags: ["REST API"],
  summary: "Your collections, most recently changed first",
  security: [{ [SECURITY.apiKey]: [] }],
  middleware: [requirePermission("images:read")] as const,
  responses: {
    200: {
      description: "All your collections (at most 200).",
      content: { "application/json": { schema: CollectionListSchema } },
    },
    ...errorResponses(401, 403, 429, 500),
  },
});

export function registerListCollections(router: Router, services: AppServices) {
  router.openapi(route, async (c) => {
    const collections = await services.convex.convexAs(c.get("token")).query(api.collections.list, {});
    return c.json({ collections: collections.map(collectionFields) }, 200);
  });
}
