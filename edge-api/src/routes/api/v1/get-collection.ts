import { createRoute } from "@hono/zod-openapi";
import type { AppServices } from "../../../lib/context";
import { ApiError } from "../../../lib/errors";
import { SECURITY, errorResponses, type Router } from "../../../lib/openapi";
import { collectionFields } from "./collection-fields";
import { api } from "../../../lib/convex-api";
import { publicImageFields } from "./image-fields";
import { imageUrlOf } from "./image-urls";
import { CollectionIdParamsSchema, CollectionWithImagesSchema } from "./library-schema";
import { requirePermission } from "./permissions";
import { PageQuerySchema } from "./schema";

const route = createRoute({
  method: "get",
  path: "/collections/{id}",
  tags: ["REST API"],
  summary: "A collection with a page of its images",
  description: "The images come in the collection's order, each with a URL to fetch it (signed for private images).",
  security: [{ [SECURITY.apiKey]: [] }],
  middleware: [requirePermission("images:read")] as const,
  request: { params: CollectionIdParamsSchema, query: PageQuerySchema },
  responses: {
    200: {
      description: "The collection and one page of its images.",
      content: { "application/json": { schema: CollectionWithImagesSchema } },
    },
    ...errorResponses(400, 401, 403, 404, 429, 500),
  },
});

export function registerGetCollection(router: Router, services: AppServices) {
  router.openapi(route, async (c) => {
    const { id } = c.req.valid("param");
    const { cursor, limit } = c.req.valid("query");
    const convex = services.convex.convexAs(c.get("token"));
    // Someone else's collection and a malformed id are null, as an unknown one.
    const collection = await convex.query(api.collections.get, { id });
    if (!collection) throw new ApiError("NOT_FOUND", "Collection not found.");
    const page = await convex.query(api.collections.images, {
      id,
      paginationOpts: { numItems: limit, cursor: cursor ?? null },
    });
    const images = await Promise.all(
      page.page.map(async (image) => ({ ...publicImageFields(image), ...(await imageUrlOf(services, image)) })),
    );
    return c.json(
      { ...collectionFields(collection), images, nextCursor: page.isDone ? null : page.continueCursor },
      200,
    );
  });
}
