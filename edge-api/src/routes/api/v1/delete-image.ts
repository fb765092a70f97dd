import { createRoute } from "@hono/zod-openapi";
import type { AppServices } from "../../../lib/context";
import { SECURITY, errorResponses, type Router } from "../../../lib/openapi";
import { requirePermission } from "./permissions";
import { api } from "../../../lib/convex-api";
import { ImageIdParamsSchema } from "./schema";

const route = createRoute({
  method: "delete",
  path: "/images/{id}",
  tags: ["REST API"],
  summary: "Delete one of your images",
  description:
    "The image is gone at once; its stored file is removed in the background and its bytes no longer count against your storage.",
  security: [{ [SECURITY.apiKey]: [] }],
  middleware: [requirePermission("images:write")] as const,
  request: { params: ImageIdParamsSchema },
  responses: {
    204: { description: "Deleted." },
    ...errorResponses(400, 401, 403, 404, 429, 500),
  },
});

export function registerDeleteImage(router: Router, services: AppServices) {
  router.openapi(route, async (c) => {
    // Convex answers NOT_FOUND (404) for someone else's image as for an unknown one.
    await services.convex.convexAs(c.get("token")).mutation(api.images.remove, { id: c.req.valid("param").id });
    return c.body(null, 204);
  });
}
