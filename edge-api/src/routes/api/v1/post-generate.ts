import { createRoute } from "@hono/zod-openapi";
import type { AppServices } from "../../../lib/context";
import { SECURITY, errorResponses, type Router } from "../../../lib/openapi";
import { requirePermission } from "./permissions";
import { acceptedOrThrow, idempotencyKeyOf, jobState } from "./job-submission";
import { api } from "../../../lib/convex-api";
import {
  DEFAULT_GENERATION_PARAMETERS,
  GenerateHeadersSchema,
  GenerateRequestSchema,
  GenerateResponseSchema,
} from "./schema";

const route = createRoute({
  method: "post",
  path: "/generate",
  tags: ["REST API"],
  summary: "Start a generation job",
  description:
    "Validates, moderates and reserves credits, then queues the job. Poll `statusUrl` until it is completed or failed.",
  security: [{ [SECURITY.apiKey]: [] }],
  middleware: [requirePermission("generate")] as const,
  request: {
    headers: GenerateHeadersSchema,
    body: { required: true, content: { "application/json": { schema: GenerateRequestSchema } } },
  },
  responses: {
    202: {
      description: "The job is queued (or, for a repeated idempotency key, the earlier job).",
      content: { "application/json": { schema: GenerateResponseSchema } },
    },
    ...errorResponses(400, 401, 402, 403, 409, 413, 415, 422, 429, 500, 503),
  },
});

export function registerPostGenerate(router: Router, services: AppServices) {
  router.openapi(route, async (c) => {
    const { "Idempotency-Key": headerKey } = c.req.valid("header");
    const body = c.req.valid("json");
    const idempotencyKey = idempotencyKeyOf(headerKey, body.idempotencyKey);
    const convex = services.convex.convexAs(c.get("token"));
    const created = acceptedOrThrow(
      await convex.mutation(api.jobs.create, {
        ...body,
        parameters: { ...DEFAULT_GENERATION_PARAMETERS, ...body.parameters },
        ...(idempotencyKey ? { idempotencyKey } : {}),
      }),
    );
    const jobId = created;
    const { status, statusUrl } = await jobState(services, convex, jobId);
    c.header("Location", statusUrl);
    return c.json({ jobId, status, statusUrl }, 202);
  });
}
