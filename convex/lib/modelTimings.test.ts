import { describe, expect, it } from "vitest";
import { measuredEstimate } from "./modelTimings";

describe("measuredEstimate", () => {
  it("needs a few runs before it replaces the declared estimate", () => {
    expect(measuredEstimate(null)).toBeNull();
    expect(measuredEstimate({ recentMs: [200, 300] })).toBeNull();
  });

  it("is the median with the middle half as the range, so one cold start does not move it", () => {
    const warm = [210, 190, 200, 205, 195];
    expect(measuredEstimate({ recentMs: warm })).toEqual({
      estimatedMs: 200,
      estimatedRangeMs: { low: 195, high: 205 },
    });
    expect(measuredEstimate({ recentMs: [...warm, 3000] })!.estimatedMs).toBe(203);
  });
});
