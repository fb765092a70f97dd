import { createRoute } from "@hono/zod-openapi";
import type { AppServices } from "../../../lib/context";
import { SECURITY, errorResponses, type Router } from "../../../lib/openapi";
import { api } from "../../../lib/convex-api";
import { requirePermission } from "./permissions";
import { CancelResponseSchema, JobIdParamsSchema } from "./schema";

const route = createRoute({
  method: "post",
  path: "/jobs/{jobId}/cancel",
  tags: ["REST API"],
  summary: "Cancel a pending or running job",
  description:
    "The job's reserved credits are refunded at once. A job that has already ended answers 409 naming its state.",
  security: [{ [SECURITY.apiKey]: [] }],
  middleware: [requirePermission("generate")] as const,
  request: { params: JobIdParamsSchema },
  responses: {
    200: { description: "Cancelled.", content: { "application/json": { schema: CancelResponseSchema } } },
    ...errorResponses(400, 401, 403, 404, 409, 429, 500),
  },
});

export function registerCancelJob(router: Router, services: AppServices) {
  router.openapi(route, async (c) => {
    const { jobId } = c.req.valid("param");
    // Convex answers NOT_FOUND for someone else's job as for an unknown one, CONFLICT for an ended one.
    await services.convex.convexAs(c.get("token")).mutation(api.jobs.cancel, { jobId });
    return c.json({ jobId, status: "cancelled" as const }, 200);
  });
}
