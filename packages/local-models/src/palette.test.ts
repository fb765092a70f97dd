import { describe, expect, it } from "vitest";
import { lookUp, subjectWords } from "./lexicon";
import { type Rgb, buildPalette, hslToRgb } from "./palette";
import { randomStream } from "./prompt";
import { readPrompt } from "./scene";

const paletteOf = (prompt: string) => readPrompt(prompt, 0).palette;
const average = (colors: Rgb[]) =>
  [0, 1, 2].map((c) => colors.reduce((sum, color) => sum + color[c], 0) / colors.length);

describe("hslToRgb", () => {
  it.each([
    [0, 1, 0.5, [1, 0, 0]],
    [120, 1, 0.5, [0, 1, 0]],
    [240, 1, 0.5, [0, 0, 1]],
    [360 + 60, 1, 0.5, [1, 1, 0]],
    [-60, 1, 0.5, [1, 0, 1]],
    [200, 0, 0.25, [0.25, 0.25, 0.25]],
  ] as const)("hsl(%i, %s, %s)", (h, s, l, rgb) => {
    hslToRgb(h, s, l).forEach((channel, i) => expect(channel).toBeCloseTo(rgb[i], 6));
  });
});

describe("buildPalette", () => {
  it("takes hues from colour words in order", () => {
    const [r, g, b] = average(paletteOf("blue ocean").colors);
    expect(b).toBeGreaterThan(r);
    expect(b).toBeGreaterThan(g);
    const [fireR, , fireB] = paletteOf("fire").colors[0];
    expect(fireR).toBeGreaterThan(fireB);
  });

  it("understands plurals", () => {
    // Same hues; only the small per-prompt jitter differs.
    const plural = average(paletteOf("emeralds").colors);
    const singular = average(paletteOf("emerald").colors);
    expect(Math.hypot(...plural.map((channel, i) => channel - singular[i]))).toBeLessThan(0.1);
    expect(plural[1]).toBeGreaterThan(Math.max(plural[0], plural[2]));
    expect(lookUp(subjectWords, "mountains")).toBe("terrain");
    expect(lookUp(subjectWords, "gas")).toBeUndefined();
  });

  it("always has at least three colours, even without colour words", () => {
    for (const prompt of ["", "a castle", "red", "red blue"]) {
      expect(paletteOf(prompt).colors.length).toBeGreaterThanOrEqual(3);
    }
  });

  it("lets tone words set lightness and saturation", () => {
    expect(paletteOf("dark red").lightness).toBeLessThan(paletteOf("red").lightness);
    expect(paletteOf("bright red").lightness).toBeGreaterThan(paletteOf("red").lightness);
    expect(paletteOf("muted red").saturation).toBeLessThan(paletteOf("red").saturation);
    expect(paletteOf("vivid red").saturation).toBeGreaterThan(paletteOf("red").saturation);
    expect(paletteOf("monochrome red").saturation).toBe(0);
  });

  it("counts each tone once", () => {
    expect(paletteOf("pastel pastel pastel spring").saturation).toBe(paletteOf("pastel").saturation);
  });

  it("keeps colours in range", () => {
    const palette = buildPalette(["neon", "white", "night", "fire", "snow"], randomStream(3));
    for (const color of [...palette.colors, palette.background, palette.highlight]) {
      for (const channel of color) {
        expect(channel).toBeGreaterThanOrEqual(0);
        expect(channel).toBeLessThanOrEqual(1);
      }
    }
  });
});

describe("readPrompt", () => {
  it("keeps the palette when only the seed changes, and moves the composition", () => {
    const first = readPrompt("sunset over the sea", 1);
    const second = readPrompt("sunset over the sea", 2);
    expect(second.palette).toEqual(first.palette);
    expect(second.random()).not.toBe(first.random());
  });

  it("finds subjects", () => {
    expect([...readPrompt("Moon over calm mountains and a lake", 0).subjects].sort()).toEqual([
      "calm",
      "celestialBody",
      "terrain",
      "water",
    ]);
  });
});
