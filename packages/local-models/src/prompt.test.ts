import { describe, expect, it } from "vitest";
import { between, fnv1a, mixHashes, promptWords, randomStream, wholeBetween } from "./prompt";

describe("promptWords", () => {
  it("lower-cases and splits on anything but letters and digits", () => {
    expect(promptWords("A Blue-Ocean, at NIGHT!! 2049")).toEqual(["a", "blue", "ocean", "at", "night", "2049"]);
    expect(promptWords("  ")).toEqual([]);
    expect(promptWords("Café über 東京")).toEqual(["café", "über", "東京"]);
  });
});

describe("fnv1a", () => {
  it("matches the published 32-bit FNV-1a vectors", () => {
    expect(fnv1a("")).toBe(0x811c9dc5);
    expect(fnv1a("a")).toBe(0xe40c292c);
    expect(fnv1a("foobar")).toBe(0xbf9cf968);
  });
});

describe("mixHashes", () => {
  it("depends on both inputs and their order", () => {
    expect(mixHashes(1, 2)).not.toBe(mixHashes(2, 1));
    expect(mixHashes(1, 2)).not.toBe(mixHashes(1, 3));
    expect(mixHashes(1, 2)).toBe(mixHashes(1, 2));
  });
});

describe("randomStream", () => {
  it("is deterministic per seed and stays in [0, 1)", () => {
    const a = randomStream(7);
    const b = randomStream(7);
    const c = randomStream(8);
    const valuesA = Array.from({ length: 1000 }, a);
    expect(Array.from({ length: 1000 }, b)).toEqual(valuesA);
    expect(Array.from({ length: 1000 }, c)).not.toEqual(valuesA);
    for (const value of valuesA) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
    }
    const mean = valuesA.reduce((sum, value) => sum + value, 0) / valuesA.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
  });

  it("draws ranges inclusively for whole numbers", () => {
    const random = randomStream(1);
    const seen = new Set(Array.from({ length: 500 }, () => wholeBetween(random, 2, 4)));
    expect([...seen].sort()).toEqual([2, 3, 4]);
    for (let i = 0; i < 100; i++) {
      const value = between(random, -1, 1);
      expect(value).toBeGreaterThanOrEqual(-1);
      expect(value).toBeLessThan(1);
    }
  });
});
