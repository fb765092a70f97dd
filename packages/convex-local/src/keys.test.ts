import { describe, expect, it } from "vitest";
import { compareValues, encodeKey } from "./keys.js";

describe("index key encoding", () => {
  it("sorts values in Convex's type order, then by value", () => {
    const ordered = [
      undefined,
      null,
      -5n,
      0n,
      7n,
      -Infinity,
      -1.5,
      -0,
      0.25,
      3,
      Infinity,
      false,
      true,
      "",
      "a",
      "a\u0000",
      "ab",
      "b",
      new Uint8Array([0]).buffer,
      new Uint8Array([1]).buffer,
      [],
      [1],
      [1, 2],
      [2],
      {},
      { a: 1 },
      { a: 2 },
      { b: 0 },
    ];
    for (let i = 0; i + 1 < ordered.length; i++) {
      expect(
        compareValues(ordered[i] as never, ordered[i + 1] as never),
        `${String(ordered[i])} < ${String(ordered[i + 1])}`,
      ).toBeLessThan(0);
    }
  });

  it("keeps tuple prefixes together: every key starting with a prefix sorts below prefix ‖ 0xff", () => {
    const prefix = encodeKey(["ada"]);
    const bound = Buffer.concat([prefix, Buffer.from([0xff])]);
    for (const next of [undefined, null, 99n, 1e9, true, "zzz", [9], { z: 1 }]) {
      const key = encodeKey(["ada", next as never]);
      expect(Buffer.compare(key, prefix)).toBeGreaterThan(0);
      expect(Buffer.compare(key, bound)).toBeLessThan(0);
    }
    expect(Buffer.compare(encodeKey(["adb"]), bound)).toBeGreaterThan(0);
  });
});
