/** Collections: membership, order, covers, sharing, and that another user's collection behaves as unknown. */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api, internal } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { firstPage, seedImages } from "./library.testing";
import { codeOf, errorOf, newBackend, signedIn, type Backend } from "./setup.testing";

let t: Backend;
beforeEach(() => {
  vi.useFakeTimers();
  t = newBackend();
});
afterEach(() => vi.useRealTimers());

async function adaWithCollection(count = 4) {
  const seeded = await seedImages(
    t,
    "ada",
    Array.from({ length: count }, (_, i) => ({ prompt: `picture ${i}` })),
  );
  const collection = await seeded.caller.mutation(api.collections.create, { name: "Trip" });
  await seeded.caller.mutation(api.collections.addImages, { id: collection, imageIds: seeded.ids });
  return { ...seeded, collection };
}

async function order(caller: ReturnType<typeof signedIn>, id: string) {
  return (await caller.query(api.collections.images, { id, paginationOpts: firstPage() })).page.map((i) => i.prompt);
}

describe("collections", () => {
  it("create, rename, list and remove; the images stay", async () => {
    const { caller: ada, collection, ids } = await adaWithCollection(2);
    await ada.mutation(api.collections.rename, { id: collection, name: "  Summer\ttrip " });
    expect(await ada.query(api.collections.list, {})).toEqual([
      expect.objectContaining({ _id: collection, name: "Summer trip", isPublic: false, shareId: null, imageCount: 2 }),
    ]);
    await ada.mutation(api.collections.remove, { id: collection });
    expect(await ada.query(api.collections.list, {})).toEqual([]);
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    expect(await t.run(async (ctx) => (await ctx.db.query("collectionImages").collect()).length)).toBe(0);
    expect((await ada.query(api.images.list, { paginationOpts: firstPage() })).page).toHaveLength(ids.length);
  });

  it("bad names are INVALID_ARGUMENT naming the field", async () => {
    const ada = signedIn(t, "ada");
    for (const name of ["", "   ", "\u200B", "x".repeat(101)]) {
      expect(await errorOf(ada.mutation(api.collections.create, { name }))).toMatchObject({
        code: "INVALID_ARGUMENT",
        fields: [expect.objectContaining({ field: "name" })],
      });
    }
    const error = await errorOf(ada.mutation(api.collections.addImages, { id: "x", imageIds: Array(101).fill("x") }));
    expect(error).toMatchObject({ code: "INVALID_ARGUMENT", fields: [expect.objectContaining({ field: "imageIds" })] });
  });

  it("an image can be in several collections; adding twice does not duplicate it", async () => {
    const { caller: ada, collection, ids } = await adaWithCollection(2);
    const other = await ada.mutation(api.collections.create, { name: "Best" });
    expect(await ada.mutation(api.collections.addImages, { id: other, imageIds: [ids[1]!, ids[1]!] })).toEqual({
      added: 1,
    });
    expect(await ada.mutation(api.collections.addImages, { id: collection, imageIds: ids })).toEqual({ added: 0 });
    expect((await ada.query(api.collections.forImage, { imageId: ids[1]! })).sort()).toEqual(
      [collection, other].sort(),
    );
    expect(await ada.mutation(api.collections.removeImages, { id: collection, imageIds: [ids[1]!] })).toEqual({
      removed: 1,
    });
    expect(await ada.query(api.collections.forImage, { imageId: ids[1]! })).toEqual([other]);
    expect(await ada.query(api.collections.get, { id: collection })).toMatchObject({ imageCount: 1 });
  });

  it("a move rewrites one row and the order persists", async () => {
    const { caller: ada, collection, ids } = await adaWithCollection(4);
    expect(await order(ada, collection)).toEqual(["picture 0", "picture 1", "picture 2", "picture 3"]);
    const before = await t.run(async (ctx) => ctx.db.query("collectionImages").collect());
    await ada.mutation(api.collections.move, { id: collection, imageId: ids[3]!, beforeImageId: ids[1]! });
    const after = await t.run(async (ctx) => ctx.db.query("collectionImages").collect());
    const changed = after.filter((row) => before.find((b) => b._id === row._id)!.orderKey !== row.orderKey);
    expect(changed.map((row) => row.imageId)).toEqual([ids[3]]);
    expect(await order(ada, collection)).toEqual(["picture 0", "picture 3", "picture 1", "picture 2"]);
    await ada.mutation(api.collections.move, { id: collection, imageId: ids[0]!, beforeImageId: null });
    await ada.mutation(api.collections.move, { id: collection, imageId: ids[2]!, beforeImageId: ids[3]! });
    expect(await order(ada, collection)).toEqual(["picture 2", "picture 3", "picture 1", "picture 0"]);
    const foreign = (await seedImages(t, "bob", [{ prompt: "b" }])).ids[0]!;
    expect(
      await codeOf(ada.mutation(api.collections.move, { id: collection, imageId: foreign, beforeImageId: null })),
    ).toBe("NOT_FOUND");
  });

  it("the cover is the chosen image, else the first; removing the chosen one falls back", async () => {
    const { caller: ada, collection, ids } = await adaWithCollection(3);
    expect((await ada.query(api.collections.get, { id: collection }))!.cover).toMatchObject({ imageId: ids[0] });
    await ada.mutation(api.collections.setCover, { id: collection, imageId: ids[2]! });
    expect((await ada.query(api.collections.get, { id: collection }))!.cover).toMatchObject({ imageId: ids[2] });
    await ada.mutation(api.collections.removeImages, { id: collection, imageIds: [ids[2]!] });
    expect((await ada.query(api.collections.get, { id: collection }))!.cover).toMatchObject({ imageId: ids[0] });
    expect(await codeOf(ada.mutation(api.collections.setCover, { id: collection, imageId: ids[2]! }))).toBe(
      "NOT_FOUND",
    );
  });

  it("another user's collection id behaves as unknown everywhere", async () => {
    const { collection, ids } = await adaWithCollection(1);
    const { caller: bob, ids: bobs } = await seedImages(t, "bob", [{ prompt: "b" }]);
    expect(await bob.query(api.collections.get, { id: collection })).toBeNull();
    expect(await bob.query(api.collections.list, {})).toEqual([]);
    // Thunks, so each call starts only when awaited (a rejection is never left unhandled).
    const calls = [
      () => bob.query(api.collections.images, { id: collection, paginationOpts: firstPage() }),
      () => bob.mutation(api.collections.rename, { id: collection, name: "mine" }),
      () => bob.mutation(api.collections.remove, { id: collection }),
      () => bob.mutation(api.collections.addImages, { id: collection, imageIds: bobs }),
      () => bob.mutation(api.collections.removeImages, { id: collection, imageIds: ids }),
      () => bob.mutation(api.collections.move, { id: collection, imageId: ids[0]!, beforeImageId: null }),
      () => bob.mutation(api.collections.setCover, { id: collection, imageId: null }),
      () => bob.mutation(api.collections.setVisibility, { id: collection, isPublic: true }),
    ];
    for (const call of calls) expect(await codeOf(call())).toBe("NOT_FOUND");
    expect(await bob.query(api.collections.forImage, { imageId: ids[0]! })).toEqual([]);
    expect(await signedIn(t, "ada").query(api.collections.get, { id: collection })).toMatchObject({
      name: "Trip",
      imageCount: 1,
      isPublic: false,
    });
  });
});

describe("public collections", () => {
  it("a share id opens a public collection without sign-in, showing only its public images", async () => {
    const { caller: ada, collection, ids } = await adaWithCollection(3);
    await ada.mutation(api.images.setVisibility, { ids: [ids[0]!, ids[2]!], isPublic: true });
    await ada.mutation(api.collections.setCover, { id: collection, imageId: ids[1]! });
    const { shareId } = await ada.mutation(api.collections.setVisibility, { id: collection, isPublic: true });
    expect(shareId).toMatch(/^[A-Za-z0-9_-]{40,}$/);

    expect(await t.query(api.collections.publicView, { shareId: shareId! })).toEqual({
      name: "Trip",
      // The chosen cover is private, so the first public image stands in.
      cover: expect.objectContaining({ imageId: ids[0] }),
    });
    const page = await t.query(api.collections.publicImages, { shareId: shareId!, paginationOpts: firstPage() });
    expect(page.page.map((i) => i._id)).toEqual([ids[0], ids[2]]);
    expect(Object.keys(page.page[0]!)).not.toContain("userId");

    await ada.mutation(api.images.setVisibility, { ids: [ids[2]!], isPublic: false });
    expect(
      (await t.query(api.collections.publicImages, { shareId: shareId!, paginationOpts: firstPage() })).page.map(
        (i) => i._id,
      ),
    ).toEqual([ids[0]]);
    // The operators' switch keeps the collection rows in step too.
    await t.mutation(internal.images.setPublic, { id: ids[1]!, isPublic: true });
    expect(
      (await t.query(api.collections.publicImages, { shareId: shareId!, paginationOpts: firstPage() })).page.map(
        (i) => i._id,
      ),
    ).toEqual([ids[0], ids[1]]);
  });

  it("a private, unknown or re-shared collection's old id shows nothing", async () => {
    const { caller: ada, collection, ids } = await adaWithCollection(1);
    await ada.mutation(api.images.setVisibility, { ids, isPublic: true });
    const first = (await ada.mutation(api.collections.setVisibility, { id: collection, isPublic: true })).shareId!;
    expect(await ada.mutation(api.collections.setVisibility, { id: collection, isPublic: false })).toEqual({
      shareId: null,
    });
    for (const shareId of [first, "", "unknown"]) {
      expect(await t.query(api.collections.publicView, { shareId })).toBeNull();
      expect(await t.query(api.collections.publicImages, { shareId, paginationOpts: firstPage() })).toEqual({
        page: [],
        isDone: true,
        continueCursor: "",
      });
    }
    const second = (await ada.mutation(api.collections.setVisibility, { id: collection, isPublic: true })).shareId!;
    expect(second).not.toBe(first);
    expect(await t.query(api.collections.publicView, { shareId: first })).toBeNull();
    expect(await t.query(api.collections.publicView, { shareId: second })).toMatchObject({ name: "Trip" });
  });
});
