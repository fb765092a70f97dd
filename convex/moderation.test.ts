/** The moderation log: refusals by our prompt check and by the provider, and the operators' query. */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api, internal } from "./_generated/api";
import { jobIdOf } from "./jobResult.testing";
import { promptHash } from "./lib/moderationLog";
import { providerRefusalRule } from "./providers/openrouter-errors";
import { errorOf, newBackend, partnerUser, signedIn, type Backend } from "./setup.testing";

const request = {
  prompt: "a red fox in the snow",
  model: "local/aurora",
  parameters: { width: 256, height: 256, seed: 1 },
};
const refusedPrompt = "How to plan a   BEHEADING";
let t: Backend;

beforeEach(() => {
  vi.useFakeTimers();
  t = newBackend();
});
afterEach(() => vi.useRealTimers());

const logRows = () => t.run(async (ctx) => await ctx.db.query("moderationLog").collect());

describe("a prompt refused by moderation", () => {
  it("still reaches the caller as MODERATION_REJECTED naming the prompt, and leaves a log row with the hash, not the text", async () => {
    const ada = signedIn(t, "ada");
    const returned = await ada.mutation(api.jobs.create, { ...request, prompt: refusedPrompt });
    expect(returned).toEqual({
      refused: {
        code: "MODERATION_REJECTED",
        message: "This prompt is not allowed by the content policy.",
        fields: [{ field: "prompt", message: "This prompt is not allowed by the content policy." }],
      },
    });
    const error = await errorOf(ada.mutation(api.jobs.create, { ...request, prompt: refusedPrompt }).then(jobIdOf));
    expect(error).toMatchObject({ code: "MODERATION_REJECTED", fields: [{ field: "prompt" }] });

    const rows = await logRows();
    expect(rows).toHaveLength(2);
    const { userId } = await ada.mutation(api.users.ensure, {});
    expect(rows[0]).toMatchObject({
      userId,
      source: "prompt",
      rule: "graphic-violence",
      promptHash: await promptHash(refusedPrompt),
    });
    expect(rows[0]!.promptHash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]!.partnerId).toBeUndefined();
    expect(JSON.stringify(rows)).not.toMatch(/beheading/i);
    // Nothing else happened: no job, no charge.
    expect(await t.run(async (ctx) => (await ctx.db.query("generationJobs").collect()).length)).toBe(0);
    expect((await ada.query(api.jobs.me, {}))!.credits).toBe(2000);
  });

  it("hashes the normalised prompt: case and spacing do not matter, the words do", async () => {
    expect(await promptHash("How to plan a beheading")).toBe(await promptHash("  how TO plan a\u200B beheading "));
    expect(await promptHash("how to plan a beheading")).not.toBe(await promptHash("how to plan a beheading", "gore"));
  });

  it("records the partner of a partner's user", async () => {
    const { partnerId } = await t.mutation(internal.partners.create, {
      name: "Acme",
      allowedOrigins: ["https://acme.example"],
      allowedScopes: ["generate"],
    });
    await partnerUser(t, partnerId, "u1", { pver: 1 }).mutation(api.jobs.create, { ...request, prompt: "csam" });
    expect(await logRows()).toMatchObject([{ partnerId, rule: "sexual-minors", source: "prompt" }]);
  });

  it("an allowed prompt leaves no row", async () => {
    await signedIn(t, "bob").mutation(api.jobs.create, request).then(jobIdOf);
    expect(await logRows()).toEqual([]);
  });
});

describe("a refusal by the provider's content filter", () => {
  it("fails the job as MODERATION_REJECTED and logs it with the provider's categories", async () => {
    const ada = signedIn(t, "ada");
    const jobId = await ada.mutation(api.jobs.create, request).then(jobIdOf);
    await t.mutation(internal.generation.start, { jobId });
    const rule = providerRefusalRule({
      cause: { code: 403, metadata: { reasons: ["Violence", "self harm"], flagged_input: request.prompt } },
    });
    expect(rule).toBe("openrouter:violence,self-harm");
    await t.mutation(internal.generation.fail, {
      jobId,
      code: "MODERATION_REJECTED",
      message: "This prompt is not allowed by the content policy.",
      refusalRule: rule,
    });
    expect(await ada.query(api.jobs.get, { jobId })).toMatchObject({
      status: "failed",
      error: { code: "MODERATION_REJECTED" },
    });
    const rows = await logRows();
    expect(rows).toMatchObject([{ source: "provider", rule, jobId, promptHash: await promptHash(request.prompt) }]);
    expect(JSON.stringify(rows)).not.toContain("red fox");
    // A second report for the same (already failed) job adds nothing.
    await t.mutation(internal.generation.fail, {
      jobId,
      code: "MODERATION_REJECTED",
      message: "again",
      refusalRule: rule,
    });
    expect(await logRows()).toHaveLength(1);
  });

  it("names a refusal without categories after the filter", () => {
    expect(providerRefusalRule({ cause: { code: 403, metadata: { flagged_input: "x" } } })).toBe(
      "openrouter:content-filter",
    );
    expect(providerRefusalRule({})).toBe("openrouter:content-filter");
  });
});

describe("moderation.recent (operators)", () => {
  it("lists the newest refusals first, for everyone or one user, within the limit", async () => {
    const ada = signedIn(t, "ada");
    const bob = signedIn(t, "bob");
    for (const [caller, prompt] of [
      [ada, "csam"],
      [bob, "beheading"],
      [ada, "terrorist attack instructions"],
    ] as const) {
      vi.advanceTimersByTime(1000);
      await caller.mutation(api.jobs.create, { ...request, prompt });
    }
    const all = await t.query(internal.moderation.recent, {});
    expect(all.map((r) => r.rule)).toEqual(["violent-instructions", "graphic-violence", "sexual-minors"]);
    expect(all[0]).toEqual({
      id: expect.any(String),
      time: expect.any(Number),
      userId: expect.any(String),
      partnerId: null,
      source: "prompt",
      rule: "violent-instructions",
      promptHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      jobId: null,
    });
    expect(await t.query(internal.moderation.recent, { limit: 1 })).toHaveLength(1);
    const { userId } = await bob.mutation(api.users.ensure, {});
    expect((await t.query(internal.moderation.recent, { userId })).map((r) => r.rule)).toEqual(["graphic-violence"]);
  });

  it.each([
    [{ limit: 0 }, "limit"],
    [{ limit: 1.5 }, "limit"],
    [{ limit: 5000 }, "limit"],
    [{ userId: "nobody" }, "userId"],
  ])("refuses %o, naming the field", async (args, field) => {
    const error = await errorOf(t.query(internal.moderation.recent, args));
    expect(error).toMatchObject({ code: "INVALID_ARGUMENT", fields: [{ field }] });
  });
});
