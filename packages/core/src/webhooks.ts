/**
 * Webhooks as Pixorly sends them (Standard Webhooks: `webhook-id`, `webhook-timestamp`,
 * `webhook-signature` headers; body `{ type, timestamp, data }`): the event types an endpoint can
 * subscribe to, the retry schedule and when an endpoint is switched off. Shared so the backend that
 * sends, the pages that manage endpoints and the docs all read one list.
 */

/** Event types an endpoint can subscribe to. */
export const WEBHOOK_EVENTS = [
  "generation.started",
  "generation.completed",
  "generation.failed",
  "credit.low",
  "credit.depleted",
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** The type of the message `webhooks:sendTest` sends; it reaches an endpoint whatever it subscribed to. */
export const WEBHOOK_TEST_EVENT = "webhook.test";

export function isWebhookEvent(value: unknown): value is WebhookEvent {
  return typeof value === "string" && (WEBHOOK_EVENTS as readonly string[]).includes(value);
}

export const WEBHOOK_LIMITS = {
  /** Endpoints one account may have. */
  endpointsPerUser: 10,
  url: { maxLength: 2_048 },
  /** Attempts per message: the first one and 9 retries, spread over about a day (`webhookRetryDelayMs`). */
  maxAttempts: 10,
  /** Default delay before the first retry; each later one is 4× the one before. */
  baseRetryDelayMs: 5_000,
  /** No single wait is longer than this many base delays (10 hours with the default base). */
  maxRetryDelayFactor: 7_200,
  /**
   * An endpoint is disabled when this many messages in a row failed after all their retries
   * (about a day of failures each); any successful attempt resets the count.
   */
  disableAfterFailedMessages: 5,
  /** A receiver must answer within this time, or the attempt counts as a timeout. */
  requestTimeoutMs: 15_000,
} as const;

/**
 * The wait after failed attempt `attempt` (1 = the first) before the next one: base × 4^(attempt−1),
 * capped at base × 7,200. With the 5 s default: 5 s, 20 s, 80 s, 5.3 min, 21 min, 1.4 h, 5.7 h, 10 h,
 * 10 h — the 10th and last attempt about 27.6 hours after the first.
 */
export function webhookRetryDelayMs(attempt: number, baseMs: number = WEBHOOK_LIMITS.baseRetryDelayMs): number {
  if (!Number.isInteger(attempt) || attempt < 1)
    throw new RangeError(`attempt must be a whole number from 1, got ${String(attempt)}`);
  return Math.min(baseMs * 4 ** (attempt - 1), baseMs * WEBHOOK_LIMITS.maxRetryDelayFactor);
}

/** Why an attempt failed, as clients see it (never the internal error text). */
export const WEBHOOK_ERROR_CLASSES = [
  "http_status",
  "timeout",
  "network",
  "dns",
  "blocked_address",
  "endpoint_disabled",
] as const;
export type WebhookErrorClass = (typeof WEBHOOK_ERROR_CLASSES)[number];

/** A balance below this share of the last grant is low (`credit.low`). */
export const CREDIT_LOW_SHARE = 0.1;

export type CreditLevel = "ok" | "low" | "depleted";

/** Where a balance stands against the last grant: depleted at 0, low below 10 % of the grant. */
export function creditLevel(balance: number, lastGrant: number): CreditLevel {
  if (balance <= 0) return "depleted";
  return balance < lastGrant * CREDIT_LOW_SHARE ? "low" : "ok";
}
