import { createRoute } from "@hono/zod-openapi";
import type { AppServices } from "../../../lib/context";
import { SECURITY, errorResponses, type Router } from "../../../lib/openapi";
import { api } from "../../../lib/convex-api";
import { AddedSchema, CollectionIdParamsSchema, ImageIdsBodySchema } from "./library-schema";
import { requirePermission } from "./permissions";

const route = createRoute({
  method: "post",
  path: "/collections/{id}/images",
  tags: ["REST API"],
  summary: "Add images to a collection",
  description: "Appends up to 100 of your images in the order given. An image may be in several collections.",
  security: [{ [SECURITY.apiKey]: [] }],
  middleware: [requirePermission("collections:write")] as const,
  request: {
    params: CollectionIdParamsSchema,
    body: { required: true, content: { "application/json": { schema: ImageIdsBodySchema } } },
  },
  responses: {
    200: { description: "How many were added.", content: { "application/json": { schema: AddedSchema } } },
    ...errorResponses(400, 401, 403, 404, 415, 429, 500),
  },
});

export function registerPostCollectionImages(router: Router, services: AppServices) {
  router.openapi(route, async (c) => {
    const { imageIds } = c.req.valid("json");
    const result = await services.convex
      .convexAs(c.get("token"))
      .mutation(api.collections.addImages, { id: c.req.valid("param").id, imageIds });
    return c.json({ added: result.added }, 200);
  });
}
