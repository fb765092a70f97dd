/**
 * What an error report may carry. Every error event Pixorly sends to a monitoring service (the edge API,
 * Convex actions, the demo site, the elements when a partner opts in) goes through `scrubEvent` first,
 * so a prompt, a token, a key or an email address never leaves in an event, whatever code built it:
 * fields with a secret or personal name are replaced whole, and secrets inside any other string
 * (an error message that quotes a header, a URL with `?token=`) are cut out by pattern.
 */

export const FILTERED = "[Filtered]";

/** Field names whose value is dropped whole (compared without case, `-` and `_`). */
const SENSITIVE_KEYS = new Set(
  [
    "prompt",
    "prompts",
    "negativePrompt",
    "text",
    "caption",
    "body",
    "data",
    "token",
    "accessToken",
    "refreshToken",
    "idToken",
    "embedToken",
    "sessionToken",
    "jwt",
    "authorization",
    "proxyAuthorization",
    "cookie",
    "cookies",
    "setCookie",
    "password",
    "secret",
    "clientSecret",
    "webhookSecret",
    "apiKey",
    "key",
    "privateKey",
    "adminKey",
    "signature",
    "dsn",
    "email",
    "emails",
    "ip",
    "ipAddress",
    "phone",
    "username",
    "queryString",
    "xApiKey",
    "xPixorlyKey",
  ].map(normalizeKey),
);

// A JWT: three base64url parts, the first two starting like JSON (`{"` → eyJ).
const JWT = /\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;
// Pixorly's keys (API keys, secret keys, publishable partner keys) and Standard Webhooks secrets.
const PIXORLY_KEY = /\b(?:pxs|pxp|px|whsec)_[A-Za-z0-9_+/=-]{6,}/g;
// `Bearer …`, `Basic …`, `Convex …` credentials quoted in a message or header dump.
const AUTH_SCHEME = /\b(Bearer|Basic|Convex)\s+[^\s"',;]+/gi;
// `token=…`-like query or form parameters.
const SECRET_PARAM =
  /([?&;](?:access_?token|token|key|api_?key|secret|signature|Signature|sig|code|password|email|Key-Pair-Id)=)[^&#\s"']*/gi;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

function normalizeKey(key: string): string {
  return key.replace(/[-_]/g, "").toLowerCase();
}

/** Cuts secrets and email addresses out of one string. */
export function scrubString(text: string): string {
  return text
    .replace(JWT, FILTERED)
    .replace(PIXORLY_KEY, FILTERED)
    .replace(AUTH_SCHEME, `$1 ${FILTERED}`)
    .replace(SECRET_PARAM, `$1${FILTERED}`)
    .replace(EMAIL, FILTERED);
}

/** A URL without its query and fragment (`?…` / `#…`): what reports keep of a page or request address. */
export function stripQuery(url: string): string {
  return url.replace(/[?#].*$/s, "");
}

/**
 * A deep copy of `value` that is safe to send: sensitive fields replaced by `[Filtered]`, every other
 * string scrubbed, cycles cut, depth capped (a report never needs more than a few levels).
 */
export function scrubValue(value: unknown, depth = 0, seen: WeakSet<object> = new WeakSet()): unknown {
  if (typeof value === "string") return scrubString(value);
  if (value === null || typeof value !== "object") return value;
  if (seen.has(value) || depth > 12) return FILTERED;
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, depth + 1, seen));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] =
      SENSITIVE_KEYS.has(normalizeKey(key)) && item !== null && item !== undefined
        ? FILTERED
        : scrubValue(item, depth + 1, seen);
  }
  return out;
}

/** The subset of a Sentry event the scrubber knows the meaning of; other fields are scrubbed generically. */
export interface ScrubbableEvent {
  request?: {
    url?: string;
    query_string?: unknown;
    headers?: Record<string, string>;
    cookies?: unknown;
    data?: unknown;
    [key: string]: unknown;
  };
  user?: Record<string, unknown>;
  [key: string]: unknown;
}

/**
 * An error event ready to leave the process: the request's address without its query, no cookies, body or
 * query string, no identifying user fields (an opaque `id` only), and every remaining string scrubbed.
 */
export function scrubEvent<T extends ScrubbableEvent>(event: T): T {
  const copy = { ...event };
  if (copy.request) {
    const { url, headers } = copy.request;
    copy.request = {
      ...(url !== undefined ? { url: stripQuery(url) } : {}),
      ...(copy.request.method !== undefined ? { method: copy.request.method } : {}),
      ...(headers ? { headers: pickHeaders(headers) } : {}),
    };
  }
  if (copy.user) copy.user = typeof copy.user.id === "string" ? { id: copy.user.id } : {};
  return scrubValue(copy) as T;
}

// Headers worth keeping to understand a failure; everything else (authorization, cookies, keys) is dropped.
const KEPT_HEADERS = new Set(["content-type", "content-length", "user-agent", "x-request-id", "origin", "accept"]);

function pickHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => KEPT_HEADERS.has(name.toLowerCase())));
}
