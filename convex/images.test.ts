import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { newBackend, signedIn, type Backend } from "./setup.testing";

let t: Backend;
beforeEach(() => {
  vi.useFakeTimers();
  t = newBackend();
});
afterEach(() => vi.useRealTimers());

/** Seeds a finished job with one image for a caller, as the pipeline would leave it. */
async function seedImage(subject: string, prompt: string, model = "local/aurora") {
  const caller = signedIn(t, subject);
  const { userId } = await caller.mutation(api.users.ensure, {});
  const imageId = await t.run(async (ctx) => {
    const parameters = { width: 64, height: 64, seed: 1, numImages: 1 };
    const jobId = await ctx.db.insert("generationJobs", {
      userId,
      prompt,
      model,
      provider: "local",
      parameters,
      status: "completed",
      priority: 0,
      reservedCredits: 1,
      resultImageIds: [],
    });
    return await ctx.db.insert("images", {
      userId,
      jobId,
      model,
      prompt,
      s3Bucket: "b",
      s3Key: `images/${userId}/${jobId}/0.png`,
      size: 10,
      width: 64,
      height: 64,
      format: "png",
      seed: 1,
      parameters,
    });
  });
  return { caller, imageId: imageId as Id<"images"> };
}

describe("images", () => {
  it("list, search and get see only the caller's images", async () => {
    const { caller: ada, imageId } = await seedImage("ada", "a lighthouse in fog");
    await seedImage("ada", "a castle at night", "local/mosaic");
    const { caller: bob } = await seedImage("bob", "a lighthouse at dawn");

    const mine = await ada.query(api.images.list, { paginationOpts: { numItems: 10, cursor: null } });
    expect(mine.page.map((i) => i.prompt)).toEqual(["a castle at night", "a lighthouse in fog"]);
    const mosaic = await ada.query(api.images.list, { paginationOpts: { numItems: 10, cursor: null }, model: "local/mosaic" });
    expect(mosaic.page.map((i) => i.prompt)).toEqual(["a castle at night"]);
    expect((await ada.query(api.images.search, { text: "lighthouse" })).map((i) => i.prompt)).toEqual(["a lighthouse in fog"]);
    expect(await ada.query(api.images.search, { text: "   " })).toEqual([]);

    expect(await bob.query(api.images.get, { imageId })).toBeNull();
    expect(await bob.query(api.images.get, { imageId: "garbage" })).toBeNull();
    expect(await t.query(api.images.get, { imageId })).toBeNull();
    expect(await ada.query(api.images.get, { imageId })).toMatchObject({ prompt: "a lighthouse in fog" });
  });

  it("a caller with no account yet has no images", async () => {
    expect(await signedIn(t, "new").query(api.images.list, { paginationOpts: { numItems: 5, cursor: null } })).toMatchObject({
      page: [],
      isDone: true,
    });
  });
});

describe("models", () => {
  it("lists the three built-in local models with prices in credits", async () => {
    const models = await t.query(api.models.list, {});
    expect(models.map((m) => [m.id, m.costPerImageCredits])).toEqual([
      ["local/aurora", 1],
      ["local/mosaic", 1],
      ["local/nebula", 2],
    ]);
  });
});
