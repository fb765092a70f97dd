import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "../_generated/api";
import { newBackend, signedIn, errorOf, type Backend } from "../setup.testing";
import { builtInModels } from "./catalog";

let t: Backend;

// Scheduled generation runs stay queued (fake timers): this is about which jobs the comparison makes.
beforeEach(async () => {
  vi.useFakeTimers();
  t = newBackend();
  // A hosted model that only turns text into images, as the OpenRouter sync stores one.
  const { imageInput: _, ...textOnly } = builtInModels()[0]!.supports;
  await t.run(async (ctx) => {
    await ctx.db.insert("models", {
      modelId: "acme/text-only",
      info: {
        ...builtInModels()[0]!,
        id: "acme/text-only",
        name: "Acme Text",
        provider: "openrouter",
        supports: textOnly,
      },
      syncedAt: Date.now(),
    });
  });
});
afterEach(() => vi.useRealTimers());

const base = { prompt: "a fox", parameters: { width: 256, height: 256, seed: 1 } };

describe("jobs.compare", () => {
  it("refuses a model that takes no input image by name, and creates nothing", async () => {
    const ada = signedIn(t, "ada");
    const error = await errorOf(
      ada.mutation(api.jobs.compare, {
        ...base,
        models: ["local/aurora", "acme/text-only", "local/mosaic"],
        input: { operation: "img2img", imageId: "whatever" },
      }),
    );
    expect(error).toMatchObject({
      code: "INVALID_ARGUMENT",
      fields: [{ field: "models.1", message: "Acme Text does not take input images" }],
    });
    expect(error.message).toBe(
      "Not every model can take this request: Acme Text does not take input images. Remove it from the comparison.",
    );
    expect((await ada.query(api.jobs.list, { paginationOpts: { numItems: 10, cursor: null } })).page).toEqual([]);
  });

  it("without an input, runs the same request on every model, one pending job each", async () => {
    const ada = signedIn(t, "ada");
    const jobs = await ada.mutation(api.jobs.compare, { ...base, models: ["acme/text-only", "local/aurora"] });
    expect(Array.isArray(jobs) && jobs.map((j) => j.model)).toEqual(["acme/text-only", "local/aurora"]);
    const page = (await ada.query(api.jobs.list, { paginationOpts: { numItems: 10, cursor: null } })).page;
    expect(page.map((job) => [job.model, job.status, job.prompt]).sort()).toEqual([
      ["acme/text-only", "pending", "a fox"],
      ["local/aurora", "pending", "a fox"],
    ]);
  });
});
