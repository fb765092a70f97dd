import { createRoute } from "@hono/zod-openapi";
import type { AppServices } from "../../../lib/context";
import { SECURITY, errorResponses, type Router } from "../../../lib/openapi";
import { requirePermission } from "./permissions";
import { api } from "../../../lib/convex-api";
import { publicImageFields } from "./image-fields";
import { PageQuerySchema, ImageListResponseSchema } from "./schema";

const route = createRoute({
  method: "get",
  path: "/images",
  tags: ["REST API"],
  summary: "Your images, newest first, a page at a time",
  security: [{ [SECURITY.apiKey]: [] }],
  middleware: [requirePermission("images:read")] as const,
  request: { query: PageQuerySchema },
  responses: {
    200: { description: "One page of images.", content: { "application/json": { schema: ImageListResponseSchema } } },
    ...errorResponses(400, 401, 403, 429, 500),
  },
});

export function registerListImages(router: Router, services: AppServices) {
  router.openapi(route, async (c) => {
    const { cursor, limit } = c.req.valid("query");
    const convex = services.convex.convexAs(c.get("token"));
    const page = await convex.query(api.images.list, { paginationOpts: { numItems: limit, cursor: cursor ?? null } });
    return c.json(
      { images: page.page.map(publicImageFields), nextCursor: page.isDone ? null : page.continueCursor },
      200,
    );
  });
}
