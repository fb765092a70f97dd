import { describe, expect, it } from "vitest";
import { DAY_MS, FixedWindowLimiter, rateLimitHeaders } from "./rate-limit";

describe("FixedWindowLimiter", () => {
  it("allows the limit per window and key, then refuses until the window resets", () => {
    let now = 10 * DAY_MS + 1_000;
    const limiter = new FixedWindowLimiter(DAY_MS, () => now);
    expect(limiter.hit("a", 2)).toEqual({ allowed: true, limit: 2, remaining: 1, resetSeconds: DAY_MS / 1000 - 1 });
    expect(limiter.hit("a", 2)).toMatchObject({ allowed: true, remaining: 0 });
    expect(limiter.hit("a", 2)).toMatchObject({ allowed: false, remaining: 0 });
    expect(limiter.hit("b", 2)).toMatchObject({ allowed: true, remaining: 1 });
    now = 11 * DAY_MS - 500;
    expect(limiter.hit("a", 2)).toMatchObject({ allowed: false, resetSeconds: 1 });
    now = 11 * DAY_MS;
    expect(limiter.hit("a", 2)).toMatchObject({ allowed: true, remaining: 1, resetSeconds: DAY_MS / 1000 });
  });

  it("a refused request does not use up the next window", () => {
    let now = 0;
    const limiter = new FixedWindowLimiter(1000, () => now);
    limiter.hit("k", 1);
    for (let i = 0; i < 5; i++) expect(limiter.hit("k", 1).allowed).toBe(false);
    now = 1000;
    expect(limiter.hit("k", 1).allowed).toBe(true);
  });

  it("forgets keys of past windows when many are tracked", () => {
    let now = 0;
    const limiter = new FixedWindowLimiter(1000, () => now);
    for (let i = 0; i < 10_000; i++) limiter.hit(`k${i}`, 1);
    now = 1000;
    limiter.hit("fresh", 1);
    expect((limiter as unknown as { counts: Map<string, unknown> }).counts.size).toBe(1);
  });
});

describe("rateLimitHeaders", () => {
  it("adds Retry-After only when refused", () => {
    expect(rateLimitHeaders({ allowed: true, limit: 10, remaining: 3, resetSeconds: 60 })).toEqual({
      "RateLimit-Limit": "10",
      "RateLimit-Remaining": "3",
      "RateLimit-Reset": "60",
    });
    expect(rateLimitHeaders({ allowed: false, limit: 10, remaining: 0, resetSeconds: 60 })).toMatchObject({
      "Retry-After": "60",
    });
  });
});
