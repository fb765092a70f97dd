import { describe, expect, it } from "vitest";
import { LIBRARY_LIMITS, normalizeTag } from "./library";

describe("normalizeTag", () => {
  it("folds case, spaces, leading # and invisible characters into one spelling", () => {
    expect(normalizeTag("  #Sunset ")).toBe("sunset");
    expect(normalizeTag("SUNSET")).toBe("sunset");
    expect(normalizeTag("red \t  car")).toBe("red car");
    expect(normalizeTag("sun\u200Bset")).toBe("sunset");
    expect(normalizeTag("cafe\u0301")).toBe("café");
  });

  it('gives "" for blank input', () => {
    expect(normalizeTag("  ")).toBe("");
    expect(normalizeTag("###")).toBe("");
    expect(normalizeTag("\u200B")).toBe("");
  });

  it("keeps the per-image tag limit the issue asks for", () => {
    expect(LIBRARY_LIMITS.tagsPerImage).toBe(20);
  });
});
