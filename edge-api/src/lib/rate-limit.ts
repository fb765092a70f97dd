/**
 * A fixed-window counter per id, kept in this isolate's memory, and the IETF `RateLimit-*`
 * headers. It bounds what one edge instance sees (failed credential guesses per client address,
 * `failed-auth.ts`); a limit that must hold across instances, such as the REST daily limit, is
 * counted in Convex instead (`apiKeys:countRequest`).
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
    const { entry, resetSeconds } = this.entryOf(id);
    if (entry.count >= limit) return { allowed: false, limit, remaining: 0, resetSeconds };
    entry.count++;
    return { allowed: true, limit, remaining: limit - entry.count, resetSeconds };
  }

  /** Whether `id` is still under `limit` in this window, without counting anything. */
  peek(id: string, limit: number): RateLimitDecision {
    const { entry, resetSeconds } = this.entryOf(id);
    return { allowed: entry.count < limit, limit, remaining: Math.max(0, limit - entry.count), resetSeconds };
  }

  private entryOf(id: string): { entry: { windowStart: number; count: number }; resetSeconds: number } {
    const now = this.now();
    const windowStart = now - (now % this.windowMs);
    const resetSeconds = Math.max(1, Math.ceil((windowStart + this.windowMs - now) / 1000));
    let entry = this.counts.get(id);
    if (!entry || entry.windowStart !== windowStart) {
      if (this.counts.size >= SWEEP_ABOVE) this.sweep(windowStart);
      entry = { windowStart, count: 0 };
      this.counts.set(id, entry);
    }
    return { entry, resetSeconds };
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
