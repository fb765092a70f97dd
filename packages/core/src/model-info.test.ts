import { describe, expect, it } from "vitest";
import { type ModelInfo, modelIdSchema, modelInfoSchema, sizeMultipleOf } from "./model-info";

const exampleModel: ModelInfo = {
  id: "local/aurora",
  name: "Aurora",
  provider: "local",
  costPerImageCredits: 2,
  estimatedMs: 150,
  minWidth: 64,
  maxWidth: 2048,
  minHeight: 64,
  maxHeight: 2048,
  supports: { negativePrompt: false, seed: true },
};

describe("modelIdSchema", () => {
  it.each([
    "local/aurora",
    "google/gemini-2.5-flash-image",
    "openai/gpt-5-image-mini",
    "vendor/model:free",
    "Vendor/Model-X",
  ])("accepts %s", (id) => {
    expect(modelIdSchema.safeParse(id).success).toBe(true);
  });

  it.each(["", "aurora", "/aurora", "local/", "local/a b", "a/b/c", `local/${"x".repeat(200)}`])("rejects %j", (id) => {
    expect(modelIdSchema.safeParse(id).success).toBe(false);
  });
});

describe("modelInfoSchema", () => {
  it("accepts a well-formed descriptor", () => {
    expect(modelInfoSchema.parse(exampleModel)).toEqual(exampleModel);
  });

  it("ties the local provider to the local/ prefix", () => {
    expect(modelInfoSchema.safeParse({ ...exampleModel, provider: "openrouter" }).success).toBe(false);
    expect(modelInfoSchema.safeParse({ ...exampleModel, id: "google/x" }).success).toBe(false);
    expect(modelInfoSchema.safeParse({ ...exampleModel, id: "google/x", provider: "openrouter" }).success).toBe(true);
  });

  it("rejects sizes outside the global limits and inverted ranges", () => {
    expect(modelInfoSchema.safeParse({ ...exampleModel, maxWidth: 4096 }).success).toBe(false);
    expect(modelInfoSchema.safeParse({ ...exampleModel, minHeight: 32 }).success).toBe(false);
    expect(modelInfoSchema.safeParse({ ...exampleModel, minWidth: 1024, maxWidth: 512 }).success).toBe(false);
  });

  it("rejects parameter ranges wider than the global limits or inconsistent", () => {
    const withSupports = (supports: object) => ({
      ...exampleModel,
      supports: { ...exampleModel.supports, ...supports },
    });
    expect(modelInfoSchema.safeParse(withSupports({ steps: { min: 1, max: 50, default: 30 } })).success).toBe(true);
    expect(modelInfoSchema.safeParse(withSupports({ steps: { min: 1, max: 500 } })).success).toBe(false);
    expect(modelInfoSchema.safeParse(withSupports({ numImages: { min: 1, max: 8 } })).success).toBe(false);
    expect(modelInfoSchema.safeParse(withSupports({ guidance: { min: 10, max: 5 } })).success).toBe(false);
    expect(modelInfoSchema.safeParse(withSupports({ guidance: { min: 1, max: 5, default: 7 } })).success).toBe(false);
  });

  it("rejects fractional or negative prices", () => {
    expect(modelInfoSchema.safeParse({ ...exampleModel, costPerImageCredits: 0.5 }).success).toBe(false);
    expect(modelInfoSchema.safeParse({ ...exampleModel, costPerImageCredits: -1 }).success).toBe(false);
  });

  it("rejects unknown aspect ratios", () => {
    expect(modelInfoSchema.safeParse({ ...exampleModel, aspectRatios: ["1:1", "16:9"] }).success).toBe(true);
    expect(modelInfoSchema.safeParse({ ...exampleModel, aspectRatios: ["5:3"] }).success).toBe(false);
    expect(modelInfoSchema.safeParse({ ...exampleModel, aspectRatios: [] }).success).toBe(false);
  });
});

describe("sizeMultipleOf", () => {
  it("defaults to 8", () => {
    expect(sizeMultipleOf(exampleModel)).toBe(8);
    expect(sizeMultipleOf({ sizeMultiple: 64 })).toBe(64);
  });
});
