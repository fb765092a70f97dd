import { createRoute } from "@hono/zod-openapi";
import type { AppServices } from "../../lib/context";
import { ApiError } from "../../lib/errors";
import { SECURITY, errorResponses, type Router } from "../../lib/openapi";
import { imagesGet, jobsGet } from "./functions";
import { JobIdParamsSchema, JobStatusResponseSchema } from "./schema";

const route = createRoute({
  method: "get",
  path: "/api/v1/status/{jobId}",
  tags: ["REST API"],
  summary: "A job's status and, once completed, its images",
  security: [{ [SECURITY.apiKey]: [] }],
  request: { params: JobIdParamsSchema },
  responses: {
    200: { description: "The job.", content: { "application/json": { schema: JobStatusResponseSchema } } },
    ...errorResponses(400, 401, 404, 429, 500),
  },
});

export function registerGetStatus(router: Router, services: AppServices) {
  router.openapi(route, async (c) => {
    const convex = services.convex.convexAs(c.get("token"));
    // Someone else's job and a malformed id are both null: the same 404 as an unknown one.
    const job = await convex.query(jobsGet, { jobId: c.req.valid("param").jobId });
    if (!job) throw new ApiError("NOT_FOUND", 404, "Job not found.");
    const images = await Promise.all(job.resultImageIds.map((imageId) => convex.query(imagesGet, { imageId })));
    return c.json(
      {
        jobId: job._id,
        status: job.status,
        model: job.model,
        prompt: job.prompt,
        createdAt: Math.floor(job._creationTime),
        ...(job.startedAt !== undefined ? { startedAt: job.startedAt } : {}),
        ...(job.completedAt !== undefined ? { completedAt: job.completedAt } : {}),
        ...(job.queuePosition !== null ? { queuePosition: job.queuePosition } : {}),
        ...(job.actualCost !== undefined ? { cost: job.actualCost } : {}),
        ...(job.error ? { error: { code: job.error.code, message: job.error.message } } : {}),
        // An image deleted since the job completed is simply left out.
        images: images.flatMap((image) => (image ? [{ id: image._id, width: image.width, height: image.height }] : [])),
      },
      200,
    );
  });
}
