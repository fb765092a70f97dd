import { createRoute } from "@hono/zod-openapi";
import type { AppServices } from "../../../lib/context";
import { SECURITY, errorResponses, type Router } from "../../../lib/openapi";
import { api } from "../../../lib/convex-api";
import { jobFields } from "./job-fields";
import { requirePermission } from "./permissions";
import { JobListQuerySchema, JobListResponseSchema } from "./schema";

const route = createRoute({
  method: "get",
  path: "/jobs",
  tags: ["REST API"],
  summary: "Your generation jobs, newest first, a page at a time",
  description:
    "Every job of the key's owner, whichever key or session started it; `status` narrows the list to one state.",
  security: [{ [SECURITY.apiKey]: [] }],
  middleware: [requirePermission("generate")] as const,
  request: { query: JobListQuerySchema },
  responses: {
    200: { description: "One page of jobs.", content: { "application/json": { schema: JobListResponseSchema } } },
    ...errorResponses(400, 401, 403, 429, 500),
  },
});

export function registerListJobs(router: Router, services: AppServices) {
  router.openapi(route, async (c) => {
    const { cursor, limit, status } = c.req.valid("query");
    const page = await services.convex.convexAs(c.get("token")).query(api.jobs.list, {
      paginationOpts: { numItems: limit, cursor: cursor ?? null },
      ...(status ? { status } : {}),
    });
    return c.json({ jobs: page.page.map(jobFields), nextCursor: page.isDone ? null : page.continueCursor }, 200);
  });
}
