import * as z from "zod/mini";

/**
 * Error codes shared by the backend (`ConvexError({ code, message })`), the edge API
 * (`{ code, message, requestId }` bodies) and the elements (which pick what to show by code).
 */
export const ErrorCode = {
  INVALID_ARGUMENT: "INVALID_ARGUMENT",
  UNAUTHENTICATED: "UNAUTHENTICATED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  RATE_LIMITED: "RATE_LIMITED",
  INSUFFICIENT_CREDITS: "INSUFFICIENT_CREDITS",
  /** The owner's storage allowance is used up. */
  QUOTA_EXCEEDED: "QUOTA_EXCEEDED",
  TOO_MANY_ACTIVE_JOBS: "TOO_MANY_ACTIVE_JOBS",
  /** A trial account whose trial has ended. */
  TRIAL_EXPIRED: "TRIAL_EXPIRED",
  /** The account's plan allows no more generations this calendar month (UTC). */
  MONTHLY_LIMIT: "MONTHLY_LIMIT",
  /** The partner's monthly quota, shared by all of its users, is used up. */
  PARTNER_QUOTA_EXCEEDED: "PARTNER_QUOTA_EXCEEDED",
  /** An idempotency key was reused with a different request. */
  IDEMPOTENCY_CONFLICT: "IDEMPOTENCY_CONFLICT",
  MODERATION_REJECTED: "MODERATION_REJECTED",
  MODEL_UNAVAILABLE: "MODEL_UNAVAILABLE",
  PROVIDER_ERROR: "PROVIDER_ERROR",
  TIMEOUT: "TIMEOUT",
  CONFLICT: "CONFLICT",
  INTERNAL: "INTERNAL",
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Every code, in declaration order (for zod enums, Convex validators and docs). */
export const ERROR_CODES = Object.values(ErrorCode) as [ErrorCode, ...ErrorCode[]];

interface ErrorCodeInfo {
  /** Safe to show to an end user as is; never carries internal detail. */
  readonly message: string;
  /** The HTTP status the edge API answers with, so every route maps a code the same way. */
  readonly httpStatus: number;
}

export const errorCodeInfo: Readonly<Record<ErrorCode, ErrorCodeInfo>> = {
  INVALID_ARGUMENT: { message: "Some of the request is not valid.", httpStatus: 400 },
  UNAUTHENTICATED: { message: "Please sign in to continue.", httpStatus: 401 },
  FORBIDDEN: { message: "You do not have permission to do that.", httpStatus: 403 },
  NOT_FOUND: { message: "We could not find what you asked for.", httpStatus: 404 },
  RATE_LIMITED: { message: "Too many requests. Please wait a moment and try again.", httpStatus: 429 },
  INSUFFICIENT_CREDITS: { message: "You do not have enough credits for this.", httpStatus: 402 },
  QUOTA_EXCEEDED: { message: "Your storage is full. Delete some images or upgrade your plan.", httpStatus: 403 },
  TOO_MANY_ACTIVE_JOBS: {
    message: "You have too many generations running. Wait for one to finish.",
    httpStatus: 429,
  },
  TRIAL_EXPIRED: { message: "Your free trial has ended. Upgrade to keep generating.", httpStatus: 402 },
  MONTHLY_LIMIT: { message: "Your plan allows no more generations this month.", httpStatus: 429 },
  PARTNER_QUOTA_EXCEEDED: { message: "This site's monthly generation quota is used up.", httpStatus: 429 },
  IDEMPOTENCY_CONFLICT: {
    message: "This idempotency key was already used for a different request.",
    httpStatus: 409,
  },
  MODERATION_REJECTED: { message: "This prompt is not allowed by the content policy.", httpStatus: 422 },
  MODEL_UNAVAILABLE: { message: "This model is not available right now. Try another model.", httpStatus: 503 },
  PROVIDER_ERROR: { message: "The image provider failed. Your credits were refunded.", httpStatus: 502 },
  TIMEOUT: { message: "This took too long and was stopped. Your credits were refunded.", httpStatus: 504 },
  CONFLICT: { message: "This was changed at the same time elsewhere. Please try again.", httpStatus: 409 },
  INTERNAL: { message: "Something went wrong on our side. Please try again.", httpStatus: 500 },
};

/** One problem with one input field; `field` is a dotted path such as `parameters.width`. */
export interface FieldIssue {
  field: string;
  message: string;
}

/** The data every Pixorly error carries across a process boundary. */
export interface PixorlyErrorData {
  code: ErrorCode;
  message: string;
  /** Present for `INVALID_ARGUMENT`: which inputs were wrong and why. */
  fields?: FieldIssue[];
}

/** Validates error data received from another part (a Convex error, an edge API response body). */
export const pixorlyErrorDataSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  fields: z.optional(z.array(z.object({ field: z.string(), message: z.string() }))),
});

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && Object.hasOwn(errorCodeInfo, value);
}

/** Builds error data, falling back to the code's default user-facing message. */
export function pixorlyErrorData(code: ErrorCode, message?: string, fields?: FieldIssue[]): PixorlyErrorData {
  const data: PixorlyErrorData = { code, message: message ?? errorCodeInfo[code].message };
  if (fields && fields.length > 0) data.fields = fields;
  return data;
}
