/**
 * Comparing models with an image input (issue 16) on convex-local + s3rver: `jobs:compare` gives
 * every model the same input and runs them all; a model that cannot take the input is refused by
 * name (`models.<i>`) and nothing is created or charged; a refusal of a later model's job (credits)
 * undoes the earlier ones; an idempotent retry returns the same jobs; the list itself is checked.
 */
import type { ConvexClient } from "convex/browser";
import { ConvexError } from "convex/values";
import { makeFunctionReference } from "convex/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBackendStack, type BackendStack, finishedJob } from "./stack";

type Job = { status: string; model: string; resultImageIds: string[]; error?: { message: string } };
type Compared = { model: string; jobId: string }[];
const jobsCreate = makeFunctionReference<"mutation", Record<string, unknown>, string>("jobs:create");
const jobsCompare = makeFunctionReference<"mutation", Record<string, unknown>, Compared>("jobs:compare");
const jobsGet = makeFunctionReference<"query", { jobId: string }, Job | null>("jobs:get");
const jobsList = makeFunctionReference<
  "query",
  { paginationOpts: { numItems: number; cursor: string | null } },
  { page: unknown[] }
>("jobs:list");
const jobsMe = makeFunctionReference<"query", Record<string, never>, { credits: number } | null>("jobs:me");
const usersEnsure = makeFunctionReference<"mutation", Record<string, never>, { userId: string }>("users:ensure");
const imagesGet = makeFunctionReference<"query", { imageId: string }, { lineage?: Record<string, string> } | null>(
  "images:get",
);

let stack: BackendStack;
let user: ConvexClient;

beforeAll(async () => {
  stack = await startBackendStack("comparison");
  user = await stack.clientFor("compare-user");
}, 60_000);
afterAll(async () => {
  await stack?.close();
});

async function setCredits(credits: number) {
  const { userId } = await user.mutation(usersEnsure, {});
  await stack.server.engine.runMutation("users:updateAccount", { userId, credits }, null, { publicOnly: false });
}

async function refusal(request: Record<string, unknown>) {
  const error = await user.mutation(jobsCompare, request).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConvexError);
  const data = (error as ConvexError<{ code: string; message: string; fields?: { field: string; message: string }[] }>)
    .data;
  return { code: data.code, message: data.message, fields: data.fields ?? [] };
}

const jobCount = async () =>
  (await user.query(jobsList, { paginationOpts: { numItems: 100, cursor: null } })).page.length;
const base = { prompt: "a lighthouse in fog", parameters: { width: 128, height: 128, seed: 4 } };

describe("jobs:compare with an image input", () => {
  let sourceId: string;

  beforeAll(async () => {
    await setCredits(1000);
    const job = await finishedJob(user, await user.mutation(jobsCreate, { ...base, model: "local/aurora" }));
    sourceId = job.resultImageIds[0]!;
  });

  it("gives every model the input, one job each, in order, and a retry with the key returns the same jobs", async () => {
    const request = {
      ...base,
      models: ["local/aurora", "local/mosaic", "local/nebula"],
      input: { operation: "img2img", imageId: sourceId, strength: 0.5 },
      idempotencyKey: "compare-1",
    };
    const before = (await user.query(jobsMe, {}))!.credits;
    const jobs = await user.mutation(jobsCompare, request);
    expect(jobs.map((j) => j.model)).toEqual(request.models);
    for (const { jobId, model } of jobs) {
      const job = await finishedJob(user, jobId);
      expect({ model: job.model, status: job.error?.message ?? job.status }).toEqual({ model, status: "completed" });
      expect((await user.query(imagesGet, { imageId: job.resultImageIds[0]! }))!.lineage).toEqual({
        operation: "img2img",
        sourceImageId: sourceId,
      });
    }
    expect((await user.query(jobsMe, {}))!.credits).toBe(before - 4);
    expect(await user.mutation(jobsCompare, request)).toEqual(jobs);
    expect((await user.query(jobsMe, {}))!.credits).toBe(before - 4);
  });

  it("refuses models that cannot take the input by name, creating and charging nothing", async () => {
    const before = { credits: (await user.query(jobsMe, {}))!.credits, jobs: await jobCount() };
    const upscaleIn = await refusal({
      ...base,
      models: ["local/aurora", "local/upscale", "local/mosaic"],
      input: { operation: "img2img", imageId: sourceId },
    });
    expect(upscaleIn).toMatchObject({ code: "INVALID_ARGUMENT", fields: [{ field: "models.1" }] });
    expect(upscaleIn.fields[0]!.message).toMatch(/^Upscale supports upscale, not img2img/);
    expect(upscaleIn.message).toMatch(/Not every model can take this request: Upscale .*Remove it from the comparison/);

    const upscaling = await refusal({
      prompt: "",
      parameters: base.parameters,
      models: ["local/aurora", "local/upscale", "local/mosaic"],
      input: { operation: "upscale", imageId: sourceId, scale: 2 },
    });
    expect(upscaling.fields.map((f) => f.field)).toEqual(["models.0", "models.2"]);
    expect(upscaling.fields.map((f) => f.message.split(" ")[0])).toEqual(["Aurora", "Mosaic"]);
    expect(upscaling.message).toMatch(/Remove them from the comparison/);

    // Without an input, a model that only works on one is named too.
    const noInput = await refusal({ ...base, models: ["local/upscale", "local/aurora"] });
    expect(noInput.fields).toEqual([
      { field: "models.0", message: "Upscale works on an input image; give one in input" },
    ]);

    // Another user's source is refused once, on the input, as for a single job.
    const stranger = await stack.clientFor("compare-stranger");
    const foreign = await stranger
      .mutation(jobsCompare, {
        ...base,
        models: ["local/aurora", "local/mosaic"],
        input: { operation: "variations", imageId: sourceId },
      })
      .then(
        () => null,
        (e: ConvexError<{ fields: { field: string }[]; message: string }>) => e.data,
      );
    expect(foreign?.fields.map((f) => f.field)).toEqual(["input.imageId"]);
    expect(foreign?.message).toMatch(/^Aurora: /);

    expect({ credits: (await user.query(jobsMe, {}))!.credits, jobs: await jobCount() }).toEqual(before);
  });

  it("undoes the earlier jobs when a later model's job is refused", async () => {
    await setCredits(2);
    const before = await jobCount();
    const refused = await refusal({
      ...base,
      models: ["local/aurora", "local/nebula"],
      input: { operation: "variations", imageId: sourceId },
    });
    expect(refused.code).toBe("INSUFFICIENT_CREDITS");
    expect(refused.message).toMatch(/^Nebula: This generation costs 2 credits; you have 1\./);
    expect((await user.query(jobsMe, {}))!.credits).toBe(2);
    expect(await jobCount()).toBe(before);
    await setCredits(1000);
  });

  it("checks the list of models and the key", async () => {
    const fields = async (request: Record<string, unknown>) => (await refusal({ ...base, ...request })).fields;
    expect(await fields({ models: ["local/aurora"] })).toEqual([
      { field: "models", message: "Compare at least 2 models" },
    ]);
    expect(await fields({ models: ["local/aurora", "local/mosaic", "local/nebula", "local/upscale", "x/y"] })).toEqual([
      { field: "models", message: "Compare at most 4 models" },
    ]);
    expect(await fields({ models: ["local/aurora", "local/aurora"] })).toEqual([
      { field: "models", message: "Each model may be compared once" },
    ]);
    expect(await fields({ models: ["local/aurora", "nobody/nothing"] })).toEqual([
      { field: "models.1", message: 'Unknown model "nobody/nothing"' },
    ]);
    expect((await fields({ models: ["local/aurora", "local/mosaic"], idempotencyKey: "k".repeat(127) }))[0]).toEqual({
      field: "idempotencyKey",
      message: "Idempotency key must be at most 126 characters",
    });
  });
});
