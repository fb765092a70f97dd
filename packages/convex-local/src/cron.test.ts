import { describe, expect, it } from "vitest";
import { nextCronTime, nextRunTime } from "./cron.js";

const at = (iso: string) => Date.parse(iso);

describe("cron schedules", () => {
  it("finds the next matching minute in UTC", () => {
    expect(nextCronTime("*/15 * * * *", at("2026-01-01T10:07:30Z"))).toBe(at("2026-01-01T10:15:00Z"));
    expect(nextCronTime("0 9 * * 1", at("2026-01-01T10:00:00Z"))).toBe(at("2026-01-05T09:00:00Z"));
    expect(nextCronTime("30 2 1 * *", at("2026-01-15T00:00:00Z"))).toBe(at("2026-02-01T02:30:00Z"));
  });

  it("converts the helper schedules", () => {
    const now = at("2026-03-10T12:34:00Z");
    expect(nextRunTime({ type: "interval", minutes: 5 }, now)).toBe(now + 300_000);
    expect(nextRunTime({ type: "hourly", minuteUTC: 10 }, now)).toBe(at("2026-03-10T13:10:00Z"));
    expect(nextRunTime({ type: "daily", hourUTC: 6 }, now)).toBe(at("2026-03-11T06:00:00Z"));
    expect(nextRunTime({ type: "weekly", dayOfWeek: "sunday", hourUTC: 0 }, now)).toBe(at("2026-03-15T00:00:00Z"));
  });

  it("rejects malformed expressions with a clear message", () => {
    expect(() => nextCronTime("* * *", 0)).toThrow(/5 fields/);
    expect(() => nextCronTime("61 * * * *", 0)).toThrow(/Invalid cron field "61"/);
    expect(() => nextRunTime({ type: "interval", seconds: 0 }, 0)).toThrow(/positive/);
  });
});
