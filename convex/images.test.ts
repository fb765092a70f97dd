import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api, internal } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { newBackend, signedIn, type Backend, codeOf } from "./setup.testing";

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
  const { imageId, jobId } = await t.run(async (ctx) => {
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
    const imageId = await ctx.db.insert("images", {
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
    await ctx.db.patch(jobId, { resultImageIds: [imageId] });
    await ctx.db.patch(userId, { storageUsed: 10 });
    return { imageId, jobId };
  });
  return { caller, userId, jobId, imageId: imageId as Id<"images"> };
}

describe("images", () => {
  it("list, search and get see only the caller's images", async () => {
    const { caller: ada, imageId } = await seedImage("ada", "a lighthouse in fog");
    await seedImage("ada", "a castle at night", "local/mosaic");
    const { caller: bob } = await seedImage("bob", "a lighthouse at dawn");

    const mine = await ada.query(api.images.list, { paginationOpts: { numItems: 10, cursor: null } });
    expect(mine.page.map((i) => i.prompt)).toEqual(["a castle at night", "a lighthouse in fog"]);
    const mosaic = await ada.query(api.images.list, {
      paginationOpts: { numItems: 10, cursor: null },
      model: "local/mosaic",
    });
    expect(mosaic.page.map((i) => i.prompt)).toEqual(["a castle at night"]);
    const found = await ada.query(api.images.search, {
      text: "lighthouse",
      paginationOpts: { numItems: 10, cursor: null },
    });
    expect(found.page.map((i) => i.prompt)).toEqual(["a lighthouse in fog"]);
    expect(
      await ada.query(api.images.search, { text: "   ", paginationOpts: { numItems: 10, cursor: null } }),
    ).toMatchObject({ page: [], isDone: true });

    expect(await bob.query(api.images.get, { imageId })).toBeNull();
    expect(await bob.query(api.images.get, { imageId: "garbage" })).toBeNull();
    expect(await t.query(api.images.get, { imageId })).toBeNull();
    expect(await ada.query(api.images.get, { imageId })).toMatchObject({ prompt: "a lighthouse in fog" });
  });

  it("a caller with no account yet has no images", async () => {
    expect(
      await signedIn(t, "new").query(api.images.list, { paginationOpts: { numItems: 5, cursor: null } }),
    ).toMatchObject({
      page: [],
      isDone: true,
    });
  });
});

describe("models", () => {
  it("lists the built-in local models (three styles and the upscaler) with prices in credits", async () => {
    const models = await t.query(api.models.list, {});
    expect(models.map((m) => [m.id, m.costPerImageCredits])).toEqual([
      ["local/aurora", 1],
      ["local/mosaic", 1],
      ["local/nebula", 2],
      ["local/upscale", 2],
    ]);
    expect(models.map((m) => m.supports.imageInput?.operations)).toEqual([
      ["img2img", "variations", "inpaint"],
      ["img2img", "variations", "inpaint"],
      ["img2img", "variations", "inpaint"],
      ["upscale"],
    ]);
  });
});

describe("images.delivery", () => {
  it("returns what URL signing needs, for the caller's own ids only", async () => {
    const { caller: ada, imageId, userId, jobId } = await seedImage("ada", "a lighthouse");
    const { imageId: bobs } = await seedImage("bob", "a harbour");
    await t.run(async (ctx) => await ctx.db.patch(imageId, { isPublic: true }));
    expect(await ada.mutation(api.images.delivery, { ids: [imageId, bobs, "garbage", jobId, imageId] })).toEqual([
      { id: imageId, s3Key: `images/${userId}/${jobId}/0.png`, format: "png", width: 64, height: 64, isPublic: true },
    ]);
    expect(await signedIn(t, "bob").mutation(api.images.delivery, { ids: [imageId] })).toEqual([]);
    expect(await signedIn(t, "nobody-yet").mutation(api.images.delivery, { ids: [imageId] })).toEqual([]);
  });

  it("needs images:read, a caller and at most 100 ids", async () => {
    const { imageId } = await seedImage("ada", "a lighthouse");
    expect(await codeOf(signedIn(t, "ada", ["generate"]).mutation(api.images.delivery, { ids: [imageId] }))).toBe(
      "FORBIDDEN",
    );
    expect(await signedIn(t, "ada", ["images:read"]).mutation(api.images.delivery, { ids: [imageId] })).toHaveLength(1);
    expect(await codeOf(t.mutation(api.images.delivery, { ids: [imageId] }))).toBe("UNAUTHENTICATED");
    expect(await codeOf(signedIn(t, "ada").mutation(api.images.delivery, { ids: Array(101).fill(imageId) }))).toBe(
      "INVALID_ARGUMENT",
    );
    expect(
      await codeOf(signedIn(t, "service:edge-api", ["service"]).mutation(api.images.delivery, { ids: [imageId] })),
    ).toBe("FORBIDDEN");
  });
});

describe("images.isPublicObject (service only) and images.setPublic", () => {
  const service = () => signedIn(t, "service:edge-api", ["service"]);

  it("is true for a public image's key, false for a private or unknown one", async () => {
    const { imageId, userId, jobId } = await seedImage("ada", "a lighthouse");
    const s3Key = `images/${userId}/${jobId}/0.png`;
    expect(await service().query(api.images.isPublicObject, { s3Key })).toBe(false);
    await t.mutation(internal.images.setPublic, { id: imageId, isPublic: true });
    expect(await service().query(api.images.isPublicObject, { s3Key })).toBe(true);
    expect(await service().query(api.images.isPublicObject, { s3Key: `images/${userId}/${jobId}/1.png` })).toBe(false);
    expect(await service().query(api.images.isPublicObject, { s3Key: "" })).toBe(false);
    await t.mutation(internal.images.setPublic, { id: imageId, isPublic: false });
    expect(await service().query(api.images.isPublicObject, { s3Key })).toBe(false);
  });

  it("refuses user tokens and anonymous callers", async () => {
    const { imageId, userId, jobId } = await seedImage("ada", "a lighthouse");
    await t.mutation(internal.images.setPublic, { id: imageId, isPublic: true });
    const s3Key = `images/${userId}/${jobId}/0.png`;
    expect(await codeOf(signedIn(t, "ada").query(api.images.isPublicObject, { s3Key }))).toBe("FORBIDDEN");
    expect(await codeOf(signedIn(t, "ada", ["images:read"]).query(api.images.isPublicObject, { s3Key }))).toBe(
      "FORBIDDEN",
    );
    expect(await codeOf(t.query(api.images.isPublicObject, { s3Key }))).toBe("UNAUTHENTICATED");
  });

  it("setPublic answers NOT_FOUND for a deleted image", async () => {
    const { caller, imageId } = await seedImage("ada", "a lighthouse");
    await caller.mutation(api.images.remove, { id: imageId });
    expect(await codeOf(t.mutation(internal.images.setPublic, { id: imageId, isPublic: true }))).toBe("NOT_FOUND");
  });
});

describe("images.remove", () => {
  it("deletes the image, unlinks it from its job, frees its storage and schedules the S3 delete", async () => {
    const { caller: ada, imageId, userId, jobId } = await seedImage("ada", "a lighthouse");
    await ada.mutation(api.images.remove, { id: imageId });
    expect(await ada.query(api.images.get, { imageId })).toBeNull();
    expect((await ada.query(api.jobs.get, { jobId }))!.resultImageIds).toEqual([]);
    expect((await ada.query(api.jobs.me, {}))!.storageUsed).toBe(0);
    const scheduled = await t.run(async (ctx) => await ctx.db.system.query("_scheduled_functions").collect());
    expect(scheduled.map((s) => [s.name, s.args[0]])).toContainEqual([
      "images:deleteObjects",
      { s3Bucket: "b", s3Keys: [`images/${userId}/${jobId}/0.png`] },
    ]);
    expect(await codeOf(ada.mutation(api.images.remove, { id: imageId }))).toBe("NOT_FOUND");
  });

  it("another user's, unknown or malformed ids are not found, and nothing changes", async () => {
    const { imageId } = await seedImage("ada", "a lighthouse");
    const bob = signedIn(t, "bob");
    for (const id of [imageId, "garbage", ""])
      expect(await codeOf(bob.mutation(api.images.remove, { id }))).toBe("NOT_FOUND");
    expect(await signedIn(t, "ada").query(api.images.get, { imageId })).not.toBeNull();
  });

  it("needs images:write", async () => {
    const { imageId } = await seedImage("ada", "a lighthouse");
    expect(await codeOf(signedIn(t, "ada", ["images:read"]).mutation(api.images.remove, { id: imageId }))).toBe(
      "FORBIDDEN",
    );
    await signedIn(t, "ada", ["images:write"]).mutation(api.images.remove, { id: imageId });
    expect(await codeOf(t.mutation(api.images.remove, { id: imageId }))).toBe("UNAUTHENTICATED");
  });

  it("the background delete removes the object from the image's own bucket", async () => {
    const deleted: unknown[] = [];
    const s3 = await import("./lib/s3");
    const spy = vi
      .spyOn(s3, "deleteImages")
      .mockImplementation(async (settings, keys) => void deleted.push([settings.bucket, keys]));
    try {
      await t.action(internal.images.deleteObjects, { s3Bucket: "pixorly-images", s3Keys: ["images/u/j/0.png"] });
    } finally {
      spy.mockRestore();
    }
    expect(deleted).toEqual([["pixorly-images", ["images/u/j/0.png"]]]);
  });
});
