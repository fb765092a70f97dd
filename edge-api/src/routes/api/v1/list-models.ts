import { createRoute } from "@hono/zod-openapi";
import type { AppServices } from "../../../lib/context";
import { SECURITY, errorResponses, type Router } from "../../../lib/openapi";
import { api } from "../../../lib/convex-api";
import { ModelListResponseSchema } from "./schema";

const route = createRoute({
  method: "get",
  path: "/models",
  tags: ["REST API"],
  summary: "The models you can generate with, their limits and prices",
  security: [{ [SECURITY.apiKey]: [] }],
  responses: {
    200: { description: "The model catalog.", content: { "application/json": { schema: ModelListResponseSchema } } },
    ...errorResponses(401, 429, 500),
  },
});

export function registerListModels(router: Router, services: AppServices) {
  router.openapi(route, async (c) => {
    const models = await services.convex.convexAs(c.get("token")).query(api.models.list, {});
    return c.json({ models }, 200);
  });
}
