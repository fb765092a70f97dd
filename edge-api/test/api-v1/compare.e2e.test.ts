/**
 * `POST /api/v1/compare` end to end (convex-local + s3rver + the edge API): one job per model with
 * the same image input, statuses to poll, the Idempotency-Key covering the whole comparison, and a
 * model that cannot take the input refused by name before anything is created or charged.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKey, generateImage, postJsonWithKey, startRestStack, waitForJob, withKey, type Stack } from "./setup";

let stack: Stack;

beforeAll(async () => {
  ({ stack } = await startRestStack());
}, 60_000);
afterAll(async () => await stack?.close());

describe("POST /api/v1/compare", () => {
  it("queues one job per model with the same input, once per Idempotency-Key", async () => {
    const { key } = await createKey(stack, "compare-rest");
    const sourceId = await generateImage(stack, key);
    const body = {
      prompt: "",
      models: ["local/mosaic", "local/aurora"],
      parameters: { width: 128, height: 128, seed: 9 },
      input: { operation: "variations", imageId: sourceId },
    };
    const res = await postJsonWithKey(stack, key, "/api/v1/compare", body, { "Idempotency-Key": "cmp-1" });
    expect(res.status).toBe(202);
    const { jobs } = await res.json();
    expect(jobs.map((j: { model: string }) => j.model)).toEqual(body.models);
    for (const job of jobs) {
      expect(job.statusUrl).toBe(`${stack.edgeUrl}/api/v1/status/${job.jobId}`);
      const done = await waitForJob(stack, key, job.jobId);
      expect({ status: done.status, model: done.model }).toEqual({ status: "completed", model: job.model });
      const image = await (await withKey(stack, key, `/api/v1/images/${done.images[0].id}`)).json();
      expect(image.lineage).toEqual({ operation: "variations", sourceImageId: sourceId });
    }
    const again = await postJsonWithKey(stack, key, "/api/v1/compare", body, { "Idempotency-Key": "cmp-1" });
    expect((await again.json()).jobs.map((j: { jobId: string }) => j.jobId)).toEqual(
      jobs.map((j: { jobId: string }) => j.jobId),
    );
  });

  it("refuses a model that cannot take the input by name, and a bad list, creating nothing", async () => {
    const { key } = await createKey(stack, "compare-rest-refused");
    const sourceId = await generateImage(stack, key);
    const jobsBefore = (await (await withKey(stack, key, "/api/v1/jobs")).json()).jobs?.length;
    const res = await postJsonWithKey(stack, key, "/api/v1/compare", {
      prompt: "a fox",
      models: ["local/aurora", "local/upscale"],
      input: { operation: "img2img", imageId: sourceId },
    });
    const refused = await res.json();
    expect({ status: res.status, code: refused.code }).toEqual({ status: 400, code: "INVALID_ARGUMENT" });
    expect(refused.fields.map((f: { field: string }) => f.field)).toEqual(["models.1"]);
    expect(refused.message).toMatch(/Upscale supports upscale, not img2img/);

    // A prompt of 2,000 characters fits the route's body limit (checked before the models are).
    const single = await postJsonWithKey(stack, key, "/api/v1/compare", {
      prompt: "a fox ".repeat(333),
      models: ["local/aurora"],
    });
    expect(single.status).toBe(400);
    expect((await single.json()).fields).toMatchObject([{ field: "models", message: "Compare at least 2 models" }]);

    expect((await (await withKey(stack, key, "/api/v1/jobs")).json()).jobs?.length).toBe(jobsBefore);
    const doc = await (await stack.app.request("/openapi.json")).json();
    expect(doc.paths["/api/v1/compare"].post.requestBody.content["application/json"].schema.$ref).toBe(
      "#/components/schemas/CompareRequest",
    );
  });
});
