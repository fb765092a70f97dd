import { describe, expect, it } from "vitest";
import { validateGenerationRequest } from "./generation";
import { generationInputSchema, inputCapabilityIssues } from "./image-inputs";
import { type ModelInfo, modelInfoSchema } from "./model-info";

const editor: ModelInfo = {
  id: "local/aurora",
  name: "Aurora",
  provider: "local",
  costPerImageCredits: 2,
  estimatedMs: 150,
  minWidth: 64,
  maxWidth: 2048,
  minHeight: 64,
  maxHeight: 2048,
  supports: {
    negativePrompt: false,
    seed: true,
    imageInput: { operations: ["img2img", "variations", "inpaint"], maxImages: 1, strength: { min: 0, max: 1 } },
  },
};
const upscaler: ModelInfo = {
  ...editor,
  id: "local/upscale",
  name: "Upscale",
  supports: {
    negativePrompt: false,
    seed: false,
    imageInput: { operations: ["upscale"], maxImages: 1, required: true, scales: [2, 4] },
  },
};
const textOnly: ModelInfo = {
  ...editor,
  id: "local/plain",
  name: "Plain",
  supports: { negativePrompt: false, seed: true },
};

const request = (input: object | undefined, prompt = "a fox", model = editor) => ({
  prompt,
  model: model.id,
  parameters: { width: 512, height: 512 },
  ...(input ? { input } : {}),
});
const fields = (r: unknown, model = editor) => {
  const result = validateGenerationRequest(r, model);
  return result.ok ? [] : result.issues.map((i) => i.field);
};

describe("generationInputSchema", () => {
  it("accepts one source with the operation's settings", () => {
    expect(generationInputSchema.safeParse({ operation: "img2img", imageId: "abc", strength: 0.4 }).success).toBe(true);
    expect(generationInputSchema.safeParse({ operation: "inpaint", inputId: "a", maskInputId: "m" }).success).toBe(
      true,
    );
    expect(generationInputSchema.safeParse({ operation: "upscale", imageId: "a", scale: 4 }).success).toBe(true);
    expect(
      generationInputSchema.safeParse({
        operation: "variations",
        imageUrl: "https://images.pixorly.example/images/u/j/0.png",
      }).success,
    ).toBe(true);
  });

  it.each([
    [{ operation: "img2img" }, "imageId"],
    [{ operation: "img2img", imageId: "a", inputId: "b" }, "imageId"],
    [{ operation: "inpaint", imageId: "a" }, "maskInputId"],
    [{ operation: "img2img", imageId: "a", maskInputId: "m" }, "maskInputId"],
    [{ operation: "upscale", imageId: "a" }, "scale"],
    [{ operation: "upscale", imageId: "a", scale: 3 }, "scale"],
    [{ operation: "upscale", imageId: "a", scale: 2, strength: 0.5 }, "strength"],
    [{ operation: "img2img", imageId: "a", strength: 1.5 }, "strength"],
    [{ operation: "sharpen", imageId: "a" }, "operation"],
    [{ operation: "img2img", imageId: "a", imageUrl: "https://images.pixorly.example/images/u/j/0.png" }, "imageId"],
    [{ operation: "img2img", imageUrl: "not a url" }, "imageUrl"],
    [{ operation: "img2img", imageUrl: "javascript:alert(1)" }, "imageUrl"],
    [{ operation: "img2img", imageUrl: `https://x.example/${"a".repeat(2048)}` }, "imageUrl"],
  ])("refuses %j naming %s", (input, field) => {
    const result = generationInputSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join("."))).toContain(field);
  });
});

describe("validateGenerationRequest with an input", () => {
  it("accepts an operation the model supports", () => {
    expect(fields(request({ operation: "img2img", imageId: "a", strength: 0.5 }))).toEqual([]);
  });

  it("refuses an operation the model lacks, naming input.operation", () => {
    expect(fields(request({ operation: "upscale", imageId: "a", scale: 2 }))).toEqual(["input.operation"]);
    expect(fields(request({ operation: "img2img", imageId: "a" }, "a fox", textOnly), textOnly)).toEqual(["input"]);
  });

  it("lets the prompt be blank only for operations that need none", () => {
    expect(fields(request({ operation: "variations", imageId: "a" }, "  "))).toEqual([]);
    expect(fields(request({ operation: "img2img", imageId: "a" }, ""))).toEqual(["prompt"]);
    expect(fields(request(undefined, ""))).toEqual(["prompt"]);
  });

  it("ignores the requested size for upscaling and requires an input for input-only models", () => {
    const big = { ...request({ operation: "upscale", inputId: "a", scale: 4 }, "", upscaler) };
    expect(fields({ ...big, parameters: { width: 1000, height: 64 } }, upscaler)).toEqual([]);
    expect(fields(request(undefined, "x", upscaler), upscaler)).toEqual(["input"]);
  });

  it("checks scale and strength against the model", () => {
    const narrow = {
      ...upscaler,
      supports: {
        ...upscaler.supports,
        imageInput: { operations: ["upscale" as const], maxImages: 1, scales: [2 as const] },
      },
    };
    expect(inputCapabilityIssues({ operation: "upscale", scale: 4 }, narrow).map((i) => i.field)).toEqual([
      "input.scale",
    ]);
  });
});

describe("modelInfoSchema.supports.imageInput", () => {
  it("round-trips a capability", () => {
    expect(modelInfoSchema.parse(upscaler)).toEqual(upscaler);
    expect(
      modelInfoSchema.safeParse({
        ...editor,
        supports: { ...editor.supports, imageInput: { operations: [], maxImages: 1 } },
      }).success,
    ).toBe(false);
  });
});
