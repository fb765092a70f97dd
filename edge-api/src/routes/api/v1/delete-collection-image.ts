import { createRoute } from "@hono/zod-openapi";
import type { AppServices } from "../../../lib/context";
import { ApiError } from "../../../lib/errors";
import { SECURITY, errorResponses, type Router } from "../../../lib/openapi";
import { api } from "../../../lib/convex-api";
import { CollectionImageParamsSchema } from "./library-schema";
import { requirePermission } from "./permissions";

const route = createRoute({
  method: "delete",
  path: "/collections/{id}/images/{imageId}",
  tags: ["REST API"],
  summary: "Take an image out of a collection (it stays in your library)",
  security: [{ [SECURITY.apiKey]: [] }],
  middleware: [requirePermission("collections:write")] as const,
  request: { params: CollectionImageParamsSchema },
  responses: {
    204: { description: "Removed." },
    ...errorResponses(400, 401, 403, 404, 429, 500),
  },
});

export function registerDeleteCollectionImage(router: Router, services: AppServices) {
  router.openapi(route, async (c) => {
    const { id, imageId } = c.req.valid("param");
    const { removed } = await services.convex
      .convexAs(c.get("token"))
      .mutation(api.collections.removeImages, { id, imageIds: [imageId] });
    // Someone else's image is skipped by Convex, so it reads as not in the collection.
    if (removed === 0) throw new ApiError("NOT_FOUND", "That image is not in this collection.");
    return c.body(null, 204);
  });
}
