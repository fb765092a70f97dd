import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startFakeOpenRouter, type FakeOpenRouter } from "./fake-openrouter.testing";
import { syncModels } from "./openrouter-models";

let fake: FakeOpenRouter;
beforeEach(async () => (fake = await startFakeOpenRouter()));
afterEach(() => fake.close());

const PATH = "/models?output_modalities=image";

const gemini = {
  id: "google/gemini-2.5-flash-image",
  name: "Google: Gemini 2.5 Flash Image",
  description: "x".repeat(5_000),
  architecture: { input_modalities: ["text", "image"], output_modalities: ["image", "text"] },
  pricing: { prompt: "0.0000003", completion: "0.0000025", image: "0.039", request: "0" },
  supported_parameters: ["max_tokens", "seed", "temperature"],
};

const seedream = {
  id: "bytedance-seed/seedream-4.5",
  name: "Seedream 4.5",
  pricing: { completion: "0.04" },
  supported_parameters: {
    n: { type: "integer" },
    seed: { type: "boolean" },
    aspect_ratio: { type: "enum", values: ["1:1", "16:9", "9:19.5", "auto"] },
  },
};

describe("syncModels", () => {
  it("turns OpenRouter entries into ModelInfo and skips the ones that do not fit", async () => {
    fake.answer(PATH, {
      body: {
        data: [
          gemini,
          seedream,
          { id: "no-slash", name: "Bad id", pricing: { image: "0.01" } },
          { id: "vendor/free-text", name: "Bad price", pricing: { image: "-1" } },
          { id: "vendor/no-price", name: "No price" },
          "not even an object",
        ],
      },
    });
    const models = await syncModels(fetch, fake.baseUrl, "sk-or-test");
    expect(fake.requests[0]).toMatchObject({ method: "GET", headers: { authorization: "Bearer sk-or-test" } });
    expect(models.map((m) => m.id)).toEqual(["google/gemini-2.5-flash-image", "bytedance-seed/seedream-4.5"]);
    expect(models[0]).toMatchObject({
      provider: "openrouter",
      costPerImageCredits: 39,
      supports: { seed: true, negativePrompt: false },
    });
    // Gemini lists "image" among its input modalities: it takes an input image; Seedream does not list any.
    expect(models[0]?.supports.imageInput).toEqual({ operations: ["img2img", "variations"], maxImages: 1 });
    expect(models[1]?.supports.imageInput).toBeUndefined();
    expect(models[0]?.description).toHaveLength(1_000);
    expect(models[0]?.aspectRatios).toBeUndefined();
    expect(models[1]).toMatchObject({
      costPerImageCredits: 40,
      aspectRatios: ["1:1", "16:9"],
      supports: { seed: true, numImages: { min: 1, max: 4 } },
    });
  });

  it("throws a mapped error when the list itself fails", async () => {
    fake.answer(PATH, { status: 401, body: { error: { code: 401, message: "No auth credentials found" } } });
    await expect(syncModels(fetch, fake.baseUrl, "bad")).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });
});
