import { createRoute } from "@hono/zod-openapi";
import { imagesDelivery } from "../../v1/images/post-urls";
import type { AppServices } from "../../../lib/context";
import { ApiError } from "../../../lib/errors";
import { SECURITY, errorResponses, type Router } from "../../../lib/openapi";
import { api } from "../../../lib/convex-api";
import { imageUrlOf } from "./image-urls";
import { jobFields } from "./job-fields";
import { requirePermission } from "./permissions";
import { JobIdParamsSchema, JobStatusResponseSchema } from "./schema";

const route = createRoute({
  method: "get",
  path: "/status/{jobId}",
  tags: ["REST API"],
  summary: "A job's status and, once completed, its images with signed URLs",
  description:
    "Needs the `generate` permission (jobs belong to generation). When the key also holds `images:read`, each image comes " +
    "with its size and a URL to fetch it (signed and valid about an hour for private images, stable for public ones); " +
    "otherwise only the image ids.",
  security: [{ [SECURITY.apiKey]: [] }],
  middleware: [requirePermission("generate")] as const,
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
    const job = await convex.query(api.jobs.get, { jobId: c.req.valid("param").jobId });
    if (!job) throw new ApiError("NOT_FOUND", "Job not found.");
    // Reading an image needs `images:read` in Convex; a generate-only key still learns the ids.
    const scopes = c.get("claims").scp;
    const readsImages = !scopes || scopes.includes("images:read");
    const { imageIds, ...fields } = jobFields(job);
    // One call for all of them; an image deleted since the job completed is simply absent.
    const images = readsImages
      ? await Promise.all(
          (await convex.mutation(imagesDelivery, { ids: imageIds })).map(async (image) => ({
            id: image.id,
            width: image.width,
            height: image.height,
            ...(await imageUrlOf(services, image)),
          })),
        )
      : imageIds.map((id) => ({ id }));
    return c.json(
      { ...fields, ...(job.queuePosition !== null ? { queuePosition: job.queuePosition } : {}), images },
      200,
    );
  });
}
