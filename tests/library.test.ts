/**
 * The image library end to end: convex-local running convex/, s3rver, real generated images, the
 * official clients. Search with filters, collections (order, sharing), bulk delete down to S3.
 */
import { HeadObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { ConvexHttpClient, type ConvexClient } from "convex/browser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api } from "../convex/_generated/api.js";
import type { Doc } from "../convex/_generated/dataModel.js";
import { waitFor } from "../packages/convex-local/test/harness.js";
import { codeOf, startBackendStack, type BackendStack } from "./stack.js";
import { jobIdOf } from "../convex/jobResult.testing";

let stack: BackendStack;
let server: BackendStack["server"];
let s3: BackendStack["s3"];
const clientFor = (sub: string) => stack.clientFor(sub);

const firstPage = { numItems: 50, cursor: null };
/** How long background work (renders, S3 deletes) may take before a wait gives up. */
const SLOW_MS = 60_000;
/** A small library: five real images from two local models, named by their prompt. */
const SEED: [string, string][] = [
  ["red fox in snow", "local/aurora"],
  ["red barn at dusk", "local/mosaic"],
  ["blue whale", "local/aurora"],
  ["red panda", "local/mosaic"],
  ["green forest", "local/aurora"],
];
let owner: ConvexClient;
const byPrompt = new Map<string, Doc<"images">>();
const image = (prompt: string) => byPrompt.get(prompt)!._id;

beforeAll(async () => {
  stack = await startBackendStack("library");
  ({ server, s3 } = stack);
  owner = await clientFor("librarian");
  const jobs = [];
  for (const [n, [prompt, model]] of SEED.entries()) {
    jobs.push(
      await owner
        .mutation(api.jobs.create, { prompt, model, parameters: { width: 64, height: 64, seed: n } })
        .then(jobIdOf),
    );
  }
  for (const jobId of jobs) {
    // Generous: this is setup, not a timing assertion, and a loaded CI machine renders slowly.
    await waitFor(
      async () => (await owner.query(api.jobs.get, { jobId }))?.status === "completed",
      "the seed jobs",
      SLOW_MS,
    );
  }
  for (const doc of (await owner.query(api.images.list, { paginationOpts: firstPage })).page)
    byPrompt.set(doc.prompt, doc);
  expect(byPrompt.size).toBe(SEED.length);
}, 4 * SLOW_MS);
afterAll(() => stack?.close());

describe("image library", () => {
  it("search finds by prompt words, combined with a model filter and with favorites", async () => {
    const search = async (filters: Record<string, unknown>) =>
      (await owner.query(api.images.search, { text: "red", paginationOpts: firstPage, ...filters })).page
        .map((i) => i.prompt)
        .sort();
    expect(await search({})).toEqual(["red barn at dusk", "red fox in snow", "red panda"]);
    expect(await search({ model: "local/mosaic" })).toEqual(["red barn at dusk", "red panda"]);
    await owner.mutation(api.images.setFavorite, { ids: [image("red panda"), image("blue whale")], favorite: true });
    expect(await search({ favorite: true })).toEqual(["red panda"]);
    const stranger = await clientFor("stranger-search");
    expect((await stranger.query(api.images.search, { text: "red", paginationOpts: firstPage })).page).toEqual([]);
  });

  it("a collection's order persists across a reload, and another user's collection id is not found", async () => {
    const id = await owner.mutation(api.collections.create, { name: "Reds" });
    await owner.mutation(api.collections.addImages, {
      id,
      imageIds: ["red fox in snow", "red barn at dusk", "red panda"].map(image),
    });
    await owner.mutation(api.collections.move, {
      id,
      imageId: image("red panda"),
      beforeImageId: image("red fox in snow"),
    });
    // A new connection, as after a page reload.
    const reloaded = await clientFor("librarian");
    const order = (await reloaded.query(api.collections.images, { id, paginationOpts: firstPage })).page.map(
      (i) => i.prompt,
    );
    expect(order).toEqual(["red panda", "red fox in snow", "red barn at dusk"]);

    const stranger = await clientFor("stranger-collections");
    expect(await stranger.query(api.collections.get, { id })).toBeNull();
    expect(await codeOf(stranger.query(api.collections.images, { id, paginationOpts: firstPage }))).toBe("NOT_FOUND");
    expect(await codeOf(stranger.mutation(api.collections.addImages, { id, imageIds: [] }))).toBe("NOT_FOUND");
    expect(await codeOf(stranger.query(api.images.list, { paginationOpts: firstPage, collectionId: id }))).toBe(
      "NOT_FOUND",
    );
  });

  it("a public collection shows its public images to anyone, never its private ones", async () => {
    const id = await owner.mutation(api.collections.create, { name: "Shared" });
    await owner.mutation(api.collections.addImages, { id, imageIds: [image("blue whale"), image("green forest")] });
    await owner.mutation(api.images.setVisibility, { ids: [image("green forest")], isPublic: true });
    const { shareId } = await owner.mutation(api.collections.setVisibility, { id, isPublic: true });
    const anyone = new ConvexHttpClient(server.url);
    expect(await anyone.query(api.collections.publicView, { shareId: shareId! })).toMatchObject({ name: "Shared" });
    const shown = (await anyone.query(api.collections.publicImages, { shareId: shareId!, paginationOpts: firstPage }))
      .page;
    expect(shown.map((i) => i._id)).toEqual([image("green forest")]);
    await owner.mutation(api.collections.setVisibility, { id, isPublic: false });
    expect(await anyone.query(api.collections.publicView, { shareId: shareId! })).toBeNull();
  });

  it(
    "bulk delete removes the documents and the S3 objects and frees the storage",
    { timeout: 2 * SLOW_MS },
    async () => {
      const doomed = [byPrompt.get("blue whale")!, byPrompt.get("red barn at dusk")!];
      const s3client = new S3Client({
        endpoint: s3.endpoint,
        forcePathStyle: true,
        region: "us-east-1",
        credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
      });
      const exists = (key: string) =>
        s3client.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: key })).then(
          () => true,
          () => false,
        );
      for (const doc of doomed) expect(await exists(doc.s3Key)).toBe(true);
      const before = (await owner.query(api.jobs.me, {}))!.storageUsed;

      const stranger = await clientFor("stranger-delete");
      expect(await stranger.mutation(api.images.removeMany, { ids: doomed.map((d) => d._id) })).toEqual({
        removed: 0,
        scheduled: 0,
      });
      expect(await owner.mutation(api.images.removeMany, { ids: doomed.map((d) => d._id) })).toEqual({
        removed: 2,
        scheduled: 0,
      });

      for (const doc of doomed) expect(await owner.query(api.images.get, { imageId: doc._id })).toBeNull();
      expect((await owner.query(api.jobs.me, {}))!.storageUsed).toBe(before - doomed[0]!.size - doomed[1]!.size);
      await waitFor(
        async () => !(await exists(doomed[0]!.s3Key)) && !(await exists(doomed[1]!.s3Key)),
        "the S3 objects to go",
        SLOW_MS,
      );
      expect(await exists(byPrompt.get("red panda")!.s3Key)).toBe(true);
      const left = (await owner.query(api.images.list, { paginationOpts: firstPage })).page.map((i) => i.prompt);
      expect(left.sort()).toEqual(["green forest", "red fox in snow", "red panda"]);
    },
  );
});
