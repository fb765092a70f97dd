import { createRoute } from "@hono/zod-openapi";
import type { AppServices } from "../../lib/context";
import { ApiError } from "../../lib/errors";
import { SECURITY, errorResponses, type Router } from "../../lib/openapi";
import { requireScope } from "../../middleware/auth";
import { imagesGet, jobsGet } from "./functions";
import { JobIdParamsSchema, JobStatusResponseSchema } from "./schema";

const route = createRoute({
  method: "get",
  path: "/api/v1/status/{jobId}",
  tags: ["REST API"],
  summary: "A job's status and, once completed, its images",
  description: "Needs the `generate` permission (jobs belong to generation). The images' sizes are included when the key also holds `images:read`; otherwise only their ids.",
  security: [{ [SECURITY.apiKey]: [] }],
  middleware: [requireScope("generate")] as const,
  request: { params: JobIdParamsSchema },
  responses: {
    200: { description: "The job.", content: { "application/json": { schema: JobStatusResponseSchema } } },
    ...errorResponses(400, 401, 403, 404, 429, 500),
  },
});

export function registerGetStatus(router: Router, services: AppServices) {
  router.openapi(route, async (c) => {
    const convex = services.convex.convexAs(c.get("token"));
    // Someone else's job and a malformed id are both null: the same 404 as an unknown one.
    const job = await convex.query(jobsGet, { jobId: c.req.valid("param").jobId });
    if (!job) throw new ApiError("NOT_FOUND", 404, "Job not found.");
    // Reading an image needs `images:read` in Convex; a generate-only key still learns the ids.
    const scopes = c.get("claims").scp;
    const readsImages = !scopes || scopes.includes("images:read");
    const images = readsImages
      ? (await Promise.all(job.resultImageIds.map((imageId) => convex.query(imagesGet, { imageId })))).flatMap((image) =>
          image ? [{ id: image._id, width: image.width, height: image.height }] : [],
        )
      : job.resultImageIds.map((id) => ({ id }));
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
        // An image deleted since the job completed is simply left out (when sizes are read).
        images,
      },
      200,
    );
  });
}
