/** `partnerUsage:byDay`: all of a partner's users together, per UTC day, for the partner dashboard. */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api, internal } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { jobIdOf } from "./jobResult.testing";
import { errorOf, newBackend, partnerUser, signedIn, type Backend } from "./setup.testing";

const NOW = new Date("2026-12-15T12:00:00Z");
const DAY_MS = 86_400_000;
const request = { prompt: "a lighthouse at dawn", model: "local/aurora", parameters: { width: 256, height: 256 } };
let t: Backend;

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(NOW);
  t = newBackend();
});
afterEach(() => vi.useRealTimers());

const image = (n: number) => ({
  s3Bucket: "pixorly-images",
  s3Key: `images/x/${n}.png`,
  size: 100,
  width: 256,
  height: 256,
  format: "png",
  seed: n,
});

async function generate(caller: ReturnType<typeof signedIn>, numImages: number) {
  const jobId: Id<"generationJobs"> = await caller
    .mutation(api.jobs.create, { ...request, parameters: { ...request.parameters, numImages } })
    .then(jobIdOf);
  await t.mutation(internal.generation.start, { jobId });
  await t.mutation(internal.generation.complete, {
    jobId,
    images: Array.from({ length: numImages }, (_, n) => image(n)),
  });
}

const newPartner = async (name = "Acme") =>
  (
    await t.mutation(internal.partners.create, {
      name,
      allowedOrigins: ["https://acme.example"],
      allowedScopes: ["generate", "images:read"],
    })
  ).partnerId;

describe("partnerUsage.byDay", () => {
  it("adds up every user of the partner per day, at list price, and nobody else's", async () => {
    const partnerId = await newPartner();
    const other = await newPartner("Other");
    await generate(partnerUser(t, partnerId, "u1", { pver: 1 }), 2);
    await generate(partnerUser(t, partnerId, "u2", { pver: 1 }), 3);
    await generate(partnerUser(t, other, "u1", { pver: 1 }), 4);
    await generate(signedIn(t, "first-party"), 1);
    vi.advanceTimersByTime(DAY_MS);
    await generate(partnerUser(t, partnerId, "u1", { pver: 1 }), 1);

    const usage = await t.query(internal.partnerUsage.byDay, { partnerId, days: 30 });
    expect(usage.days).toHaveLength(30);
    expect(usage.days.at(-1)).toEqual({ day: "2026-12-16", credits: 1, generations: 1, apiCalls: 0 });
    expect(usage.days.at(-2)).toEqual({ day: "2026-12-15", credits: 5, generations: 5, apiCalls: 0 });
    expect(usage.days[0]).toEqual({ day: "2026-11-17", credits: 0, generations: 0, apiCalls: 0 });
    expect(usage.totals).toEqual({ credits: 6, generations: 6, apiCalls: 0 });
    // Its users themselves were charged nothing.
    expect((await partnerUser(t, partnerId, "u1", { pver: 1 }).query(api.jobs.me, {}))!.credits).toBe(0);
    expect((await t.query(internal.partnerUsage.byDay, { partnerId: other, days: 1 })).totals.generations).toBe(0);
    expect((await t.query(internal.partnerUsage.byDay, { partnerId: other, days: 2 })).totals.generations).toBe(4);
  });

  it("refuses a bad period or an unknown partner, naming what is wrong", async () => {
    const partnerId = await newPartner();
    for (const days of [0, 91, 2.5]) {
      expect(await errorOf(t.query(internal.partnerUsage.byDay, { partnerId, days }))).toMatchObject({
        code: "INVALID_ARGUMENT",
        fields: [{ field: "days" }],
      });
    }
    expect((await errorOf(t.query(internal.partnerUsage.byDay, { partnerId: "nope", days: 7 }))).code).toBe(
      "NOT_FOUND",
    );
  });
});
