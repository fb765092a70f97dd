import { describe, expect, it } from "vitest";
import { isOrderKey, keyBetween, keysAfter } from "./orderKeys";

/** A tiny deterministic generator, so a failure can be replayed. */
function lcg(seed: number) {
  let s = seed;
  return () => (s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}

describe("order keys", () => {
  it("makes a key strictly between any two neighbours, through many random inserts", () => {
    const random = lcg(42);
    const keys: string[] = [];
    for (let i = 0; i < 2_000; i++) {
      const at = Math.floor(random() * (keys.length + 1));
      const key = keyBetween(keys[at - 1] ?? null, keys[at] ?? null);
      expect(isOrderKey(key)).toBe(true);
      keys.splice(at, 0, key);
    }
    expect([...keys].sort()).toEqual(keys);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("keeps keys short when a list grows at either end", () => {
    const appended = keysAfter(null, 10_000);
    expect([...appended].sort()).toEqual(appended);
    expect(Math.max(...appended.map((k) => k.length))).toBeLessThanOrEqual(4);
    let first = appended[0]!;
    for (let i = 0; i < 10_000; i++) {
      const before = keyBetween(null, first);
      expect(before < first).toBe(true);
      first = before;
    }
    expect(first.length).toBeLessThanOrEqual(4);
  });

  it("repeated moves into the same gap stay ordered (keys lengthen slowly)", () => {
    const a = keyBetween(null, null);
    let b = keyBetween(a, null);
    for (let i = 0; i < 500; i++) {
      const mid = keyBetween(a, b);
      expect(a < mid && mid < b).toBe(true);
      b = mid;
    }
    expect(b.length).toBeLessThan(100);
  });

  it("refuses keys out of order and recognises malformed ones", () => {
    expect(() => keyBetween("a1", "a0")).toThrow();
    expect(() => keyBetween("a1", "a1")).toThrow();
    expect(isOrderKey("a0")).toBe(true);
    expect(isOrderKey("a10")).toBe(false);
    expect(isOrderKey("")).toBe(false);
    expect(isOrderKey("b0")).toBe(false);
    expect(isOrderKey("a!")).toBe(false);
  });
});
