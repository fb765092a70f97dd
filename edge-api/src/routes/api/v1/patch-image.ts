import { createRoute } from "@hono/zod-openapi";
import type { AppServices } from "../../../lib/context";
import { SECURITY, errorResponses, type Router } from "../../../lib/openapi";
import { updateImage } from "./image-updates";
import { UpdateImageSchema } from "./library-schema";
import { requirePermission } from "./permissions";
import { ImageIdParamsSchema } from "./schema";

const route = createRoute({
  method: "patch",
  path: "/images/{id}",
  tags: ["REST API"],
  summary: "Star an image, set its tags, or make it public or private",
  description: "Only the fields sent change. `tags` replaces the image's tags; read them back, normalised, with GET.",
  security: [{ [SECURITY.apiKey]: [] }],
  middleware: [requirePermission("images:write")] as const,
  request: {
    params: ImageIdParamsSchema,
    body: { required: true, content: { "application/json": { schema: UpdateImageSchema } } },
  },
  responses: {
    204: { description: "Updated." },
    ...errorResponses(400, 401, 403, 404, 415, 429, 500),
  },
});

export function registerPatchImage(router: Router, services: AppServices) {
  router.openapi(route, async (c) => {
    await updateImage(services.convex.convexAs(c.get("token")), c.req.valid("param").id, c.req.valid("json"));
    return c.body(null, 204);
  });
}
