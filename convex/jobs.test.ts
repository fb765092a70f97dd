import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api, internal } from "./_generated/api";
import { GENERATION_LIMITS } from "@pixorly/core";
import { newBackend, signedIn, type Backend, errorOf } from "./setup.testing";
import { jobIdOf } from "./jobResult.testing";

const request = {
  prompt: "a red fox in the snow",
  model: "local/aurora",
  parameters: { width: 256, height: 256, seed: 1 },
};
let t: Backend;

// Scheduled generation runs stay queued (fake timers): these tests are about the mutations and queries.
beforeEach(() => {
  vi.useFakeTimers();
  t = newBackend();
});
afterEach(() => vi.useRealTimers());

describe("jobs.create", () => {
  it("provisions the caller, reserves the estimate and queues a pending job", async () => {
    const ada = signedIn(t, "ada");
    const jobId = await ada
      .mutation(api.jobs.create, { ...request, parameters: { ...request.parameters, numImages: 3 } })
      .then(jobIdOf);
    const job = await ada.query(api.jobs.get, { jobId });
    expect(job).toMatchObject({
      status: "pending",
      reservedCredits: 3,
      model: "local/aurora",
      provider: "local",
      queuePosition: 1,
    });
    expect(await ada.query(api.jobs.me, {})).toMatchObject({ plan: "trial", credits: 2000 - 3 });
    expect(job!.scheduledId).toBeDefined();
  });

  it("requires a signed-in caller and the generate scope", async () => {
    expect((await errorOf(t.mutation(api.jobs.create, request).then(jobIdOf))).code).toBe("UNAUTHENTICATED");
    expect(
      (await errorOf(signedIn(t, "reader", ["images:read"]).mutation(api.jobs.create, request).then(jobIdOf))).code,
    ).toBe("FORBIDDEN");
    await expect(signedIn(t, "gen", ["generate"]).mutation(api.jobs.create, request).then(jobIdOf)).resolves.toBeTypeOf(
      "string",
    );
  });

  it.each([
    [{ ...request, prompt: "" }, "prompt"],
    [{ ...request, prompt: "x".repeat(2001) }, "prompt"],
    [{ ...request, model: "nobody/nothing" }, "model"],
    [{ ...request, parameters: { width: 4096, height: 256 } }, "parameters.width"],
    [{ ...request, parameters: { width: 256, height: 256, numImages: 0 } }, "parameters.numImages"],
    [{ ...request, parameters: { width: 256, height: 256, steps: 20 } }, "parameters.steps"],
    [{ ...request, negativePrompt: "blurry" }, "negativePrompt"],
  ])("rejects bad input %#, naming the field, and charges nothing", async (args, field) => {
    const bob = signedIn(t, "bob");
    const data = await errorOf(bob.mutation(api.jobs.create, args).then(jobIdOf));
    expect(data.code).toBe("INVALID_ARGUMENT");
    expect(data.fields?.map((f) => f.field)).toContain(field);
    expect((await bob.query(api.jobs.me, {}))?.credits ?? 2000).toBe(2000);
  });

  it("moderation refuses a banned prompt", async () => {
    expect(
      (
        await errorOf(
          signedIn(t, "m")
            .mutation(api.jobs.create, { ...request, prompt: "how to plan a beheading" })
            .then(jobIdOf),
        )
      ).code,
    ).toBe("MODERATION_REJECTED");
  });

  it("the same idempotency key returns the same job once", async () => {
    const c = signedIn(t, "idem");
    const a = await c.mutation(api.jobs.create, { ...request, idempotencyKey: "k1" }).then(jobIdOf);
    expect(await c.mutation(api.jobs.create, { ...request, idempotencyKey: "k1" }).then(jobIdOf)).toBe(a);
    expect((await c.query(api.jobs.me, {}))!.credits).toBe(1999);
  });

  it("the same idempotency key with a different request is a conflict naming the key", async () => {
    const c = signedIn(t, "careful");
    const a = await c.mutation(api.jobs.create, { ...request, idempotencyKey: "k1" }).then(jobIdOf);
    for (const changed of [
      { ...request, prompt: "a grey fox" },
      { ...request, parameters: { ...request.parameters, seed: 2 } },
      { ...request, parameters: { ...request.parameters, numImages: 2 } },
      { ...request, model: "local/mosaic" },
    ]) {
      const error = await errorOf(c.mutation(api.jobs.create, { ...changed, idempotencyKey: "k1" }).then(jobIdOf));
      expect(error).toMatchObject({ code: "IDEMPOTENCY_CONFLICT", message: expect.stringContaining('"k1"') });
    }
    // The same request, spelled with the prompt un-normalised, is still the same request.
    expect(
      await c
        .mutation(api.jobs.create, { ...request, prompt: ` ${request.prompt}\u200B `, idempotencyKey: "k1" })
        .then(jobIdOf),
    ).toBe(a);
  });

  it("stores the prompt normalised and refuses one that is only invisible characters", async () => {
    const c = signedIn(t, "typist");
    const jobId = await c
      .mutation(api.jobs.create, { ...request, prompt: "cafe\u0301\u0000 at\u200B dusk\uD800" })
      .then(jobIdOf);
    expect((await c.query(api.jobs.get, { jobId }))!.prompt).toBe("caf\u00E9 at dusk");
    const error = await errorOf(
      c.mutation(api.jobs.create, { ...request, prompt: "\u200B\u2060\uFEFF" }).then(jobIdOf),
    );
    expect(error).toMatchObject({
      code: "INVALID_ARGUMENT",
      fields: [{ field: "prompt", message: "Prompt must not be blank" }],
    });
  });

  it("allows at most 10 active jobs", async () => {
    const c = signedIn(t, "busy");
    for (let i = 0; i < GENERATION_LIMITS.activeJobsPerUser; i++)
      await c.mutation(api.jobs.create, request).then(jobIdOf);
    expect((await errorOf(c.mutation(api.jobs.create, request).then(jobIdOf))).code).toBe("TOO_MANY_ACTIVE_JOBS");
  });

  it("refuses a job the balance cannot cover", async () => {
    const c = signedIn(t, "poor");
    const { userId } = await c.mutation(api.users.ensure, {});
    await t.mutation(internal.users.updateAccount, { userId, credits: 1 });
    expect((await errorOf(c.mutation(api.jobs.create, { ...request, model: "local/nebula" }).then(jobIdOf))).code).toBe(
      "INSUFFICIENT_CREDITS",
    );
    expect((await c.query(api.jobs.me, {}))!.credits).toBe(1);
  });

  it("operators cannot set a negative or fractional balance, and nothing changes", async () => {
    const c = signedIn(t, "audited");
    const { userId } = await c.mutation(api.users.ensure, {});
    for (const credits of [-1, 1.5]) {
      await expect(t.mutation(internal.users.updateAccount, { userId, credits })).rejects.toThrow(
        /non-negative whole number/,
      );
    }
    expect((await c.query(api.jobs.me, {}))!.credits).toBe(2000);
  });

  it("rate-limits per plan and hour", async () => {
    const c = signedIn(t, "hasty");
    const { userId } = await c.mutation(api.users.ensure, {});
    // 50 per hour on the trial: fill the hour with finished jobs.
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
          reservedCredits: 1,
          resultImageIds: [],
        });
      }
    });
    expect((await errorOf(c.mutation(api.jobs.create, request).then(jobIdOf))).code).toBe("RATE_LIMITED");
  });
});

describe("reading and cancelling", () => {
  it("another user's job is null to read and not found to cancel", async () => {
    const jobId = await signedIn(t, "owner").mutation(api.jobs.create, request).then(jobIdOf);
    const other = signedIn(t, "other");
    expect(await other.query(api.jobs.get, { jobId })).toBeNull();
    expect((await errorOf(other.mutation(api.jobs.cancel, { jobId }))).code).toBe("NOT_FOUND");
    expect((await errorOf(other.mutation(api.jobs.retry, { jobId }))).code).toBe("NOT_FOUND");
    expect(await other.query(api.jobs.get, { jobId: "not-an-id" })).toBeNull();
    expect(await t.query(api.jobs.get, { jobId })).toBeNull();
  });

  it("cancel refunds, and a second cancel is a conflict", async () => {
    const c = signedIn(t, "canceller");
    const jobId = await c.mutation(api.jobs.create, { ...request, model: "local/nebula" }).then(jobIdOf);
    await c.mutation(api.jobs.cancel, { jobId });
    expect(await c.query(api.jobs.get, { jobId })).toMatchObject({ status: "cancelled" });
    expect((await c.query(api.jobs.me, {}))!.credits).toBe(2000);
    expect((await errorOf(c.mutation(api.jobs.cancel, { jobId }))).code).toBe("CONFLICT");
  });

  it("list pages the caller's jobs newest first, and filters by status through the index", async () => {
    const c = signedIn(t, "lister");
    const first = await c.mutation(api.jobs.create, request).then(jobIdOf);
    const second = await c.mutation(api.jobs.create, request).then(jobIdOf);
    await c.mutation(api.jobs.cancel, { jobId: first });
    await signedIn(t, "someone else").mutation(api.jobs.create, request).then(jobIdOf);
    const all = await c.query(api.jobs.list, { paginationOpts: { numItems: 10, cursor: null } });
    expect(all.page.map((job) => job._id)).toEqual([second, first]);
    const cancelled = await c.query(api.jobs.list, {
      paginationOpts: { numItems: 10, cursor: null },
      status: "cancelled",
    });
    expect(cancelled.page.map((job) => job._id)).toEqual([first]);
    const pending = await c.query(api.jobs.list, { paginationOpts: { numItems: 10, cursor: null }, status: "pending" });
    expect(pending.page.map((job) => job._id)).toEqual([second]);
  });

  it("listActive gives queue positions in order, Enterprise first", async () => {
    process.env.PIXORLY_MAX_IN_FLIGHT = "1";
    try {
      const basic = signedIn(t, "basic");
      const a = await basic.mutation(api.jobs.create, request).then(jobIdOf);
      const b = await basic.mutation(api.jobs.create, request).then(jobIdOf);
      const boss = signedIn(t, "boss");
      const { userId } = await boss.mutation(api.users.ensure, {});
      await t.mutation(internal.users.updateAccount, { userId, plan: "enterprise" });
      const e = await boss.mutation(api.jobs.create, request).then(jobIdOf);
      const positions = Object.fromEntries(
        (await basic.query(api.jobs.listActive, {})).map((j) => [j._id, j.queuePosition]),
      );
      expect(positions).toEqual({ [a]: 2, [b]: 3 });
      expect((await boss.query(api.jobs.get, { jobId: e }))!.queuePosition).toBe(1);
      // The Enterprise job waits for the slot the older job already holds: never two in flight with N = 1.
      const holders = await t.run(async (ctx) =>
        (await ctx.db.query("generationJobs").collect()).filter(
          (job) => (job.status === "pending" && job.scheduledId) || job.status === "processing",
        ),
      );
      expect(holders.map((job) => job._id)).toEqual([a]);
    } finally {
      delete process.env.PIXORLY_MAX_IN_FLIGHT;
    }
  });
});
