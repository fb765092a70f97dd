/**
 * `GET /api/v1/usage`: the key owner's spend by day and by model over the last `days` UTC days.
 * Any valid key of the owner may read it (no permission: it reveals nothing a key's holder could not
 * already cause); Convex checks the caller is the owner's session or key, never an embed session.
 */
import { createRoute } from "@hono/zod-openapi";
import type { AppServices } from "../../../lib/context";
import { SECURITY, errorResponses, type Router } from "../../../lib/openapi";
import { api } from "../../../lib/convex-api";
import { UsageQuerySchema, UsageResponseSchema } from "./usage-schema";

const route = createRoute({
  method: "get",
  path: "/usage",
  tags: ["REST API"],
  summary: "Your spend and usage by day and by model",
  description:
    "Credits spent, images generated and REST requests per UTC day over the last `days` days (today included), per model, and totals — " +
    "for the key owner's whole account, whichever key or session was used.",
  security: [{ [SECURITY.apiKey]: [] }],
  request: { query: UsageQuerySchema },
  responses: {
    200: { description: "The usage summary.", content: { "application/json": { schema: UsageResponseSchema } } },
    ...errorResponses(400, 401, 403, 429, 500),
  },
});

export function registerGetUsage(router: Router, services: AppServices) {
  router.openapi(route, async (c) => {
    const { days } = c.req.valid("query");
    const summary = await services.convex.convexAs(c.get("token")).query(api.usage.summary, { days });
    return c.json(summary, 200);
  });
}
