// npm test ends on "tests: N passed, N failed", summed from each runner's closing lines (scripts/test-counts.mjs).
import { describe, expect, it } from "vitest";
// @ts-expect-error plain ES module without types
import { countTests } from "../scripts/test-counts.mjs";

describe("countTests", () => {
  it("reads Vitest's totals, with and without failures", () => {
    expect(
      countTests(["\x1b[2m      Tests \x1b[22m \x1b[1m\x1b[32m479 passed\x1b[39m\x1b[22m\x1b[90m (479)\x1b[39m"], true),
    ).toMatchObject({
      passed: 479,
      failed: 0,
    });
    expect(countTests(["      Tests  2 failed | 477 passed (479)"], false)).toMatchObject({ passed: 477, failed: 2 });
  });

  it("reads web-test-runner's line per browser once, though it prints the block twice", () => {
    const block = [
      "Chromium: |██████████| 35/35 test files | 236 passed, 0 failed",
      "Firefox:  |██████████| 7/7 test files | 64 passed, 2 failed",
    ];
    expect(countTests([...block, "", ...block], false)).toMatchObject({ passed: 300, failed: 2 });
  });

  it("reads web-test-runner's progress lines behind cursor movements (its output without a terminal)", () => {
    const progress = [
      "\x1b[2K\x1b[1A\x1b[2K\x1b[GChromium: |███   | 3/46 test files | 17 passed, 0 failed",
      "\x1b[2K\x1b[1A\x1b[2K\x1b[GChromium: |██████| 46/46 test files | 281 passed, 0 failed",
      "Firefox:  |██████| 36/36 test files | 237 passed, 0 failed",
    ];
    expect(countTests(progress, true)).toMatchObject({ passed: 518, failed: 0 });
  });

  it("reads Playwright, the stories and the screenshot check", () => {
    expect(countTests(["  1 failed", "    e2e/x.spec.ts", "  4 passed (2.8m)"], false)).toMatchObject({
      passed: 4,
      failed: 1,
    });
    expect(countTests(["86 of 88 stories passed in 44.2 s"], false)).toMatchObject({ passed: 86, failed: 2 });
    expect(countTests(["7 views in 29.1 s"], true)).toMatchObject({ passed: 7, failed: 0 });
  });

  it("counts a check without tests as one, and a failed suite with no totals as one failure", () => {
    expect(countTests(["> tsc -b"], true)).toMatchObject({ passed: 1, failed: 0 });
    expect(countTests(["error TS2322"], false)).toMatchObject({ passed: 0, failed: 1 });
    expect(countTests(["Tests  10 passed (10)"], false)).toMatchObject({ passed: 10, failed: 1 });
  });
});
