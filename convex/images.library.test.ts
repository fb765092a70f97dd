/** The library side of images.ts: filters, search, favorites, tags, visibility, bulk delete. */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { firstPage, seedImages } from "./library.testing";
import { errorOf, newBackend, signedIn, codeOf, type Backend } from "./setup.testing";

let t: Backend;
beforeEach(() => {
  vi.useFakeTimers();
  t = newBackend();
});
afterEach(() => vi.useRealTimers());

type Caller = ReturnType<typeof signedIn>;

/** Every prompt a listing returns, walking its pages `size` at a time (checks the cursors too). */
async function walk(caller: Caller, args: Record<string, unknown>, size = 2) {
  const prompts: string[] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 50; guard++) {
    const page: { page: { prompt: string }[]; isDone: boolean; continueCursor: string } = await caller.query(
      api.images.list,
      {
        ...args,
        paginationOpts: { numItems: size, cursor },
      },
    );
    prompts.push(...page.page.map((i) => i.prompt));
    if (page.isDone) return prompts;
    cursor = page.continueCursor;
  }
  throw new Error("the listing never ended");
}

async function seedAda() {
  const seeded = await seedImages(t, "ada", [
    { prompt: "red fox in snow" },
    { prompt: "red barn at dusk", model: "local/mosaic" },
    { prompt: "blue whale" },
    { prompt: "red panda", model: "local/mosaic" },
    { prompt: "green forest" },
  ]);
  const [fox, barn, whale, panda, forest] = seeded.ids as [Id<"images">, ...Id<"images">[]];
  return { ...seeded, fox, barn: barn!, whale: whale!, panda: panda!, forest: forest! };
}

describe("images.list filters", () => {
  it("filters by model, favorite, tag, collection and date, alone and together, across pages", async () => {
    const { caller: ada, fox, barn, whale, panda, forest } = await seedAda();
    await ada.mutation(api.images.setFavorite, { ids: [fox, panda, forest], favorite: true });
    await ada.mutation(api.images.addTags, { ids: [fox, barn, panda], tags: ["Red Things"] });
    const collection = await ada.mutation(api.collections.create, { name: "Reds" });
    await ada.mutation(api.collections.addImages, { id: collection, imageIds: [barn, panda, whale] });
    const times = await t.run(async (ctx) =>
      Promise.all([barn, panda].map(async (id) => (await ctx.db.get(id))!._creationTime)),
    );

    expect(await walk(ada, {})).toEqual([
      "green forest",
      "red panda",
      "blue whale",
      "red barn at dusk",
      "red fox in snow",
    ]);
    expect(await walk(ada, { sort: "oldest" })).toEqual([
      "red fox in snow",
      "red barn at dusk",
      "blue whale",
      "red panda",
      "green forest",
    ]);
    expect(await walk(ada, { model: "local/mosaic" })).toEqual(["red panda", "red barn at dusk"]);
    expect(await walk(ada, { favorite: true })).toEqual(["green forest", "red panda", "red fox in snow"]);
    expect(await walk(ada, { favorite: true, model: "local/mosaic" })).toEqual(["red panda"]);
    expect(await walk(ada, { tag: "#red things " })).toEqual(["red panda", "red barn at dusk", "red fox in snow"]);
    expect(await walk(ada, { tag: "red things", model: "local/aurora" })).toEqual(["red fox in snow"]);
    expect(await walk(ada, { tag: "red things", favorite: true, sort: "oldest" })).toEqual([
      "red fox in snow",
      "red panda",
    ]);
    expect(await walk(ada, { collectionId: collection })).toEqual(["red panda", "blue whale", "red barn at dusk"]);
    expect(await walk(ada, { collectionId: collection, favorite: true })).toEqual(["red panda"]);
    expect(await walk(ada, { collectionId: collection, tag: "red things" })).toEqual(["red panda", "red barn at dusk"]);
    expect(await walk(ada, { from: times[0], to: times[1] })).toEqual(["red panda", "blue whale", "red barn at dusk"]);
    expect(await walk(ada, { from: times[0], to: times[1], tag: "red things" })).toEqual([
      "red panda",
      "red barn at dusk",
    ]);
    expect(await walk(ada, { from: times[1], collectionId: collection })).toEqual(["red panda"]);
    expect(await walk(ada, { tag: "unused" })).toEqual([]);
  });

  it("another user's collection id is not found, and their images never show", async () => {
    const { caller: ada } = await seedAda();
    const { caller: bob } = await seedImages(t, "bob", [{ prompt: "red car" }]);
    const adas = await ada.mutation(api.collections.create, { name: "Mine" });
    expect(await codeOf(bob.query(api.images.list, { paginationOpts: firstPage(), collectionId: adas }))).toBe(
      "NOT_FOUND",
    );
    expect(await codeOf(bob.query(api.images.list, { paginationOpts: firstPage(), collectionId: "garbage" }))).toBe(
      "NOT_FOUND",
    );
    const noAccountYet = signedIn(t, "new");
    expect(await codeOf(noAccountYet.query(api.images.list, { paginationOpts: firstPage(), collectionId: adas }))).toBe(
      "NOT_FOUND",
    );
    expect(
      await codeOf(
        noAccountYet.query(api.images.search, { text: "red", paginationOpts: firstPage(), collectionId: adas }),
      ),
    ).toBe("NOT_FOUND");
    expect(await walk(bob, {})).toEqual(["red car"]);
  });

  it("bad filters are INVALID_ARGUMENT naming the field", async () => {
    const { caller: ada } = await seedAda();
    for (const [filters, field] of [
      [{ from: Number.NaN }, "from"],
      [{ to: Number.POSITIVE_INFINITY }, "to"],
      [{ tag: " # " }, "tag"],
    ] as const) {
      const error = await errorOf(ada.query(api.images.list, { paginationOpts: firstPage(), ...filters }));
      expect(error).toMatchObject({ code: "INVALID_ARGUMENT", fields: [expect.objectContaining({ field })] });
      const viaSearch = await errorOf(
        ada.query(api.images.search, { text: "red", paginationOpts: firstPage(), ...filters }),
      );
      expect(viaSearch).toMatchObject({ code: "INVALID_ARGUMENT", fields: [expect.objectContaining({ field })] });
    }
  });
});

describe("images.search", () => {
  it("finds by prompt words within the caller's images, with the list's filters", async () => {
    const { caller: ada, fox, barn, panda } = await seedAda();
    await seedImages(t, "bob", [{ prompt: "red car" }]);
    await ada.mutation(api.images.setFavorite, { ids: [panda], favorite: true });
    await ada.mutation(api.images.setTags, { id: fox, tags: ["winter"] });
    const collection = await ada.mutation(api.collections.create, { name: "Farm" });
    await ada.mutation(api.collections.addImages, { id: collection, imageIds: [barn] });
    const search = async (text: string, filters: Record<string, unknown> = {}) =>
      (await ada.query(api.images.search, { text, paginationOpts: firstPage(), ...filters })).page
        .map((i) => i.prompt)
        .sort();

    expect(await search("red")).toEqual(["red barn at dusk", "red fox in snow", "red panda"]);
    expect(await search("red", { model: "local/mosaic" })).toEqual(["red barn at dusk", "red panda"]);
    expect(await search("red", { favorite: true })).toEqual(["red panda"]);
    expect(await search("red", { tag: "Winter" })).toEqual(["red fox in snow"]);
    expect(await search("red", { collectionId: collection })).toEqual(["red barn at dusk"]);
    const foxTime = await t.run(async (ctx) => (await ctx.db.get(fox))!._creationTime);
    expect(await search("red", { to: foxTime })).toEqual(["red fox in snow"]);
    expect(await search("whale")).toEqual(["blue whale"]);
    expect(await search("car")).toEqual([]);
    expect(await search("   ")).toEqual([]);
  });
});

describe("favorites, tags and visibility", () => {
  it("tags are normalised, distinct, at most 20, and listed once each", async () => {
    const { caller: ada, fox, whale } = await seedAda();
    expect(await ada.mutation(api.images.setTags, { id: fox, tags: [" Snow", "#snow", "ANIMAL  life"] })).toEqual([
      "snow",
      "animal life",
    ]);
    await ada.mutation(api.images.addTags, { ids: [whale], tags: ["sea", "animal life"] });
    expect(await ada.query(api.images.tags, {})).toEqual(["animal life", "sea", "snow"]);
    await ada.mutation(api.images.removeTags, { ids: [fox, whale], tags: ["ANIMAL LIFE"] });
    expect(await ada.query(api.images.tags, {})).toEqual(["sea", "snow"]);
    expect((await ada.query(api.images.get, { imageId: whale }))!.tags).toEqual(["sea"]);

    const tooMany = Array.from({ length: 21 }, (_, i) => `t${i}`);
    expect((await errorOf(ada.mutation(api.images.setTags, { id: fox, tags: tooMany }))).fields).toEqual([
      expect.objectContaining({ field: "tags" }),
    ]);
    await ada.mutation(api.images.setTags, { id: fox, tags: tooMany.slice(0, 20) });
    const error = await errorOf(ada.mutation(api.images.addTags, { ids: [fox, whale], tags: ["one more"] }));
    expect(error).toMatchObject({ code: "INVALID_ARGUMENT", fields: [expect.objectContaining({ field: "tags" })] });
    expect((await ada.query(api.images.get, { imageId: whale }))!.tags).toEqual(["sea"]);
    expect((await errorOf(ada.mutation(api.images.setTags, { id: fox, tags: ["ok", "  "] }))).fields).toEqual([
      expect.objectContaining({ field: "tags.1" }),
    ]);
    expect((await errorOf(ada.mutation(api.images.setTags, { id: fox, tags: ["x".repeat(33)] }))).fields).toEqual([
      expect.objectContaining({ field: "tags.0" }),
    ]);
  });

  it("another user's ids change nothing; too many ids are refused naming the field", async () => {
    const { fox } = await seedAda();
    const { caller: bob } = await seedImages(t, "bob", []);
    expect(await bob.mutation(api.images.setFavorite, { ids: [fox, "garbage"], favorite: true })).toEqual({
      updated: 0,
    });
    expect(await bob.mutation(api.images.setVisibility, { ids: [fox], isPublic: true })).toEqual({ updated: 0 });
    expect(await bob.mutation(api.images.addTags, { ids: [fox], tags: ["mine"] })).toEqual({ updated: 0 });
    expect(await codeOf(bob.mutation(api.images.setTags, { id: fox, tags: ["mine"] }))).toBe("NOT_FOUND");
    const image = await signedIn(t, "ada").query(api.images.get, { imageId: fox });
    expect(image).toMatchObject({ prompt: "red fox in snow" });
    expect(image!.favorite).toBeUndefined();
    expect(image!.isPublic).toBeUndefined();
    expect(image!.tags).toBeUndefined();
    const error = await errorOf(bob.mutation(api.images.setFavorite, { ids: Array(101).fill(fox), favorite: true }));
    expect(error).toMatchObject({ code: "INVALID_ARGUMENT", fields: [expect.objectContaining({ field: "ids" })] });
  });

  it("get adds the job's negative prompt, cost and timing", async () => {
    const { caller: ada, fox, jobId } = await seedAda();
    await t.run(async (ctx) => ctx.db.patch(jobId, { negativePrompt: "blur", startedAt: 1, completedAt: 5 }));
    expect((await ada.query(api.images.get, { imageId: fox }))!.job).toEqual({
      negativePrompt: "blur",
      actualCost: 1,
      startedAt: 1,
      completedAt: 5,
      numImages: 1,
    });
  });
});

describe("images.removeMany", () => {
  it("deletes documents, tag and collection rows and storage, in batches past the first 50", async () => {
    const s3 = await import("./lib/s3");
    const deleted: string[] = [];
    const spy = vi.spyOn(s3, "deleteImages").mockImplementation(async (_settings, keys) => void deleted.push(...keys));
    try {
      const {
        caller: ada,
        ids,
        userId,
        jobId,
      } = await seedImages(
        t,
        "ada",
        Array.from({ length: 120 }, (_, i) => ({ prompt: `image ${i}` })),
      );
      const keep = ids[119]!;
      await ada.mutation(api.images.addTags, { ids: ids.slice(0, 3), tags: ["gone"] });
      const collection = await ada.mutation(api.collections.create, { name: "Soon empty" });
      await ada.mutation(api.collections.addImages, { id: collection, imageIds: [ids[0]!, ids[60]!, keep] });
      const { ids: bobs } = await seedImages(t, "bob", [{ prompt: "not yours" }]);

      const result = await ada.mutation(api.images.removeMany, {
        ids: [...ids.slice(0, 119), ...bobs, "garbage", ids[0]!],
      });
      expect(result).toEqual({ removed: 50, scheduled: 70 });
      expect((await ada.query(api.jobs.me, {}))!.storageUsed).toBe(70 * 100);
      await t.finishAllScheduledFunctions(vi.runAllTimers);

      expect((await ada.query(api.images.list, { paginationOpts: firstPage() })).page.map((i) => i._id)).toEqual([
        keep,
      ]);
      expect((await ada.query(api.jobs.me, {}))!.storageUsed).toBe(100);
      expect(await ada.query(api.images.tags, {})).toEqual([]);
      expect(await ada.query(api.collections.get, { id: collection })).toMatchObject({ imageCount: 1 });
      expect(
        (await ada.query(api.collections.images, { id: collection, paginationOpts: firstPage() })).page.map(
          (i) => i._id,
        ),
      ).toEqual([keep]);
      expect(deleted.sort()).toEqual(
        Array.from({ length: 119 }, (_, n) => `images/${userId}/${jobId}/${n}.png`).sort(),
      );
      expect(await signedIn(t, "bob").query(api.images.get, { imageId: bobs[0]! })).not.toBeNull();
    } finally {
      spy.mockRestore();
    }
  });

  it("refuses more than 1,000 ids, naming the field", async () => {
    const error = await errorOf(signedIn(t, "ada").mutation(api.images.removeMany, { ids: Array(1001).fill("x") }));
    expect(error).toMatchObject({ code: "INVALID_ARGUMENT", fields: [expect.objectContaining({ field: "ids" })] });
  });
});
