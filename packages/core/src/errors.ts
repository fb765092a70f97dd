/**
 * Error codes shared by the backend (`ConvexError({ code, message })`), the edge API
 * (`{ code, message, requestId }` bodies) and the elements (which pick what to show by code).
 * Plain data and functions only, no zod: the elements' first paint imports this table, and a zod
 * schema built at import would put zod into it; the schema lives in `error-schemas.ts`.
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
  /** An uploaded file is not a PNG, JPEG or WebP (read from its bytes, not its declared type). */
  INPUT_UNSUPPORTED_TYPE: "INPUT_UNSUPPORTED_TYPE",
  /** An uploaded file is over `IMAGE_INPUT_LIMITS.maxBytes`. */
  INPUT_TOO_LARGE: "INPUT_TOO_LARGE",
  /** An uploaded image declares more pixels than `IMAGE_INPUT_LIMITS.maxPixels` (checked before decoding). */
  INPUT_TOO_MANY_PIXELS: "INPUT_TOO_MANY_PIXELS",
  /** An uploaded file has an image's signature but cannot be decoded (truncated, corrupt). */
  INPUT_UNREADABLE: "INPUT_UNREADABLE",
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
  INPUT_UNSUPPORTED_TYPE: { message: "This file is not a PNG, JPEG or WebP image.", httpStatus: 415 },
  INPUT_TOO_LARGE: { message: "This file is too large (at most 50 MB).", httpStatus: 413 },
  INPUT_TOO_MANY_PIXELS: { message: "This image has too many pixels to work with.", httpStatus: 422 },
  INPUT_UNREADABLE: { message: "This image could not be read; it may be damaged.", httpStatus: 422 },
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

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && Object.hasOwn(errorCodeInfo, value);
}

/** Builds error data, falling back to the code's default user-facing message. */
export function pixorlyErrorData(code: ErrorCode, message?: string, fields?: FieldIssue[]): PixorlyErrorData {
  const data: PixorlyErrorData = { code, message: message ?? errorCodeInfo[code].message };
  if (fields && fields.length > 0) data.fields = fields;
  return data;
}
