/**
 * The edge API's one error type and the one body shape every failure answers with:
 * `{ code, message, requestId }` (+ `fields` for invalid input). Codes and their HTTP
 * statuses come from packages/core, so Convex, the edge API and the elements agree.
 */
import { errorCodeInfo, isErrorCode, type ErrorCode, type FieldIssue } from "@pixorly/core";
import { ConvexError } from "convex/values";

/**
 * One problem with one input as the REST body carries it: core's `FieldIssue` (`field` is dotted, e.g.
 * `scopes.0`), plus `path`, the same value under the name REST v1 has always used — kept so v1 clients
 * that read `path` go on working.
 */
export interface WireFieldIssue extends FieldIssue {
  /** The same as `field` (REST v1's original name). */
  path: string;
}

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  requestId: string;
  fields?: WireFieldIssue[];
}

export interface ApiErrorOptions {
  /** Only when it differs from the code's status in core. */
  status?: number;
  fields?: FieldIssue[];
  /** Response headers that belong to the refusal (`Retry-After`, `RateLimit-*`). */
  headers?: Record<string, string>;
  /** The underlying error, for the log only (never in the response). */
  cause?: unknown;
}

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly fields?: FieldIssue[];
  /** Response headers that belong to the refusal (`Retry-After`, `RateLimit-*`). */
  readonly headers?: Record<string, string>;

  /**
   * `message` (shown to the caller, so it must never carry internal detail) defaults to the code's
   * user-facing message in core, and `status` to the code's HTTP status there: pass a status only for a
   * refusal that needs a more precise one (413 for a body too large, 422 for a transform too costly).
   */
  constructor(code: ErrorCode, message?: string, options: ApiErrorOptions = {}) {
    super(message ?? errorCodeInfo[code].message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "ApiError";
    this.code = code;
    this.status = options.status ?? errorCodeInfo[code].httpStatus;
    if (options.fields && options.fields.length > 0) this.fields = options.fields;
    if (options.headers) this.headers = options.headers;
  }
}

/**
 * A `ConvexError({ code, message, fields? })` thrown by a Convex function becomes the same
 * code here; any other Convex failure is internal (its message stays in the log).
 */
export function fromConvexError(error: unknown): ApiError | null {
  if (!(error instanceof ConvexError)) return null;
  const data = error.data as { code?: unknown; message?: unknown; fields?: unknown };
  if (!data || !isErrorCode(data.code)) return null;
  const fields = Array.isArray(data.fields)
    ? data.fields
        .filter(
          (f): f is { field: string; message: string } =>
            typeof f?.field === "string" && typeof f?.message === "string",
        )
        .map((f) => ({ field: f.field, message: f.message }))
    : undefined;
  return new ApiError(data.code, typeof data.message === "string" ? data.message : undefined, { fields });
}

export function errorBody(error: ApiError, requestId: string): ErrorBody {
  return {
    code: error.code,
    message: error.message,
    requestId,
    ...(error.fields
      ? { fields: error.fields.map((f) => ({ field: f.field, path: f.field, message: f.message })) }
      : {}),
  };
}
