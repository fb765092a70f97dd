import { describe, expect, it } from "vitest";
import { measureRenderMsPerMegapixel } from "./measure";

describe("measureRenderMsPerMegapixel", () => {
  it("returns a positive time per megapixel", () => {
    const ms = measureRenderMsPerMegapixel("local/mosaic", 1);
    expect(Number.isFinite(ms)).toBe(true);
    expect(ms).toBeGreaterThan(0);
  });

  it.each([0, -1, 1.5])("rejects %s runs", (runs) => {
    expect(() => measureRenderMsPerMegapixel("local/mosaic", runs)).toThrow(/runs must be a positive whole number/);
  });

  it("rejects unknown models", () => {
    expect(() => measureRenderMsPerMegapixel("local/nope", 1)).toThrow(/Unknown local model/);
  });
});
