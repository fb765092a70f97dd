/**
 * Turns OpenRouter's error answers (`{ error: { code, message, metadata } }`, see
 * https://openrouter.ai/docs/api/reference/errors-and-debugging) into `ProviderError`s.
 * The upstream message goes into the log message only; users get plain words.
 */
import { ProviderError } from "./types";

export interface OpenRouterErrorBody {
  code?: unknown;
  message?: unknown;
  metadata?: unknown;
}

const MISCONFIGURED = "The image service is misconfigured. Please try again later; your credits were refunded.";
const UNAVAILABLE = "The image service is temporarily unavailable. Please try again later; your credits were refunded.";

/**
 * Reads `Retry-After` as whole or fractional seconds or as an HTTP date.
 * Returns undefined for anything else rather than guessing.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.ceil(Number(trimmed) * 1000);
  // An HTTP date always names its day and month; without that check `Date.parse` reads "-3" as a year.
  const date = /[a-z]{3}/i.test(trimmed) ? Date.parse(trimmed) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Moderation metadata carries `reasons` and `flagged_input`; a plain 403 (guardrail, permissions) does not. */
function isModerationMetadata(metadata: unknown): boolean {
  return isRecord(metadata) && (Array.isArray(metadata.reasons) || typeof metadata.flagged_input === "string");
}

/**
 * The moderation log's rule for a provider refusal: `openrouter:` and the categories OpenRouter
 * named (`metadata.reasons`, e.g. `openrouter:violence`), or `openrouter:content-filter`. Never the
 * flagged input: that is the prompt, which the log does not keep.
 */
export function providerRefusalRule(error: { cause?: unknown }): string {
  const body = isRecord(error.cause) ? error.cause : undefined;
  const reasons = isRecord(body?.metadata) && Array.isArray(body.metadata.reasons) ? body.metadata.reasons : [];
  const named = reasons
    .filter((r): r is string => typeof r === "string")
    .map((r) =>
      r
        .toLowerCase()
        .replace(/[^a-z0-9/_-]+/g, "-")
        .slice(0, 40),
    )
    .filter((r) => r.length > 0)
    .slice(0, 3);
  return `openrouter:${named.length > 0 ? named.join(",") : "content-filter"}`;
}

/** OpenRouter sometimes puts the wait in the metadata of a 429 (`retry_after_seconds`) instead of a header. */
function retryAfterFromMetadata(metadata: unknown): number | undefined {
  if (!isRecord(metadata) || typeof metadata.retry_after_seconds !== "number") return undefined;
  return Math.ceil(metadata.retry_after_seconds * 1000);
}

function describe(status: number, body: OpenRouterErrorBody | undefined): string {
  const upstream = typeof body?.message === "string" ? `: ${body.message}` : "";
  return `OpenRouter answered ${status}${upstream}`;
}

/**
 * Maps an HTTP status (or the numeric `code` of an error inside a 200 body) to a
 * ProviderError. `retryAfterMs` is the parsed `Retry-After` header when there was one.
 */
export function errorFromStatus(
  status: number,
  body: OpenRouterErrorBody | undefined,
  retryAfterMs?: number,
): ProviderError {
  const message = describe(status, body);
  const wait = retryAfterMs ?? retryAfterFromMetadata(body?.metadata);
  const cause = body;
  switch (status) {
    case 400:
      return new ProviderError("INVALID_ARGUMENT", message, { retryable: false, cause });
    case 401:
      // Our API key is wrong or revoked: nothing the user did, and retrying cannot help.
      return new ProviderError("UNAUTHENTICATED", message, { retryable: false, userMessage: MISCONFIGURED, cause });
    case 402:
      // Pixorly's own OpenRouter balance ran out, not the user's credits.
      return new ProviderError("INSUFFICIENT_CREDITS", message, { retryable: false, userMessage: UNAVAILABLE, cause });
    case 403:
      return isModerationMetadata(body?.metadata)
        ? new ProviderError("MODERATION_REJECTED", message, { retryable: false, cause })
        : // A guardrail or key permission blocks this model for us; another model may still work.
          new ProviderError("MODEL_UNAVAILABLE", message, { retryable: false, cause });
    case 404:
      return new ProviderError("MODEL_UNAVAILABLE", message, { retryable: false, cause });
    case 408:
      return new ProviderError("TIMEOUT", message, { retryable: true, retryAfterMs: wait, cause });
    case 429:
      return new ProviderError("RATE_LIMITED", message, { retryable: true, retryAfterMs: wait, cause });
    default:
      // 502 (model down), 503 (no provider fits), 524/529 (edge timeout, overloaded) and other 5xx pass.
      return new ProviderError("PROVIDER_ERROR", message, {
        retryable: status >= 500,
        retryAfterMs: status >= 500 ? wait : undefined,
        cause,
      });
  }
}

/**
 * An error reported inside an HTTP 200 body (the model failed after OpenRouter had
 * accepted the request). Its `code` is usually an HTTP status; anything else is
 * treated as a transient upstream failure.
 */
export function errorFromBody(error: OpenRouterErrorBody): ProviderError {
  const status = typeof error.code === "number" && error.code >= 400 && error.code < 600 ? error.code : 502;
  return errorFromStatus(status, error);
}

/** The `error` object of a parsed body, if it has one. */
export function embeddedError(body: unknown): OpenRouterErrorBody | undefined {
  if (!isRecord(body)) return undefined;
  if (isRecord(body.error)) return body.error;
  const choices = body.choices;
  if (Array.isArray(choices) && isRecord(choices[0]) && isRecord(choices[0].error)) return choices[0].error;
  return undefined;
}

/** Parses an OpenRouter answer, throwing a mapped ProviderError for every kind of failure. */
export async function readAnswer(response: Response): Promise<Record<string, unknown>> {
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (!response.ok) {
    const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"), Date.now());
    throw errorFromStatus(response.status, embeddedError(parsed), retryAfterMs);
  }
  if (!isRecord(parsed)) {
    // A 200 with a body we cannot read is most often a truncated or proxied answer: worth one more try.
    throw new ProviderError("PROVIDER_ERROR", `OpenRouter sent an unreadable answer (${text.length} bytes)`, {
      retryable: true,
    });
  }
  const error = embeddedError(parsed);
  if (error) throw errorFromBody(error);
  return parsed;
}
