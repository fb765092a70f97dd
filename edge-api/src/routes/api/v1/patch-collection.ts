import { createRoute } from "@hono/zod-openapi";
import type { AppServices } from "../../../lib/context";
import { SECURITY, errorResponses, type Router } from "../../../lib/openapi";
import { api } from "../../../lib/convex-api";
import { CollectionIdParamsSchema, UpdateCollectionSchema } from "./library-schema";
import { requirePermission } from "./permissions";

const route = createRoute({
  method: "patch",
  path: "/collections/{id}",
  tags: ["REST API"],
  summary: "Rename a collection or make it public or private",
  description:
    "Making it public creates a new share link (read its `shareId` with GET); making it private ends the link for good.",
  security: [{ [SECURITY.apiKey]: [] }],
  middleware: [requirePermission("collections:write")] as const,
  request: {
    params: CollectionIdParamsSchema,
    body: { required: true, content: { "application/json": { schema: UpdateCollectionSchema } } },
  },
  responses: {
    204: { description: "Updated." },
    ...errorResponses(400, 401, 403, 404, 415, 429, 500),
  },
});

export function registerPatchCollection(router: Router, services: AppServices) {
  router.openapi(route, async (c) => {
    const { id } = c.req.valid("param");
    const { name, isPublic } = c.req.valid("json");
    const convex = services.convex.convexAs(c.get("token"));
    // The rename goes first: it checks the name, so a bad name changes nothing.
    if (name !== undefined) await convex.mutation(api.collections.rename, { id, name });
    if (isPublic !== undefined) await convex.mutation(api.collections.setVisibility, { id, isPublic });
    return c.body(null, 204);
  });
}
