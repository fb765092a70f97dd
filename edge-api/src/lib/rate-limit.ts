/**
 * A fixed-window request counter per API key, for the plans' `apiRequestsPerDay`.
 *
 * The counts live in this isolate's memory: a Worker runs many isolates and Node may run
 * several processes, so each enforces the limit on the requests it sees. That bounds bursts
 * cheaply without a Convex write per request; a limit that must hold exactly across
 * isolates needs a shared counter (a Durable Object, or Convex) instead.
 *
 * Windows are aligned to the epoch (a day window starts at 00:00 UTC), so every isolate
 * agrees on when a window resets and `RateLimit-Reset` means the same thing everywhere.
 */

export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  /** Requests left in this window after this one (0 when refused). */
  remaining: number;
  /** Whole seconds until the window resets. */
  resetSeconds: number;
}

export const DAY_MS = 86_400_000;
/** Above this many tracked keys, entries of past windows are dropped. */
const SWEEP_ABOVE = 10_000;

export class FixedWindowLimiter {
  private readonly counts = new Map<string, { windowStart: number; count: number }>();

  constructor(
    private readonly windowMs: number,
    private readonly now: () => number,
  ) {}

  /** Counts one request of `id` against `limit` (a refused request is not counted). */
  hit(id: string, limit: number): RateLimitDecision {
    const now = this.now();
    const windowStart = now - (now % this.windowMs);
    const resetSeconds = Math.max(1, Math.ceil((windowStart + this.windowMs - now) / 1000));
    let entry = this.counts.get(id);
    if (!entry || entry.windowStart !== windowStart) {
      if (this.counts.size >= SWEEP_ABOVE) this.sweep(windowStart);
      entry = { windowStart, count: 0 };
      this.counts.set(id, entry);
    }
    if (entry.count >= limit) return { allowed: false, limit, remaining: 0, resetSeconds };
    entry.count++;
    return { allowed: true, limit, remaining: limit - entry.count, resetSeconds };
  }

  private sweep(currentWindow: number) {
    for (const [id, entry] of this.counts) if (entry.windowStart !== currentWindow) this.counts.delete(id);
  }
}

/** The IETF `RateLimit-*` fields (draft-ietf-httpapi-ratelimit-headers), plus `Retry-After` on a refusal. */
export function rateLimitHeaders(decision: RateLimitDecision): Record<string, string> {
  return {
    "RateLimit-Limit": String(decision.limit),
    "RateLimit-Remaining": String(decision.remaining),
    "RateLimit-Reset": String(decision.resetSeconds),
    ...(decision.allowed ? {} : { "Retry-After": String(decision.resetSeconds) }),
  };
}
