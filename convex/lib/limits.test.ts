/** Billing limits in `createJob`: trial end, monthly generations, a partner's shared quota, storage. */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { BYTES_PER_GB, getPlan } from "@pixorly/core";
import { api, internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { errorOf, newBackend, partnerUser, signedIn, type Backend } from "../setup.testing";
import { monthOf, monthResetDate } from "./limits";
import { jobIdOf } from "../jobResult.testing";

const request = { prompt: "a quiet harbour", model: "local/aurora", parameters: { width: 256, height: 256 } };
const NOW = new Date("2026-12-15T12:00:00Z");
let t: Backend;

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(NOW);
  t = newBackend();
});
afterEach(() => vi.useRealTimers());

/** Seeds a month's generation count directly: cheaper than creating hundreds of jobs. */
async function seedCount(owner: string, images: number) {
  await t.run(async (ctx) => {
    await ctx.db.insert("generationCounts", { owner, month: monthOf(Date.now()), images });
  });
}

async function proUser(name: string): Promise<{ caller: ReturnType<typeof signedIn>; userId: Id<"users"> }> {
  const caller = signedIn(t, name);
  const { userId } = await caller.mutation(api.users.ensure, {});
  await t.mutation(internal.users.updateAccount, { userId, plan: "pro", credits: 10_000 });
  return { caller, userId };
}

describe("month boundaries (UTC)", () => {
  it("keys by calendar month and resets on the 1st of the next", () => {
    expect(monthOf(Date.parse("2026-12-31T23:59:59Z"))).toBe("2026-12");
    expect(monthResetDate(Date.parse("2026-12-31T23:59:59Z"))).toBe("2027-01-01");
    expect(monthResetDate(Date.parse("2027-01-01T00:00:00Z"))).toBe("2027-02-01");
  });
});

describe("createJob's billing limits", () => {
  it("refuses a trial that has ended, naming the day it ended", async () => {
    const c = signedIn(t, "lapsed");
    await c.mutation(api.jobs.create, request).then(jobIdOf);
    vi.setSystemTime(new Date(NOW.getTime() + 7 * 86_400_000));
    const error = await errorOf(c.mutation(api.jobs.create, request).then(jobIdOf));
    expect(error).toMatchObject({ code: "TRIAL_EXPIRED", message: expect.stringContaining("ended on 2026-12-22") });
  });

  it("refuses the 501st Pro generation of the month, naming the limit and the reset date", async () => {
    const { caller, userId } = await proUser("prolific");
    await seedCount(`user:${userId}`, 499);
    await expect(caller.mutation(api.jobs.create, request).then(jobIdOf)).resolves.toBeTypeOf("string");
    const error = await errorOf(caller.mutation(api.jobs.create, request).then(jobIdOf));
    expect(error.code).toBe("MONTHLY_LIMIT");
    expect(error.message).toContain(`${getPlan("pro").generationsPerMonth} generations per month`);
    expect(error.message).toContain("resets on 2027-01-01");
    // A new month starts from zero.
    vi.setSystemTime(new Date("2027-01-01T00:00:01Z"));
    await expect(caller.mutation(api.jobs.create, request).then(jobIdOf)).resolves.toBeTypeOf("string");
  });

  it("counts requested images, and gives a cancelled job's back", async () => {
    const { caller, userId } = await proUser("batch");
    await seedCount(`user:${userId}`, 497);
    const many = { ...request, parameters: { ...request.parameters, numImages: 4 } };
    expect((await errorOf(caller.mutation(api.jobs.create, many).then(jobIdOf))).message).toContain(
      "3 left, this job asks for 4",
    );
    const jobId = await caller
      .mutation(api.jobs.create, { ...request, parameters: { ...request.parameters, numImages: 3 } })
      .then(jobIdOf);
    expect((await errorOf(caller.mutation(api.jobs.create, request).then(jobIdOf))).code).toBe("MONTHLY_LIMIT");
    await caller.mutation(api.jobs.cancel, { jobId });
    await expect(caller.mutation(api.jobs.create, request).then(jobIdOf)).resolves.toBeTypeOf("string");
  });

  it("a partner's quota is shared by all its users, and they pay no credits of their own", async () => {
    const { partnerId } = await t.mutation(internal.partners.create, {
      name: "Acme",
      allowedOrigins: ["https://acme.example"],
      allowedScopes: ["generate"],
      quotaPerMonth: 3,
    });
    const ann = partnerUser(t, partnerId, "ann", { pver: 1 });
    const bob = partnerUser(t, partnerId, "bob", { pver: 1 });
    const first = await ann.mutation(api.jobs.create, request).then(jobIdOf);
    await ann.mutation(api.jobs.create, request).then(jobIdOf);
    await bob.mutation(api.jobs.create, request).then(jobIdOf);
    const error = await errorOf(bob.mutation(api.jobs.create, request).then(jobIdOf));
    expect(error.code).toBe("PARTNER_QUOTA_EXCEEDED");
    expect(error.message).toMatch(/quota of 3 generations.*resets on 2027-01-01/);
    expect(await ann.query(api.jobs.get, { jobId: first })).toMatchObject({ reservedCredits: 0 });
    expect(await bob.query(api.jobs.me, {})).toMatchObject({ plan: "pro", credits: 0 });
  });

  it("without an agreed quota, a partner's users share the partner plan's monthly generations", async () => {
    const { partnerId } = await t.mutation(internal.partners.create, {
      name: "Acme",
      allowedOrigins: ["https://acme.example"],
      allowedScopes: ["generate"],
    });
    await seedCount(`partner:${partnerId}`, getPlan("pro").generationsPerMonth!);
    const error = await errorOf(
      partnerUser(t, partnerId, "new-user", { pver: 1 }).mutation(api.jobs.create, request).then(jobIdOf),
    );
    expect(error.code).toBe("PARTNER_QUOTA_EXCEEDED");
  });

  it("refuses a generation when storage is full", async () => {
    const { caller, userId } = await proUser("hoarder");
    await t.run(async (ctx) => await ctx.db.patch(userId, { storageUsed: 50 * BYTES_PER_GB }));
    const error = await errorOf(caller.mutation(api.jobs.create, request).then(jobIdOf));
    expect(error).toMatchObject({ code: "QUOTA_EXCEEDED", message: expect.stringContaining("50 GB") });
  });
});
