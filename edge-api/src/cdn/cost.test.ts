import { describe, expect, it } from "vitest";
import {
  DIMENSION_STEPS,
  knownMinimumCost,
  MAX_VARIANT_COST,
  outputSize,
  snapDimension,
  snapTransform,
  variantCost,
} from "./cost";

describe("dimension steps", () => {
  it("snaps up to the next step, and caps at the largest", () => {
    expect([1, 16, 17, 200, 256, 257, 1000, 4095, 4096].map(snapDimension)).toEqual([
      16, 16, 32, 256, 256, 320, 1024, 4096, 4096,
    ]);
    expect(DIMENSION_STEPS.every((step, i) => i === 0 || step > DIMENSION_STEPS[i - 1]!)).toBe(true);
  });

  it("snaps only w and h, and leaves a transform without them alone", () => {
    expect(snapTransform({ w: 200, h: 90, f: "webp", q: 77, fit: "inside" })).toEqual({
      w: 256,
      h: 96,
      f: "webp",
      q: 77,
      fit: "inside",
    });
    const formatOnly = { f: "png" as const };
    expect(snapTransform(formatOnly)).toBe(formatOnly);
  });
});

describe("variant cost", () => {
  const source = { width: 2000, height: 1000 };

  it("computes the output size as sharp does for each fit", () => {
    expect(outputSize({}, source)).toEqual(source);
    expect(outputSize({ w: 500 }, source)).toEqual({ width: 500, height: 250 });
    expect(outputSize({ h: 500 }, source)).toEqual({ width: 1000, height: 500 });
    expect(outputSize({ w: 500, h: 500 }, source)).toEqual({ width: 500, height: 500 });
    expect(outputSize({ w: 500, h: 500, fit: "inside" }, source)).toEqual({ width: 500, height: 250 });
    expect(outputSize({ w: 500, h: 500, fit: "outside" }, source)).toEqual({ width: 1000, height: 500 });
  });

  it("puts 4096² AVIF far over the ceiling and 1024² AVIF under it", () => {
    expect(variantCost({ width: 4096, height: 4096 }, "avif")).toBeGreaterThan(10 * MAX_VARIANT_COST);
    expect(variantCost({ width: 1024, height: 1024 }, "avif", { width: 1024, height: 1024 })).toBeLessThan(
      MAX_VARIANT_COST,
    );
    expect(variantCost({ width: 4096, height: 4096 }, "jpeg")).toBeLessThan(MAX_VARIANT_COST);
  });

  it("knows a lower bound before the source is read only when the box is filled", () => {
    expect(knownMinimumCost({ w: 4096, h: 4096, f: "avif" }, "avif")).toBeGreaterThan(MAX_VARIANT_COST);
    expect(knownMinimumCost({ w: 4096, h: 4096, fit: "outside" }, "avif")).toBeGreaterThan(MAX_VARIANT_COST);
    expect(knownMinimumCost({ w: 4096, h: 4096, fit: "inside" }, "avif")).toBe(0);
    expect(knownMinimumCost({ w: 4096 }, "avif")).toBe(0);
    expect(knownMinimumCost({ w: 4096, h: 4096 }, undefined)).toBe(0);
  });
});
