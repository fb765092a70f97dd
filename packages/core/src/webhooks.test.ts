import { describe, expect, it } from "vitest";
import { WEBHOOK_LIMITS, creditLevel, webhookRetryDelayMs } from "./webhooks";

describe("webhookRetryDelayMs", () => {
  it("grows 4× per attempt from 5 s, capped at 10 h", () => {
    expect([1, 2, 3, 4].map((n) => webhookRetryDelayMs(n))).toEqual([5_000, 20_000, 80_000, 320_000]);
    expect(webhookRetryDelayMs(9)).toBe(36_000_000);
    expect(webhookRetryDelayMs(3, 100)).toBe(1_600);
  });

  it("spreads the attempts over about a day", () => {
    let total = 0;
    for (let n = 1; n < WEBHOOK_LIMITS.maxAttempts; n++) total += webhookRetryDelayMs(n);
    expect(total / 3_600_000).toBeGreaterThan(20);
    expect(total / 3_600_000).toBeLessThan(30);
  });

  it("refuses an attempt number that is not a whole number from 1", () => {
    expect(() => webhookRetryDelayMs(0)).toThrow(RangeError);
    expect(() => webhookRetryDelayMs(1.5)).toThrow(RangeError);
  });
});

describe("creditLevel", () => {
  it("is low below 10 % of the last grant and depleted at 0", () => {
    expect(creditLevel(200, 2000)).toBe("ok");
    expect(creditLevel(199, 2000)).toBe("low");
    expect(creditLevel(1, 2000)).toBe("low");
    expect(creditLevel(0, 2000)).toBe("depleted");
    expect(creditLevel(5, 0)).toBe("ok");
  });
});
