/** `usage:account` (every limit with used / limit / reset) and `usage:summary` (spend by day and model), and the usage rows behind them. */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ACCOUNT_LIMIT_NAMES, getPlan } from "@pixorly/core";
import { api, internal } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { errorOf, newBackend, partnerUser, service, signedIn, type Backend } from "./setup.testing";
import { jobIdOf } from "./jobResult.testing";

const NOW = new Date("2026-12-15T12:00:00Z");
const request = { prompt: "a lighthouse at dawn", model: "local/aurora", parameters: { width: 256, height: 256 } };
let t: Backend;

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(NOW);
  t = newBackend();
});
afterEach(() => vi.useRealTimers());

const image = (n: number, size: number) => ({
  s3Bucket: "pixorly-images",
  s3Key: `images/x/${n}.png`,
  size,
  width: 256,
  height: 256,
  format: "png",
  seed: n,
});

/** Runs a created job through the pipeline's mutations (no provider, no S3): started, then completed with `sizes`. */
async function finish(jobId: Id<"generationJobs">, sizes: number[]) {
  await t.mutation(internal.generation.start, { jobId });
  await t.mutation(internal.generation.complete, { jobId, images: sizes.map((s, n) => image(n, s)) });
}

describe("usage.account", () => {
  it("is null before the caller is provisioned, and needs a signed-in caller for anything else", async () => {
    expect(await signedIn(t, "new").query(api.usage.account, {})).toBeNull();
    expect(await t.query(api.usage.account, {})).toBeNull();
  });

  it("lists every limit of the trial plan with what is used and when it resets", async () => {
    const ada = signedIn(t, "ada");
    await ada.mutation(api.users.ensure, {});
    const jobId = await ada
      .mutation(api.jobs.create, { ...request, parameters: { ...request.parameters, numImages: 2 } })
      .then(jobIdOf);
    const account = (await ada.query(api.usage.account, {}))!;
    const trial = getPlan("trial");
    expect(account).toMatchObject({
      plan: "trial",
      credits: 1998,
      lastGrant: 2000,
      trialEndsAt: NOW.getTime() + 7 * 86_400_000,
    });
    expect(account.limits.map((l) => l.name)).toEqual([...ACCOUNT_LIMIT_NAMES]);
    const byName = Object.fromEntries(account.limits.map((l) => [l.name, l]));
    expect(byName.generationsPerMonth).toEqual({
      name: "generationsPerMonth",
      used: 2,
      limit: 500,
      resetsAt: Date.parse("2027-01-01T00:00:00Z"),
    });
    expect(byName.storageBytes).toEqual({ name: "storageBytes", used: 0, limit: trial.storageBytes, resetsAt: null });
    expect(byName.generationsPerHour).toMatchObject({ name: "generationsPerHour", used: 1, limit: 50 });
    // An hour after the job was created (creation times carry a fraction of a millisecond; rounded up).
    expect(byName.generationsPerHour!.resetsAt! - (NOW.getTime() + 3_600_000)).toBeGreaterThanOrEqual(0);
    expect(byName.generationsPerHour!.resetsAt! - (NOW.getTime() + 3_600_000)).toBeLessThanOrEqual(1);
    expect(byName.apiRequestsPerDay).toEqual({
      name: "apiRequestsPerDay",
      used: 0,
      limit: 1000,
      resetsAt: Date.parse("2026-12-16T00:00:00Z"),
    });
    expect(byName.concurrentJobs).toMatchObject({ used: 1, limit: 10, resetsAt: null });

    await finish(jobId, [1000, 2000]);
    const after = Object.fromEntries((await ada.query(api.usage.account, {}))!.limits.map((l) => [l.name, l]));
    expect(after.storageBytes!.used).toBe(3000);
    expect(after.concurrentJobs!.used).toBe(0);
  });

  it("an enterprise plan shows its unlimited limits as null, and still how many REST requests were made today", async () => {
    const { userId } = await signedIn(t, "big").mutation(api.users.ensure, {});
    await t.mutation(internal.users.updateAccount, { userId, plan: "enterprise" });
    const { id } = await signedIn(t, "big").mutation(api.apiKeys.create, { name: "ci", permissions: ["generate"] });
    for (let i = 0; i < 2; i++) await service(t).mutation(api.apiKeys.countRequest, { keyId: id });
    const account = (await signedIn(t, "big").query(api.usage.account, {}))!;
    expect(account.trialEndsAt).toBeNull();
    const byName = Object.fromEntries(account.limits.map((l) => [l.name, l]));
    expect(byName.generationsPerMonth!.limit).toBeNull();
    expect(byName.apiRequestsPerDay).toMatchObject({ limit: null, used: 2 });
    expect(byName.generationsPerHour!.limit).toBe(1000);
  });

  it("a partner's user sees the partner's shared monthly quota", async () => {
    const { partnerId } = await t.mutation(internal.partners.create, {
      name: "Acme",
      allowedOrigins: ["https://acme.example"],
      allowedScopes: ["generate"],
      quotaPerMonth: 40,
    });
    const ann = partnerUser(t, partnerId, "ann", { pver: 1 });
    const bob = partnerUser(t, partnerId, "bob", { pver: 1 });
    await ann
      .mutation(api.jobs.create, { ...request, parameters: { ...request.parameters, numImages: 3 } })
      .then(jobIdOf);
    await bob.mutation(api.users.ensure, {});
    const account = (await bob.query(api.usage.account, {}))!;
    expect(account.limits[0]).toMatchObject({ name: "generationsPerMonth", used: 3, limit: 40 });
    // The partner pays: no balance, grant or trial of their own.
    expect(account).toMatchObject({ credits: 0, lastGrant: 0, trialEndsAt: null });
  });

  it("counts REST requests of the day across the owner's keys", async () => {
    const ada = signedIn(t, "ada");
    const { id } = await ada.mutation(api.apiKeys.create, { name: "ci", permissions: ["generate"] });
    for (let i = 0; i < 3; i++) await service(t).mutation(api.apiKeys.countRequest, { keyId: id });
    const byName = Object.fromEntries((await ada.query(api.usage.account, {}))!.limits.map((l) => [l.name, l]));
    expect(byName.apiRequestsPerDay!.used).toBe(3);
  });
});

describe("storage accounting", () => {
  it("is exact across jobs that ran at once: the one that would pass the limit fails, refunded, and stores nothing", async () => {
    const ada = signedIn(t, "full");
    const { userId } = await ada.mutation(api.users.ensure, {});
    const limit = getPlan("trial").storageBytes;
    await t.run(async (ctx) => ctx.db.patch(userId, { storageUsed: limit - 100 }));
    const a = await ada.mutation(api.jobs.create, request).then(jobIdOf);
    const b = await ada.mutation(api.jobs.create, request).then(jobIdOf);
    await t.mutation(internal.generation.start, { jobId: a });
    await t.mutation(internal.generation.start, { jobId: b });
    expect(await t.mutation(internal.generation.complete, { jobId: a, images: [image(0, 60)] })).toBe(true);
    expect(await t.mutation(internal.generation.complete, { jobId: b, images: [image(1, 60)] })).toBe(false);
    const failed = (await ada.query(api.jobs.get, { jobId: b }))!;
    expect(failed.status).toBe("failed");
    expect(failed.error).toEqual({
      code: "QUOTA_EXCEEDED",
      message:
        "Your storage limit of 50 GB is used up. Delete some images or upgrade your plan to make room. Your credits were refunded.",
    });
    expect(await ada.query(api.jobs.me, {})).toMatchObject({ storageUsed: limit - 40, credits: 1999 });
    const storage = Object.fromEntries(
      (await ada.query(api.usage.account, {}))!.limits.map((l) => [l.name, l]),
    ).storageBytes!;
    expect(storage).toEqual({ name: "storageBytes", used: limit - 40, limit, resetsAt: null });
  });
});

describe("crossing an hourly limit", () => {
  it("names the limit and when the next generation is possible", async () => {
    const ada = signedIn(t, "hourly");
    const { userId } = await ada.mutation(api.users.ensure, {});
    await t.run(async (ctx) => {
      for (let i = 0; i < 50; i++) {
        await ctx.db.insert("generationJobs", {
          userId,
          prompt: "p",
          model: "local/aurora",
          provider: "local",
          parameters: { width: 64, height: 64, seed: 1, numImages: 1 },
          status: "completed",
          priority: 0,
          reservedCredits: 0,
          resultImageIds: [],
        });
      }
    });
    vi.advanceTimersByTime(10 * 60_000);
    const error = await errorOf(ada.mutation(api.jobs.create, request).then(jobIdOf));
    expect(error.code).toBe("RATE_LIMITED");
    expect(error.message).toBe(
      "Your Pro trial plan allows 50 generations per hour and this hour's are used up. The next one is possible at 13:00 UTC.",
    );
  });
});

describe("usage.summary", () => {
  it.each([0, 91, 1.5, Number.NaN])("refuses days = %s, naming the field", async (days) => {
    const data = await errorOf(signedIn(t, "ada").query(api.usage.summary, { days }));
    expect(data.code).toBe("INVALID_ARGUMENT");
    expect(data.fields?.map((f) => f.field)).toEqual(["days"]);
  });

  it("gives every day with zeros for an account without usage", async () => {
    const summary = await signedIn(t, "idle").query(api.usage.summary, { days: 3 });
    expect(summary.days).toEqual([
      { day: "2026-12-13", credits: 0, generations: 0, apiCalls: 0 },
      { day: "2026-12-14", credits: 0, generations: 0, apiCalls: 0 },
      { day: "2026-12-15", credits: 0, generations: 0, apiCalls: 0 },
    ]);
    expect(summary.byModel).toEqual([]);
    expect(summary.totals).toEqual({ credits: 0, generations: 0, apiCalls: 0 });
  });

  it("sums spend by day and by model, with REST calls, from the usage rows", async () => {
    const ada = signedIn(t, "spender");
    const { id: keyId } = await ada.mutation(api.apiKeys.create, { name: "ci", permissions: ["generate"] });
    const first = await ada
      .mutation(api.jobs.create, { ...request, parameters: { ...request.parameters, numImages: 2 } })
      .then(jobIdOf);
    await finish(first, [100, 200]);
    vi.setSystemTime(new Date("2026-12-16T09:00:00Z"));
    const second = await ada.mutation(api.jobs.create, { ...request, model: "local/mosaic" }).then(jobIdOf);
    await finish(second, [300]);
    const third = await ada.mutation(api.jobs.create, request).then(jobIdOf);
    await finish(third, [400]);
    await service(t).mutation(api.apiKeys.countRequest, { keyId });

    const summary = await ada.query(api.usage.summary, { days: 2 });
    expect(summary.days).toEqual([
      { day: "2026-12-15", credits: 2, generations: 2, apiCalls: 0 },
      { day: "2026-12-16", credits: 2, generations: 2, apiCalls: 1 },
    ]);
    expect(summary.byModel).toEqual([
      { model: "local/aurora", credits: 3, generations: 3 },
      { model: "local/mosaic", credits: 1, generations: 1 },
    ]);
    expect(summary.totals).toEqual({ credits: 4, generations: 4, apiCalls: 1 });
    // One day only: yesterday's spend is outside.
    expect((await ada.query(api.usage.summary, { days: 1 })).totals).toEqual({
      credits: 2,
      generations: 2,
      apiCalls: 1,
    });
    // Another account sees none of it.
    expect((await signedIn(t, "other").query(api.usage.summary, { days: 2 })).totals.credits).toBe(0);
  });

  it("records a usage row per generation, API call and storage change, deletes included", async () => {
    const ada = signedIn(t, "rows");
    const { id: keyId } = await ada.mutation(api.apiKeys.create, { name: "ci", permissions: ["generate"] });
    const jobId = await ada.mutation(api.jobs.create, request).then(jobIdOf);
    await finish(jobId, [5000]);
    await service(t).mutation(api.apiKeys.countRequest, { keyId });
    const [imageId] = (await ada.query(api.jobs.get, { jobId }))!.resultImageIds;
    await ada.mutation(api.images.remove, { id: imageId! });
    const rows = await t.run(async (ctx) => ctx.db.query("usageEvents").collect());
    expect(rows.map(({ kind, credits, images, bytes }) => ({ kind, credits, images, bytes }))).toEqual([
      { kind: "generation", credits: 1, images: 1, bytes: 0 },
      { kind: "storage", credits: 0, images: 0, bytes: 5000 },
      { kind: "apiCall", credits: 0, images: 0, bytes: 0 },
      { kind: "storage", credits: 0, images: 0, bytes: -5000 },
    ]);
    expect((await ada.query(api.jobs.me, {}))!.storageUsed).toBe(0);
  });
});
