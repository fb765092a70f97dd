/**
 * What POST /api/v1/generate and POST /api/v1/compare share: the idempotency key from the header or the body
 * (refused when they differ), a refusal from Convex turned into its `ApiError`, and the job's state as the
 * response gives it (a repeated idempotency key returns earlier jobs, which may have moved on).
 */
import { isJobRefusal, type JobRefusal } from "@pixorly/core";
import type { AppServices } from "../../../lib/context";
import { ApiError } from "../../../lib/errors";
import { api } from "../../../lib/convex-api";

type Convex = ReturnType<AppServices["convex"]["convexAs"]>;

/** The request's idempotency key: the `Idempotency-Key` header or the body's field, which must agree. */
export function idempotencyKeyOf(headerKey: string | undefined, bodyKey: string | undefined): string | undefined {
  if (headerKey && bodyKey && headerKey !== bodyKey) {
    throw new ApiError("INVALID_ARGUMENT", "The Idempotency-Key header and the body's idempotencyKey differ.", {
      fields: [{ field: "idempotencyKey", message: "Differs from the Idempotency-Key header" }],
    });
  }
  return headerKey ?? bodyKey;
}

/** `created` unless Convex refused the submission, which becomes the refusal's `ApiError`. */
export function acceptedOrThrow<T>(created: T | JobRefusal): T {
  if (isJobRefusal(created)) {
    const { code, message, fields } = created.refused;
    throw new ApiError(code, message, { fields });
  }
  return created as T;
}

/** The job's status now and the URL to poll it at. */
export async function jobState(services: AppServices, convex: Convex, jobId: string) {
  const job = await convex.query(api.jobs.get, { jobId });
  const statusUrl = `${services.config.publicUrl}/api/v1/status/${encodeURIComponent(jobId)}`;
  return { status: job?.status ?? ("pending" as const), statusUrl };
}
