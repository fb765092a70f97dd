/**
 * `POST /api/v1/compare`: the same request on 2–4 models at once (`jobs:compare`), all or none. With
 * an `input`, a model that cannot take it is refused by name (field `models.<i>`) before any job is
 * made or anything charged; the others would all get the same input.
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { AppServices } from "../../../lib/context";
import { SECURITY, errorResponses, type Router } from "../../../lib/openapi";
import { api } from "../../../lib/convex-api";
import { requirePermission } from "./permissions";
import { acceptedOrThrow, idempotencyKeyOf, jobState } from "./job-submission";
import {
  CompareRequestSchema,
  CompareResponseSchema,
  DEFAULT_GENERATION_PARAMETERS,
  GenerateHeadersSchema,
} from "./schema";

const route = createRoute({
  method: "post",
  path: "/compare",
  tags: ["REST API"],
  summary: "Compare models: one job per model",
  description:
    "Validates the request for every model, moderates it and reserves the credits of all jobs at once, then queues one job per model (in the order given). If any model cannot take the request — e.g. an `input` image a model does not accept — nothing is created and the error names each such model. Poll each `statusUrl`. The Idempotency-Key covers the whole comparison.",
  security: [{ [SECURITY.apiKey]: [] }],
  middleware: [requirePermission("generate")] as const,
  request: {
    headers: GenerateHeadersSchema,
    body: { required: true, content: { "application/json": { schema: CompareRequestSchema } } },
  },
  responses: {
    202: {
      description: "The jobs are queued (or, for a repeated idempotency key, the earlier ones).",
      content: { "application/json": { schema: CompareResponseSchema } },
    },
    ...errorResponses(400, 401, 402, 403, 409, 422, 429, 500, 503),
  },
});

type CompareResponse = z.infer<typeof CompareResponseSchema>;

export function registerPostCompare(router: Router, services: AppServices) {
  router.openapi(route, async (c) => {
    const { "Idempotency-Key": headerKey } = c.req.valid("header");
    const body = c.req.valid("json");
    const idempotencyKey = idempotencyKeyOf(headerKey, body.idempotencyKey);
    const convex = services.convex.convexAs(c.get("token"));
    const created = acceptedOrThrow(
      await convex.mutation(api.jobs.compare, {
        ...body,
        parameters: { ...DEFAULT_GENERATION_PARAMETERS, ...body.parameters },
        ...(idempotencyKey ? { idempotencyKey } : {}),
      }),
    );
    const jobs: CompareResponse["jobs"] = [];
    for (const { model, jobId } of created) jobs.push({ model, jobId, ...(await jobState(services, convex, jobId)) });
    return c.json({ jobs }, 202);
  });
}
