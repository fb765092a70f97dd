import { createRoute } from "@hono/zod-openapi";
import type { AppServices } from "../../../lib/context";
import { ApiError } from "../../../lib/errors";
import { SECURITY, errorResponses, type Router } from "../../../lib/openapi";
import { requirePermission } from "./permissions";
import { api } from "../../../lib/convex-api";
import { publicImageFields } from "./image-fields";
import { imageUrlOf } from "./image-urls";
import { ImageIdParamsSchema, ImageWithUrlSchema } from "./schema";

const route = createRoute({
  method: "get",
  path: "/images/{id}",
  tags: ["REST API"],
  summary: "One of your images, with a signed URL",
  security: [{ [SECURITY.apiKey]: [] }],
  middleware: [requirePermission("images:read")] as const,
  request: { params: ImageIdParamsSchema },
  responses: {
    200: {
      description: "The image and a URL to fetch it.",
      content: { "application/json": { schema: ImageWithUrlSchema } },
    },
    ...errorResponses(400, 401, 403, 404, 429, 500),
  },
});

export function registerGetImage(router: Router, services: AppServices) {
  router.openapi(route, async (c) => {
    const convex = services.convex.convexAs(c.get("token"));
    // Convex answers null for someone else's image as for an unknown or malformed id.
    const image = await convex.query(api.images.get, { imageId: c.req.valid("param").id });
    if (!image) throw new ApiError("NOT_FOUND", "Image not found.");
    const { url, expiresAt } = await imageUrlOf(services, image);
    return c.json({ ...publicImageFields(image), url, expiresAt }, 200);
  });
}
