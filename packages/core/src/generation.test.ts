import { describe, expect, it } from "vitest";
import { estimateCost, generationRequestSchema, validateGenerationRequest } from "./generation";
import { GENERATION_LIMITS } from "./limits";
import type { ModelInfo } from "./model-info";

const flexible: ModelInfo = {
  id: "vendor/flexible",
  name: "Flexible",
  provider: "openrouter",
  costPerImageCredits: 40,
  estimatedMs: 8_000,
  minWidth: 64,
  maxWidth: 2048,
  minHeight: 64,
  maxHeight: 2048,
  supports: {
    negativePrompt: true,
    seed: true,
    steps: { min: 1, max: 150 },
    guidance: { min: 0, max: 30 },
    numImages: { min: 1, max: 4 },
  },
};

const narrow: ModelInfo = {
  id: "vendor/narrow",
  name: "Narrow",
  provider: "openrouter",
  costPerImageCredits: 30,
  estimatedMs: 10_000,
  minWidth: 512,
  maxWidth: 1024,
  minHeight: 512,
  maxHeight: 1024,
  sizeMultiple: 64,
  aspectRatios: ["1:1", "16:9"],
  supports: { negativePrompt: false, seed: false, steps: { min: 10, max: 50 } },
};

const base = { prompt: "a blue ocean at night", model: flexible.id, parameters: { width: 1024, height: 1024 } };

function issuesOf(request: unknown, model: ModelInfo = flexible) {
  const result = validateGenerationRequest(request, model);
  return result.ok ? [] : result.issues;
}

function fieldsOf(request: unknown, model: ModelInfo = flexible) {
  return issuesOf(request, model).map((issue) => issue.field);
}

const withParameters = (parameters: object, request: object = base) => ({
  ...request,
  parameters: { ...base.parameters, ...parameters },
});

describe("validateGenerationRequest: global limits", () => {
  it("accepts a minimal request and trims prompts", () => {
    const result = validateGenerationRequest({ ...base, prompt: "  sunset  ", negativePrompt: " blur " }, flexible);
    expect(result).toEqual({
      ok: true,
      request: { ...base, prompt: "sunset", negativePrompt: "blur" },
    });
  });

  it("accepts every parameter at its boundaries", () => {
    for (const parameters of [
      { width: 64, height: 64, steps: 1, guidance: 0, seed: 0, numImages: 1 },
      { width: 2048, height: 2048, steps: 150, guidance: 30, seed: 0xffff_ffff, numImages: 4 },
      { width: 1024, height: 512, guidance: 7.5 },
    ]) {
      expect(issuesOf({ ...base, parameters })).toEqual([]);
    }
  });

  it.each([
    ["", "Prompt must not be blank"],
    ["   \n\t ", "Prompt must not be blank"],
    ["\u200B\u200D\uFEFF\u2060", "Prompt must not be blank"],
    ["\u0000\uD800 ", "Prompt must not be blank"],
    ["\u{1F600}".repeat(1_001), "Prompt must be at most 2000 characters"],
    ["x".repeat(2_001), "Prompt must be at most 2000 characters"],
    [42, "Prompt must be text"],
  ])("rejects prompt %j", (prompt, message) => {
    expect(issuesOf({ ...base, prompt })).toEqual([{ field: "prompt", message }]);
  });

  it("counts the prompt limit after trimming", () => {
    expect(issuesOf({ ...base, prompt: ` ${"x".repeat(2_000)} ` })).toEqual([]);
    expect(GENERATION_LIMITS.prompt.maxLength).toBe(2_000);
  });

  it("stores the prompt normalised: NFC, without NUL, lone surrogates or zero-width characters", () => {
    const parsed = generationRequestSchema.parse({ ...base, prompt: " cafe\u0301\u0000 \u200Bsky\uDC00 " });
    expect(parsed.prompt).toBe("caf\u00E9 sky");
  });

  it("counts the limit in UTF-16 units, as limits.ts documents: 1,000 emoji fill 2,000 characters", () => {
    expect(issuesOf({ ...base, prompt: "\u{1F600}".repeat(1_000) })).toEqual([]);
  });

  it("limits the negative prompt to 1000 characters", () => {
    expect(issuesOf({ ...base, negativePrompt: "x".repeat(1_000) })).toEqual([]);
    expect(fieldsOf({ ...base, negativePrompt: "x".repeat(1_001) })).toEqual(["negativePrompt"]);
  });

  it.each([
    ["width", 63],
    ["width", 2049],
    ["width", 512.5],
    ["height", 0],
    ["height", -64],
    ["height", Number.NaN],
    ["width", Number.POSITIVE_INFINITY],
    ["width", "512"],
    ["steps", 0],
    ["steps", 151],
    ["steps", 2.5],
    ["guidance", -0.1],
    ["guidance", 30.01],
    ["seed", -1],
    ["seed", 2 ** 32],
    ["seed", 1.5],
    ["numImages", 0],
    ["numImages", 5],
  ])("rejects parameters.%s = %s", (name, value) => {
    expect(fieldsOf(withParameters({ [name]: value }))).toEqual([`parameters.${name}`]);
  });

  it("requires width and height", () => {
    expect(issuesOf({ ...base, parameters: {} })).toEqual([
      { field: "parameters.width", message: "Required" },
      { field: "parameters.height", message: "Required" },
    ]);
  });

  it("requires prompt, model and parameters", () => {
    expect(fieldsOf({})).toEqual(["prompt", "model", "parameters"]);
  });

  it.each([null, undefined, "prompt", 42, []])("rejects a request that is not an object: %j", (request) => {
    expect(issuesOf(request).length).toBeGreaterThan(0);
  });

  it("names unknown fields instead of dropping them", () => {
    expect(issuesOf({ ...withParameters({ sampler: "euler" }), style: "x" })).toEqual([
      { field: "parameters.sampler", message: "Unknown field" },
      { field: "style", message: "Unknown field" },
    ]);
  });

  it.each([
    ["a", true],
    ["Ab-9_z", true],
    ["x".repeat(128), true],
    ["", false],
    ["x".repeat(129), false],
    ["has space", false],
    ["dots.not.ok", false],
    ["ünïcode", false],
  ])("idempotency key %j valid: %s", (idempotencyKey, valid) => {
    expect(fieldsOf({ ...base, idempotencyKey })).toEqual(valid ? [] : ["idempotencyKey"]);
  });

  it("rejects malformed model ids", () => {
    expect(fieldsOf({ ...base, model: "not a model" })).toContain("model");
  });

  // Core uses Zod Mini, which has no default messages, and this test file loads no zod locale:
  // what is asserted here is what the browser shows.
  it.each([
    [null, "request", "Request must be an object"],
    [[], "request", "Request must be an object"],
    [{ ...base, parameters: "large" }, "parameters", "Parameters must be an object"],
    [{ ...base, model: 42 }, "model", "Model id must be text"],
  ])("names the problem with %j in words, without a zod locale", (request, field, message) => {
    expect(issuesOf(request)).toEqual([{ field, message }]);
  });
});

describe("validateGenerationRequest: per-model rules", () => {
  const narrowBase = { ...base, model: narrow.id };

  it("accepts a request the model supports", () => {
    expect(issuesOf(withParameters({ width: 1024, height: 576, steps: 10 }, narrowBase), narrow)).toEqual([]);
  });

  it("rejects a request meant for another model", () => {
    expect(issuesOf(base, narrow)).toEqual([
      { field: "model", message: 'Request is for model "vendor/flexible", not "vendor/narrow"' },
    ]);
  });

  it("enforces the model size range and multiple", () => {
    expect(issuesOf(withParameters({ width: 448, height: 1088 }, narrowBase), narrow)).toEqual([
      { field: "parameters.width", message: "Width must be from 512 to 1024 pixels for this model" },
      { field: "parameters.height", message: "Height must be from 512 to 1024 pixels for this model" },
    ]);
    expect(issuesOf(withParameters({ width: 1000, height: 1000 }, narrowBase), narrow)).toEqual([
      { field: "parameters.width", message: "Width must be a multiple of 64 pixels" },
      { field: "parameters.height", message: "Height must be a multiple of 64 pixels" },
    ]);
  });

  it("uses multiples of 8 by default", () => {
    expect(fieldsOf(withParameters({ width: 1020 }))).toEqual(["parameters.width"]);
    expect(fieldsOf(withParameters({ width: 1016 }))).toEqual([]);
  });

  it("enforces the model aspect ratios", () => {
    expect(issuesOf(withParameters({ width: 1024, height: 768 }, narrowBase), narrow)).toEqual([
      { field: "parameters", message: "Narrow supports the aspect ratios 1:1, 16:9, not 1024×768" },
    ]);
  });

  it("rejects parameters the model does not support", () => {
    const request = { ...withParameters({ seed: 1, guidance: 5, numImages: 2 }, narrowBase), negativePrompt: "blur" };
    expect(issuesOf(request, narrow)).toEqual([
      { field: "negativePrompt", message: "Narrow does not support a negative prompt" },
      { field: "parameters.seed", message: "Narrow does not support a seed" },
      { field: "parameters.guidance", message: "Narrow does not support guidance" },
      { field: "parameters.numImages", message: "Number of images must be 1 for Narrow" },
    ]);
  });

  it("ignores a blank negative prompt and a single image for models without them", () => {
    expect(issuesOf({ ...withParameters({ numImages: 1 }, narrowBase), negativePrompt: "  " }, narrow)).toEqual([]);
  });

  it("enforces the model ranges at their boundaries", () => {
    expect(fieldsOf(withParameters({ steps: 10 }, narrowBase), narrow)).toEqual([]);
    expect(fieldsOf(withParameters({ steps: 50 }, narrowBase), narrow)).toEqual([]);
    expect(issuesOf(withParameters({ steps: 9 }, narrowBase), narrow)).toEqual([
      { field: "parameters.steps", message: "Steps must be from 10 to 50 for Narrow" },
    ]);
    expect(fieldsOf(withParameters({ steps: 51 }, narrowBase), narrow)).toEqual(["parameters.steps"]);
  });

  it("reports schema and model problems together, once per field", () => {
    const request = { ...withParameters({ width: 5000, seed: 3 }, narrowBase), prompt: "" };
    expect(fieldsOf(request, narrow)).toEqual(["prompt", "parameters.width", "parameters.seed"]);
  });
});

describe("generationRequestSchema", () => {
  it("is usable on its own for transport validation", () => {
    expect(generationRequestSchema.safeParse(base).success).toBe(true);
  });

  it("names unknown keys in its own message (the edge API shows it as is)", () => {
    const result = generationRequestSchema.safeParse({ ...base, style: "x", mood: "y" });
    expect(result.error?.issues.map((issue) => issue.message)).toEqual(["Unknown fields: style, mood"]);
  });
});

describe("estimateCost", () => {
  it("multiplies the per-image price", () => {
    expect(estimateCost(flexible)).toBe(40);
    expect(estimateCost(flexible, 4)).toBe(160);
    expect(estimateCost({ costPerImageCredits: 0 }, 3)).toBe(0);
  });

  it.each([0, 5, 1.5, -1, Number.NaN])("rejects %s images", (count) => {
    expect(() => estimateCost(flexible, count)).toThrow(/imageCount must be a whole number from 1 to 4/);
  });
});
