/** Archival: stale Pro images are flagged (and moved to the archive storage class where configured); opening one brings it back. */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api, internal } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { ACCESS_RESOLUTION_MS, ARCHIVE_AFTER_MS } from "./archival";
import { firstPage, seedImages } from "./library.testing";
import { archiveStorageClass } from "./lib/s3";
import { newBackend, type Backend } from "./setup.testing";

const DAY_MS = 86_400_000;
const START = Date.UTC(2026, 0, 1);
let t: Backend;

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(START);
  t = newBackend();
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

async function setPlan(userId: Id<"users">, plan: "trial" | "pro") {
  await t.run(async (ctx) => ctx.db.patch(userId, { plan }));
}

async function sweep() {
  await t.mutation(internal.archival.sweep, {});
  await t.finishAllScheduledFunctions(vi.runAllTimers);
}

const imageOf = (id: Id<"images">) => t.run(async (ctx) => (await ctx.db.get(id))!);

describe("the archival sweep", () => {
  it("archives a Pro user's image unopened for 91 days, and leaves recent, recently opened and public ones", async () => {
    vi.stubEnv("S3_ARCHIVE_STORAGE_CLASS", "none");
    const { caller, userId, ids } = await seedImages(t, "pro", [
      { prompt: "old" },
      { prompt: "old but opened" },
      { prompt: "old and public" },
    ]);
    await setPlan(userId, "pro");
    await t.mutation(internal.images.setPublic, { id: ids[2]!, isPublic: true });
    vi.advanceTimersByTime(80 * DAY_MS);
    await caller.mutation(api.images.delivery, { ids: [ids[1]!] });
    const recent = await seedImages(t, "pro", [{ prompt: "recent" }]);
    vi.advanceTimersByTime(11 * DAY_MS);

    await sweep();
    const [old, opened, publicOne] = await Promise.all(ids.map(imageOf));
    expect(old.archivedAt).toBe(Date.now());
    expect(opened.archivedAt).toBeUndefined();
    expect(publicOne.archivedAt).toBeUndefined();
    expect((await imageOf(recent.ids[0]!)).archivedAt).toBeUndefined();
    // Nothing to move offline ("none"): no storage-class run was scheduled.
    expect(
      await t.run(async (ctx) =>
        (await ctx.db.system.query("_scheduled_functions").collect()).filter((f) =>
          f.name.includes("applyStorageClass"),
        ),
      ),
    ).toEqual([]);
  });

  it("leaves a trial user's old images alone", async () => {
    const { ids } = await seedImages(t, "trial-user", [{ prompt: "old" }]);
    vi.advanceTimersByTime(ARCHIVE_AFTER_MS + DAY_MS);
    await sweep();
    expect((await imageOf(ids[0]!)).archivedAt).toBeUndefined();
  });

  it("works through a user's images in batches", async () => {
    const { userId, ids } = await seedImages(
      t,
      "many",
      Array.from({ length: 230 }, (_, n) => ({ prompt: `image ${n}` })),
    );
    await setPlan(userId, "pro");
    vi.advanceTimersByTime(ARCHIVE_AFTER_MS + DAY_MS);
    expect(await t.mutation(internal.archival.archiveUser, { userId, now: Date.now(), cursor: null })).toBe(200);
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    const images = await Promise.all(ids.map(imageOf));
    expect(images.filter((i) => i.archivedAt !== undefined)).toHaveLength(230);
  });

  it("schedules the storage-class change when the bucket has an archive class", async () => {
    vi.stubEnv("S3_ARCHIVE_STORAGE_CLASS", "GLACIER_IR");
    const { userId } = await seedImages(t, "aws", [{ prompt: "old" }]);
    await setPlan(userId, "pro");
    vi.advanceTimersByTime(ARCHIVE_AFTER_MS + DAY_MS);
    await t.mutation(internal.archival.sweep, {});
    await t.finishInProgressScheduledFunctions();
    vi.runOnlyPendingTimers();
    await t.finishInProgressScheduledFunctions();
    const scheduled = await t.run(async (ctx) => await ctx.db.system.query("_scheduled_functions").collect());
    expect(scheduled.map((f) => f.name)).toContain("archival:applyStorageClass");
  });
});

describe("an archived image", () => {
  async function archived() {
    vi.stubEnv("S3_ARCHIVE_STORAGE_CLASS", "none");
    const seeded = await seedImages(t, "ada", [{ prompt: "a lighthouse" }]);
    await setPlan(seeded.userId, "pro");
    vi.advanceTimersByTime(ARCHIVE_AFTER_MS + DAY_MS);
    await sweep();
    return seeded;
  }

  it("shows archivedAt in the library and the lightbox", async () => {
    const { caller, ids } = await archived();
    const [row] = (await caller.query(api.images.list, { paginationOpts: firstPage() })).page;
    expect(row!.archivedAt).toBe(Date.now());
    expect((await caller.query(api.images.get, { imageId: ids[0]! }))!.archivedAt).toBe(Date.now());
  });

  it("is still delivered, and opening it un-archives it and records the access", async () => {
    const { caller, ids } = await archived();
    vi.advanceTimersByTime(5000);
    expect(await caller.mutation(api.images.delivery, { ids: [ids[0]!] })).toMatchObject([
      { id: ids[0], format: "png" },
    ]);
    const image = await imageOf(ids[0]!);
    expect(image.archivedAt).toBeUndefined();
    expect(image.lastAccessedAt).toBe(Date.now());
  });
});

describe("recording access", () => {
  it("writes the access time at most once an hour per image", async () => {
    const { caller, ids } = await seedImages(t, "ada", [{ prompt: "a" }]);
    vi.advanceTimersByTime(2 * ACCESS_RESOLUTION_MS);
    await caller.mutation(api.images.delivery, { ids });
    const first = (await imageOf(ids[0]!)).lastAccessedAt;
    expect(first).toBe(Date.now());
    vi.advanceTimersByTime(ACCESS_RESOLUTION_MS / 2);
    await caller.mutation(api.images.delivery, { ids });
    expect((await imageOf(ids[0]!)).lastAccessedAt).toBe(first);
    vi.advanceTimersByTime(ACCESS_RESOLUTION_MS);
    await caller.mutation(api.images.delivery, { ids });
    expect((await imageOf(ids[0]!)).lastAccessedAt).toBe(Date.now());
  });

  it("never touches someone else's image", async () => {
    const { ids } = await seedImages(t, "ada", [{ prompt: "a" }]);
    const bob = await seedImages(t, "bob", []);
    vi.advanceTimersByTime(2 * ACCESS_RESOLUTION_MS);
    expect(await bob.caller.mutation(api.images.delivery, { ids })).toEqual([]);
    expect((await imageOf(ids[0]!)).lastAccessedAt).toBeUndefined();
  });
});

describe("archiveStorageClass (configuration)", () => {
  it.each([
    [{}, null],
    [{ S3_ENDPOINT: "http://127.0.0.1:4569", AWS_ACCESS_KEY_ID: "k", AWS_SECRET_ACCESS_KEY: "s" }, null],
    [{ AWS_ACCESS_KEY_ID: "k", AWS_SECRET_ACCESS_KEY: "s" }, "GLACIER_IR"],
    [{ AWS_ACCESS_KEY_ID: "k", AWS_SECRET_ACCESS_KEY: "s", S3_ARCHIVE_STORAGE_CLASS: "none" }, null],
    [{ S3_ENDPOINT: "http://127.0.0.1:4569", S3_ARCHIVE_STORAGE_CLASS: "GLACIER" }, "GLACIER"],
  ])("%o → %s", (env, expected) => {
    expect(archiveStorageClass(env as NodeJS.ProcessEnv)).toBe(expected);
  });
});
