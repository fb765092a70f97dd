import { describe, expect, it } from "vitest";
import {
  CREDITS_PER_USD,
  assertCredits,
  creditsToUsdString,
  formatCredits,
  multiplyCredits,
  subtractCredits,
  sumCredits,
  usdToCredits,
} from "./credits";

describe("usdToCredits", () => {
  it.each([
    ["0", 0],
    ["0.04", 40],
    ["0.001", 1],
    ["1", 1000],
    ["29", 29_000],
    ["29.00", 29_000],
    ["0.0025", 3],
    ["0.0010000", 1],
    ["0.0010001", 2],
    ["0.000000001", 1],
    ["12.345", 12_345],
  ])("parses %j exactly as %i credits", (usd, credits) => {
    expect(usdToCredits(usd)).toBe(credits);
  });

  it("is exact where floating point is not (0.1 + 0.2)", () => {
    expect(usdToCredits("0.1") + usdToCredits("0.2")).toBe(usdToCredits("0.3"));
  });

  it.each(["abc", "-1", "1e5", "", " 1", "1.", ".5", "1,000", "$1", "0x10", "NaN", "Infinity"])(
    "rejects %j with a message naming the input",
    (bad) => {
      expect(() => usdToCredits(bad)).toThrow(RangeError);
      expect(() => usdToCredits(bad)).toThrow(`got ${JSON.stringify(bad)}`);
    },
  );

  it("rejects amounts too large for safe integers", () => {
    expect(() => usdToCredits("9007199254740993")).toThrow(/too large/);
    expect(() => usdToCredits("9007199254741")).toThrow(/too large/);
  });
});

describe("creditsToUsdString", () => {
  it.each([
    [0, "0.00"],
    [1, "0.001"],
    [10, "0.01"],
    [40, "0.04"],
    [1234, "1.234"],
    [29_000, "29.00"],
    [29_010, "29.01"],
  ])("formats %i credits as %s", (credits, usd) => {
    expect(creditsToUsdString(credits)).toBe(usd);
  });

  it("round-trips with usdToCredits", () => {
    for (const credits of [0, 1, 7, 40, 999, 1000, 1001, 123_456_789]) {
      expect(usdToCredits(creditsToUsdString(credits))).toBe(credits);
    }
  });

  it.each([-1, 0.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])("rejects %s", (bad) => {
    expect(() => creditsToUsdString(bad)).toThrow(/non-negative safe integer/);
  });
});

describe("formatCredits", () => {
  it.each([
    [0, "0 credits"],
    [1, "1 credit"],
    [2, "2 credits"],
    [999, "999 credits"],
    [1000, "1,000 credits"],
    [1_234_567, "1,234,567 credits"],
  ])("formats %i as %s", (credits, text) => {
    expect(formatCredits(credits)).toBe(text);
  });

  it("rejects fractions", () => {
    expect(() => formatCredits(1.5)).toThrow(/got 1.5/);
  });
});

describe("sumCredits / multiplyCredits / subtractCredits", () => {
  it("sums whole credits", () => {
    expect(sumCredits([])).toBe(0);
    expect(sumCredits([1, 2, 40])).toBe(43);
  });

  it("refuses invalid amounts and unsafe totals", () => {
    expect(() => sumCredits([1, -1])).toThrow(/each amount must be/);
    expect(() => sumCredits([0.1, 0.2])).toThrow(RangeError);
    expect(() => sumCredits([Number.MAX_SAFE_INTEGER, 1])).toThrow(/too large/);
  });

  it("multiplies by whole counts only", () => {
    expect(multiplyCredits(40, 4)).toBe(160);
    expect(multiplyCredits(40, 0)).toBe(0);
    expect(() => multiplyCredits(40, 1.5)).toThrow(/count must be/);
    expect(() => multiplyCredits(-40, 2)).toThrow(/credits must be/);
    expect(() => multiplyCredits(Number.MAX_SAFE_INTEGER, 2)).toThrow(/too large/);
  });

  it("subtracts without going negative", () => {
    expect(subtractCredits(100, 40)).toBe(60);
    expect(subtractCredits(40, 40)).toBe(0);
    expect(() => subtractCredits(40, 41)).toThrow(/cannot take 41 from 40/);
  });

  it("assertCredits names the value", () => {
    expect(() => assertCredits(-5, "balance")).toThrow("balance must be a non-negative safe integer, got -5");
    expect(() => assertCredits(5)).not.toThrow();
  });

  it("states the unit", () => {
    expect(CREDITS_PER_USD).toBe(1000);
  });
});
