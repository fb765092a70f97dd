import { createRoute } from "@hono/zod-openapi";
import type { AppServices } from "../../../lib/context";
import { SECURITY, errorResponses, type Router } from "../../../lib/openapi";
import { api } from "../../../lib/convex-api";
import { CreateCollectionSchema, CreatedCollectionSchema } from "./library-schema";
import { requirePermission } from "./permissions";

const route = createRoute({
  method: "post",
  path: "/collections",
  tags: ["REST API"],
  summary: "Create a collection",
  description: "A new, empty, private collection. At most 200 per account.",
  security: [{ [SECURITY.apiKey]: [] }],
  middleware: [requirePermission("collections:write")] as const,
  request: { body: { required: true, content: { "application/json": { schema: CreateCollectionSchema } } } },
  responses: {
    201: {
      description: "Created; `Location` is its URL.",
      content: { "application/json": { schema: CreatedCollectionSchema } },
    },
    ...errorResponses(400, 401, 403, 415, 429, 500),
  },
});

export function registerPostCollection(router: Router, services: AppServices) {
  router.openapi(route, async (c) => {
    const id = await services.convex.convexAs(c.get("token")).mutation(api.collections.create, c.req.valid("json"));
    c.header("Location", `${services.config.publicUrl}/api/v1/collections/${encodeURIComponent(id)}`);
    return c.json({ id }, 201);
  });
}
