import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api, internal } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { COUNT_CAP } from "./metrics";
import { newBackend, service, signedIn, errorOf, type Backend } from "./setup.testing";
import { jobIdOf } from "./jobResult.testing";

const request = {
  prompt: "a red fox in the snow",
  model: "local/aurora",
  parameters: { width: 256, height: 256, seed: 1 },
};
const image = { s3Bucket: "b", s3Key: "k/0.png", size: 10, width: 256, height: 256, format: "png", seed: 1 };
let t: Backend;

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date("2026-12-03T10:15:00Z"));
  t = newBackend();
});
afterEach(() => vi.useRealTimers());

async function finish(jobId: Id<"generationJobs">, outcome: "completed" | "failed", runMs = 0) {
  await t.mutation(internal.generation.start, { jobId });
  vi.advanceTimersByTime(runMs);
  if (outcome === "completed")
    await t.mutation(internal.generation.complete, { jobId, images: [{ ...image, s3Key: `${jobId}/0.png` }] });
  else await t.mutation(internal.generation.fail, { jobId, code: "PROVIDER_ERROR", message: "down" });
}

describe("metrics.operations", () => {
  it("counts finished generations per model with their durations, the queue per provider and the webhook backlog", async () => {
    const ada = signedIn(t, "ada");
    const a = await ada.mutation(api.jobs.create, request).then(jobIdOf);
    const b = await ada.mutation(api.jobs.create, request).then(jobIdOf);
    const c = await ada.mutation(api.jobs.create, request).then(jobIdOf);
    await ada.mutation(api.jobs.create, request).then(jobIdOf); // left unfinished: the queue hands it to a run
    await finish(a, "completed", 2_000);
    await finish(b, "completed", 4_000);
    await finish(c, "failed");
    // One delivery waiting for a retry, due a minute ago.
    const userId = await t.run(async (ctx) => (await ctx.db.query("users").first())!._id);
    const ep = await t.run((ctx) =>
      ctx.db.insert("webhookEndpoints", {
        userId,
        url: "https://hooks.test/x",
        events: [],
        secret: "whsec_x",
        enabled: true,
        createdAt: 0,
        failedMessages: 0,
      }),
    );
    await t.run((ctx) =>
      ctx.db.insert("webhookDeliveries", {
        userId,
        endpointId: ep,
        messageId: "msg_1",
        eventType: "generation.completed",
        payload: "{}",
        status: "pending",
        attempts: 1,
        createdAt: Date.now() - 120_000,
        nextAttemptAt: Date.now() - 60_000,
      }),
    );

    const ops = await service(t).query(api.metrics.operations, {});
    expect(ops.generations).toEqual([
      { model: "local/aurora", completed: 2, failed: 1, durationMsSum: 6_000, durationCount: 2 },
    ]);
    expect(ops.hourly).toHaveLength(24);
    expect(ops.hourly.at(-1)).toEqual({ hour: "2026-12-03T10", rows: ops.generations });
    expect(ops.hourly[0]).toEqual({ hour: "2026-12-02T11", rows: [] });
    expect(ops.queue).toEqual([
      { provider: "local", pending: 0, processing: 1 },
      { provider: "openrouter", pending: 0, processing: 0 },
    ]);
    expect(ops.webhooks).toEqual({ pending: 1, overdueMs: 60_000 });
    expect(ops.capped).toBe(false);
    // Operators read the same snapshot with the admin key (`metrics:overview`, internal).
    expect(await t.query(internal.metrics.overview, {})).toEqual(ops);

    // Totals keep growing; hours roll over.
    vi.setSystemTime(new Date("2026-12-04T12:00:00Z"));
    const d = await ada.mutation(api.jobs.create, request).then(jobIdOf);
    await finish(d, "failed");
    const later = await service(t).query(api.metrics.operations, {});
    expect(later.generations).toEqual([
      { model: "local/aurora", completed: 2, failed: 2, durationMsSum: 6_000, durationCount: 2 },
    ]);
    expect(later.hourly.flatMap((h) => h.rows)).toEqual([
      { model: "local/aurora", completed: 0, failed: 1, durationMsSum: 0, durationCount: 0 },
    ]);
  });

  it("stops counting at the cap and says the count is a lower bound", async () => {
    const ada = signedIn(t, "ada");
    await ada.mutation(api.jobs.create, request).then(jobIdOf);
    const userId = await t.run(async (ctx) => (await ctx.db.query("users").first())!._id);
    await t.run(async (ctx) => {
      const endpointId = await ctx.db.insert("webhookEndpoints", {
        userId,
        url: "https://hooks.test/x",
        events: [],
        secret: "whsec_x",
        enabled: true,
        createdAt: 0,
        failedMessages: 0,
      });
      for (let i = 0; i < COUNT_CAP + 5; i++) {
        await ctx.db.insert("webhookDeliveries", {
          userId,
          endpointId,
          messageId: `msg_${i}`,
          eventType: "credit.low",
          payload: "{}",
          status: "pending",
          attempts: 0,
          createdAt: 0,
          nextAttemptAt: Date.now() + i,
        });
      }
    });
    const ops = await service(t).query(api.metrics.operations, {});
    expect(ops.webhooks.pending).toBe(COUNT_CAP);
    expect(ops.webhooks.overdueMs).toBe(0);
    expect(ops.capped).toBe(true);
  });

  it("only the edge API's service identity may read it", async () => {
    expect((await errorOf(t.query(api.metrics.operations, {}))).code).toBe("UNAUTHENTICATED");
    expect((await errorOf(signedIn(t, "ada").query(api.metrics.operations, {}))).code).toBe("FORBIDDEN");
  });
});
