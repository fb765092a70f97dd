/**
 * Building blocks every route module uses: a router whose validation failures answer in the
 * common error shape, and the error schema/responses for the OpenAPI document.
 */
import { OpenAPIHono, z } from "@hono/zod-openapi";
import { ERROR_CODES } from "@pixorly/core";
import type { ZodError } from "zod";
import type { AppEnv } from "./context";
import type { FieldIssue } from "@pixorly/core";
import { ApiError } from "./errors";

/** The value at `path` in the raw input, or undefined where the path leaves it. */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/**
 * One problem per input, the first zod reports (a field that fails two checks is named once,
 * with its own message). A field left out says so: core's schemas carry one message per type
 * ("Model id must be text"), which misleads when nothing was sent.
 */
export function fieldIssues(error: ZodError, input?: unknown): FieldIssue[] {
  const byPath = new Map<string, string>();
  for (const issue of error.issues) {
    const path = issue.path.map(String).join(".") || "(body)";
    if (byPath.has(path)) continue;
    const missing =
      issue.code === "invalid_type" &&
      issue.path.length > 0 &&
      input !== undefined &&
      valueAt(input, issue.path) === undefined;
    byPath.set(path, missing ? `${String(issue.path.at(-1))} is required` : issue.message);
  }
  return [...byPath].map(([field, message]) => ({ field, message }));
}

/**
 * Validation errors are 400 `INVALID_ARGUMENT` with the fields named, like every other error;
 * the message names each field with its own problem (`model: model is required; prompt: …`).
 * `input` is the raw value validated, so a missing field can be told from a wrong one.
 */
export function validationError(error: ZodError, input?: unknown): ApiError {
  const fields = fieldIssues(error, input);
  const message =
    fields.length === 1
      ? `Invalid ${fields[0]!.field}: ${fields[0]!.message}`
      : `Invalid input: ${fields.map((f) => `${f.field}: ${f.message}`).join("; ")}`;
  return new ApiError("INVALID_ARGUMENT", message, { fields });
}

export type Router = OpenAPIHono<AppEnv>;

/**
 * A router for one resource: its `index.ts` creates one, each operation file registers itself
 * on it (`registerX(router, services)`), and `app.ts` mounts it with `app.route("/", router)`.
 */
export function createRouter(): Router {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      // `@hono/zod-validator` hands the raw input over as `data` on failures too; its type leaves it out.
      if (!result.success) throw validationError(result.error, (result as { data?: unknown }).data);
    },
  });
}

export const ErrorSchema = z
  .object({
    code: z.enum(ERROR_CODES).openapi({ example: "INVALID_ARGUMENT" }),
    message: z.string().openapi({ example: "Invalid userId: Too small: expected string to have >=1 characters" }),
    requestId: z.string().openapi({ example: "6f1c2d9e-0b7a-4a57-9f4e-2f8f4b7d1c3a" }),
    fields: z
      .array(
        z.object({
          field: z.string().openapi({ description: "The input, as a dotted path.", example: "parameters.width" }),
          path: z.string().openapi({
            description: "The same as `field` (REST v1's original name, kept).",
            example: "parameters.width",
          }),
          message: z.string(),
        }),
      )
      .optional()
      .openapi({ description: "Present for INVALID_ARGUMENT: which inputs were wrong and why." }),
  })
  .openapi("Error");

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: "Invalid input; `fields` names each problem.",
  401: "Missing, invalid or expired credentials.",
  403: "Authenticated, but not allowed to do this.",
  402: "The plan does not allow this (insufficient credits, trial ended); the message says which limit and when it resets.",
  404: "Not found.",
  409: "Conflict, e.g. an idempotency key reused for a different request (the message names the key).",
  413: "The request body is larger than this route accepts (the message names the limit).",
  415: "The body is not JSON.",
  422: "Understood but refused (moderation, a source image too large to transform).",
  429: "Too many requests or a usage limit reached; see `Retry-After` and `RateLimit-*` headers where given.",
  500: "Something went wrong on our side.",
  503: "A dependency is unavailable.",
};

/** OpenAPI `responses` entries for the given error statuses, all with the common error body. */
export function errorResponses(...statuses: number[]) {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      { description: ERROR_DESCRIPTIONS[status] ?? "Error.", content: { "application/json": { schema: ErrorSchema } } },
    ]),
  );
}

/** Security scheme names declared in the document (see `routes/docs`). */
export const SECURITY = {
  userToken: "userToken",
  partnerSecret: "partnerSecret",
  apiKey: "apiKey",
  clerkSession: "clerkSession",
} as const;
