import { describe, expect, it } from "vitest";
import {
  ASPECT_RATIOS,
  SIZE_PRESETS,
  closestAspectRatio,
  getSizePreset,
  matchesAspectRatio,
  parseAspectRatio,
  sizeForAspectRatio,
} from "./image-sizes";

describe("parseAspectRatio", () => {
  it("splits a ratio into terms", () => {
    expect(parseAspectRatio("16:9")).toEqual({ width: 16, height: 9 });
  });

  it.each(["16x9", "", "0:1", "7:3"])("rejects %j", (bad) => {
    expect(() => parseAspectRatio(bad as never)).toThrow(/Unknown aspect ratio/);
  });
});

describe("sizeForAspectRatio", () => {
  it.each([
    ["1:1", 1024, 1024],
    ["16:9", 1024, 576],
    ["9:16", 576, 1024],
    ["4:3", 1024, 768],
    ["3:4", 768, 1024],
    ["3:2", 1024, 680],
    ["21:9", 1024, 440],
  ] as const)("%s at a 1024 long edge is %i×%i", (ratio, width, height) => {
    expect(sizeForAspectRatio(ratio)).toEqual({ width, height });
  });

  it("gives every ratio a size that is in range, on the grid and matches the ratio", () => {
    for (const ratio of ASPECT_RATIOS) {
      for (const longEdge of [64, 512, 1024, 2048]) {
        const size = sizeForAspectRatio(ratio, { longEdge });
        for (const side of [size.width, size.height]) {
          expect(side % 8).toBe(0);
          expect(side).toBeGreaterThanOrEqual(64);
          expect(side).toBeLessThanOrEqual(2048);
        }
        if (longEdge >= 512) expect(matchesAspectRatio(size, ratio)).toBe(true);
      }
    }
  });

  it("honours a coarser multiple", () => {
    expect(sizeForAspectRatio("16:9", { longEdge: 1024, multiple: 64 })).toEqual({ width: 1024, height: 576 });
    expect(sizeForAspectRatio("3:2", { longEdge: 1024, multiple: 64 })).toEqual({ width: 1024, height: 704 });
  });

  it.each([{ longEdge: 32 }, { longEdge: 4096 }, { longEdge: 1020 }, { longEdge: 1024.5 }, { multiple: 0 }])(
    "rejects %j",
    (options) => {
      expect(() => sizeForAspectRatio("1:1", options)).toThrow(RangeError);
    },
  );
});

describe("matchesAspectRatio / closestAspectRatio", () => {
  it("allows rounding but not a different ratio", () => {
    expect(matchesAspectRatio({ width: 1024, height: 576 }, "16:9")).toBe(true);
    expect(matchesAspectRatio({ width: 152, height: 64 }, "21:9")).toBe(true);
    expect(matchesAspectRatio({ width: 1024, height: 768 }, "16:9")).toBe(false);
    expect(matchesAspectRatio({ width: 800, height: 1000 }, "3:4")).toBe(false);
  });

  it("finds the nearest offered ratio", () => {
    expect(closestAspectRatio({ width: 1000, height: 1000 })).toBe("1:1");
    expect(closestAspectRatio({ width: 1920, height: 1080 })).toBe("16:9");
    expect(closestAspectRatio({ width: 660, height: 1000 })).toBe("2:3");
    expect(closestAspectRatio({ width: 4000, height: 1000 })).toBe("21:9");
  });
});

describe("size presets", () => {
  it("offers Square, Portrait and Landscape", () => {
    expect(SIZE_PRESETS.map((preset) => preset.label)).toEqual(["Square", "Portrait", "Landscape"]);
    expect(getSizePreset("square")).toMatchObject({ width: 1024, height: 1024, aspectRatio: "1:1" });
    expect(getSizePreset("portrait")).toMatchObject({ width: 768, height: 1024, aspectRatio: "3:4" });
    expect(getSizePreset("landscape")).toMatchObject({ width: 1024, height: 768, aspectRatio: "4:3" });
  });

  it("keeps each preset consistent with its ratio", () => {
    for (const preset of SIZE_PRESETS) expect(matchesAspectRatio(preset, preset.aspectRatio)).toBe(true);
  });

  it("rejects unknown presets", () => {
    expect(() => getSizePreset("panorama" as never)).toThrow(/Unknown size preset "panorama"/);
  });
});
