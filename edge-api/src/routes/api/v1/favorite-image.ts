import { createRoute } from "@hono/zod-openapi";
import type { AppServices } from "../../../lib/context";
import { SECURITY, errorResponses, type Router } from "../../../lib/openapi";
import { updateImage } from "./image-updates";
import { requirePermission } from "./permissions";
import { ImageIdParamsSchema } from "./schema";

/** `PUT` stars, `DELETE` unstars; both are idempotent. */
const favoriteRoute = (method: "put" | "delete") =>
  createRoute({
    method,
    path: "/images/{id}/favorite",
    tags: ["REST API"],
    summary: method === "put" ? "Add an image to your favorites" : "Remove an image from your favorites",
    security: [{ [SECURITY.apiKey]: [] }],
    middleware: [requirePermission("images:write")] as const,
    request: { params: ImageIdParamsSchema },
    responses: {
      204: { description: method === "put" ? "Starred." : "Unstarred." },
      ...errorResponses(400, 401, 403, 404, 429, 500),
    },
  });

export function registerFavoriteImage(router: Router, services: AppServices) {
  for (const method of ["put", "delete"] as const) {
    router.openapi(favoriteRoute(method), async (c) => {
      await updateImage(services.convex.convexAs(c.get("token")), c.req.valid("param").id, {
        favorite: method === "put",
      });
      return c.body(null, 204);
    });
  }
}
