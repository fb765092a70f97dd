/**
 * The app's one error handler and its not-found answer. Typed errors keep their code and
 * status; a `ConvexError` keeps its code (statuses from core); anything else is a 500 whose
 * body says nothing internal, while the log line carries the real error and the request id.
 */
import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ErrorCode } from "@pixorly/core";
import type { AppEnv, AppServices } from "../lib/context";
import { ApiError, errorBody, fromConvexError } from "../lib/errors";
import { describeError } from "../lib/logger";

const CODE_FOR_STATUS: Record<number, ErrorCode> = {
  400: "INVALID_ARGUMENT",
  401: "UNAUTHENTICATED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  409: "CONFLICT",
  413: "INVALID_ARGUMENT",
  415: "INVALID_ARGUMENT",
  429: "RATE_LIMITED",
};

/** Hono's own exceptions (malformed JSON, wrong content type, body too large) in our shape. */
function fromHttpException(error: HTTPException): ApiError {
  const code = CODE_FOR_STATUS[error.status];
  if (!code) return new ApiError("INTERNAL");
  const message =
    error.status === 415
      ? "The request body must be JSON (Content-Type: application/json)."
      : error.message || undefined;
  return new ApiError(code, message, { status: error.status });
}

export function respondWithError(c: Context<AppEnv>, error: ApiError): Response {
  const requestId = c.get("requestId") ?? "unknown";
  return c.json(errorBody(error, requestId), error.status as ContentfulStatusCode, error.headers);
}

/** The one answer for every failure of ours: core's INTERNAL message, the detail only in the log. */
const INTERNAL = new ApiError("INTERNAL");

export function errorHandler(services: AppServices): ErrorHandler<AppEnv> {
  return (error, c) => {
    const known =
      error instanceof ApiError
        ? error
        : error instanceof HTTPException
          ? fromHttpException(error)
          : fromConvexError(error);
    if (known && known.code !== "INTERNAL") return respondWithError(c, known);
    services.deps.logger({
      level: "error",
      msg: "unhandled error",
      method: c.req.method,
      path: c.req.path,
      requestId: c.get("requestId"),
      ...describeError(error),
    });
    reportError(services, error, c);
    return respondWithError(c, INTERNAL);
  };
}

/** Sentry, when configured: on Workers the send outlives the response (`waitUntil`); on Node it simply runs on. */
function reportError(services: AppServices, error: unknown, c: Context<AppEnv>): void {
  if (!services.errorReporter) return;
  const sent = services.errorReporter.report(error, {
    method: c.req.method,
    url: c.req.url,
    headers: c.req.raw.headers,
    requestId: c.get("requestId"),
    route: c.req.routePath,
  });
  try {
    c.executionCtx.waitUntil(sent);
  } catch {
    // No execution context (Node, tests): the promise runs on by itself and never rejects.
  }
}

export const notFound: NotFoundHandler<AppEnv> = (c) =>
  respondWithError(c, new ApiError("NOT_FOUND", `No route for ${c.req.method} ${c.req.path}.`));
