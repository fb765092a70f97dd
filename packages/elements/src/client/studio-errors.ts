/**
 * The codes of `pixorly-error` that the elements raise themselves (configuration, connection,
 * sign-in, images). Backend refusals keep the backend's codes (`ErrorCode` in `@pixorly/core`:
 * `INSUFFICIENT_CREDITS`, `RATE_LIMITED`, …). Each is meant for the page's developer: the message
 * names what to fix; visitors are shown one neutral sentence instead. The README lists them all.
 */
export const StudioErrorCode = {
  /** The studio's attributes cannot work (missing or malformed convex-url / api-url / token-url, no sign-in). */
  CONFIG_INVALID: "CONFIG_INVALID",
  /** `models` or `default-model` names a model the backend does not have; the studio goes on with the others. */
  MODELS_UNKNOWN: "MODELS_UNKNOWN",
  /** An attribute has a value the element does not know (`theme="neon"`); the default is used. */
  ATTRIBUTE_INVALID: "ATTRIBUTE_INVALID",
  /** The Convex backend (`convex-url`) cannot be reached; the studio keeps retrying with backoff. Once per outage. */
  BACKEND_UNREACHABLE: "BACKEND_UNREACHABLE",
  /** No token could be had: the token URL answered an error (404, 500…) or no `{ token }`, or `tokenProvider` threw. */
  SIGN_IN_FAILED: "SIGN_IN_FAILED",
  /** Tokens ran out or were refused and no fresh one could be had. */
  SESSION_EXPIRED: "SESSION_EXPIRED",
  /** The edge API (`api-url`) cannot be reached, or answers as something else (wrong URL). */
  API_UNREACHABLE: "API_UNREACHABLE",
  /** The edge API refused this page's origin (the token is bound to another origin, or CORS does not allow it). */
  ORIGIN_MISMATCH: "ORIGIN_MISMATCH",
  /** An image could not be shown after one retry with a fresh URL; `reason` says why. */
  IMAGE_UNAVAILABLE: "IMAGE_UNAVAILABLE",
  /** The studio's own code (a chunk of `pixorly.js`) could not be loaded. */
  LOAD_FAILED: "LOAD_FAILED",
} as const;

export type StudioErrorCode = (typeof StudioErrorCode)[keyof typeof StudioErrorCode];
