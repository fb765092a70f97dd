/** `POST /api/v1/generate` and `GET /api/v1/status/:jobId` end to end, with a real local model. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKey, postJsonWithKey, request, startRestStack, waitForJob, withKey, type Stack } from "./setup";

let stack: Stack;
let key: string;

beforeAll(async () => {
  ({ stack } = await startRestStack());
  ({ key } = await createKey(stack, "generator"));
}, 60_000);
afterAll(async () => await stack?.close());

describe("POST /api/v1/generate", () => {
  it("queues a job (202) that completes, with its images, cost and times in the status", async () => {
    const res = await postJsonWithKey(stack, key, "/api/v1/generate", {
      ...request,
      parameters: { ...request.parameters, numImages: 2 },
    });
    expect(res.status).toBe(202);
    const body = await res.json();
    expect(body).toEqual({
      jobId: expect.any(String),
      status: expect.any(String),
      statusUrl: `${stack.edgeUrl}/api/v1/status/${body.jobId}`,
    });
    expect(["pending", "processing"]).toContain(body.status);
    expect(res.headers.get("Location")).toBe(body.statusUrl);

    const job = await waitForJob(stack, key, body.jobId);
    expect(job).toMatchObject({
      jobId: body.jobId,
      status: "completed",
      model: "local/aurora",
      prompt: "a lighthouse in fog",
      cost: 2,
    });
    const signed = {
      id: expect.any(String),
      width: 256,
      height: 256,
      url: expect.stringMatching(/Signature=/),
      expiresAt: expect.any(Number),
    };
    expect(job.images).toEqual([signed, signed]);
    expect(job.createdAt).toBeLessThanOrEqual(job.startedAt);
    expect(job.startedAt).toBeLessThanOrEqual(job.completedAt);
    expect(job).not.toHaveProperty("error");
  });

  it("an Idempotency-Key header (or body field) returns the same job", async () => {
    const first = await (
      await postJsonWithKey(stack, key, "/api/v1/generate", request, { "Idempotency-Key": "rest-1" })
    ).json();
    const again = await postJsonWithKey(stack, key, "/api/v1/generate", request, { "Idempotency-Key": "rest-1" });
    expect(again.status).toBe(202);
    expect((await again.json()).jobId).toBe(first.jobId);
    const viaBody = await postJsonWithKey(stack, key, "/api/v1/generate", { ...request, idempotencyKey: "rest-1" });
    expect((await viaBody.json()).jobId).toBe(first.jobId);

    const clash = await postJsonWithKey(
      stack,
      key,
      "/api/v1/generate",
      { ...request, idempotencyKey: "rest-2" },
      { "Idempotency-Key": "rest-1" },
    );
    expect(clash.status).toBe(400);
    expect((await clash.json()).fields).toEqual([
      { field: "idempotencyKey", path: "idempotencyKey", message: expect.any(String) },
    ]);
    const badHeader = await postJsonWithKey(stack, key, "/api/v1/generate", request, {
      "Idempotency-Key": "not valid!",
    });
    expect(badHeader.status).toBe(400);
    expect((await badHeader.json()).fields.map((f: { path: string }) => f.path)).toEqual(["Idempotency-Key"]);
  });

  it("409 naming the key when an Idempotency-Key is reused for a different request", async () => {
    const first = await postJsonWithKey(stack, key, "/api/v1/generate", request, { "Idempotency-Key": "rest-409" });
    expect(first.status).toBe(202);
    const other = await postJsonWithKey(
      stack,
      key,
      "/api/v1/generate",
      { ...request, prompt: "a different prompt" },
      { "Idempotency-Key": "rest-409" },
    );
    expect(other.status).toBe(409);
    const body = await other.json();
    expect(body.code).toBe("IDEMPOTENCY_CONFLICT");
    expect(body.message).toContain("rest-409");
  });

  it.each([
    [{ ...request, prompt: "   " }, ["prompt"]],
    [{ model: "local/aurora" }, ["prompt"]],
    [{ ...request, model: "not a model" }, ["model"]],
    [{ ...request, parameters: { width: 10, height: 256 } }, ["parameters.width"]],
    [{ ...request, parameters: { width: 256, height: 256, numImages: 9 } }, ["parameters.numImages"]],
  ])("400 naming the fields for a bad body %#", async (body, fields) => {
    const res = await postJsonWithKey(stack, key, "/api/v1/generate", body);
    expect(res.status).toBe(400);
    const error = await res.json();
    expect(error).toMatchObject({ code: "INVALID_ARGUMENT", requestId: expect.any(String) });
    expect(error.fields.map((f: { path: string }) => f.path)).toEqual(fields);
  });

  it("an unknown field is refused by name", async () => {
    const res = await postJsonWithKey(stack, key, "/api/v1/generate", { ...request, colour: "red" });
    expect(res.status).toBe(400);
    expect(JSON.stringify((await res.json()).fields)).toContain("colour");
  });

  it("rules only Convex knows (an unknown model, a model's sizes) are 400 with fields too", async () => {
    const unknown = await postJsonWithKey(stack, key, "/api/v1/generate", { ...request, model: "local/unknown" });
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).fields).toEqual([{ field: "model", path: "model", message: "Unknown model" }]);
    const odd = await postJsonWithKey(stack, key, "/api/v1/generate", {
      ...request,
      parameters: { width: 250, height: 256 },
    });
    expect(odd.status).toBe(400);
    expect((await odd.json()).fields.map((f: { path: string }) => f.path)).toEqual(["parameters.width"]);
  });

  it("a banned prompt is 422 and costs nothing; a body that is not JSON is refused", async () => {
    const banned = await postJsonWithKey(stack, key, "/api/v1/generate", {
      ...request,
      prompt: "how to plan a beheading",
    });
    expect(banned.status).toBe(422);
    expect((await banned.json()).code).toBe("MODERATION_REJECTED");
    const text = await withKey(stack, key, "/api/v1/generate", {
      method: "POST",
      headers: { "Content-Type": "text/plain" },
      body: "draw a cat",
    });
    expect(text.status).toBe(415);
    const broken = await withKey(stack, key, "/api/v1/generate", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: "{",
    });
    expect(broken.status).toBe(400);
  });

  it("needs the generate permission (403), checked before the body", async () => {
    const { key: reader } = await createKey(stack, "generator", ["images:read"]);
    const res = await postJsonWithKey(stack, reader, "/api/v1/generate", { prompt: "" });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining('"generate"') });
  });
});

describe("GET /api/v1/status/:jobId", () => {
  it("404 for another user's job, an unknown id and a malformed id", async () => {
    const { jobId } = await (await postJsonWithKey(stack, key, "/api/v1/generate", request)).json();
    const { key: stranger } = await createKey(stack, "stranger");
    for (const [who, id] of [
      [stranger, jobId],
      [key, "garbage"],
      [key, "jd7f3k2m9x8q1w4e5r6t7y8u9i0o1p2a"],
    ]) {
      const res = await withKey(stack, who, `/api/v1/status/${id}`);
      expect(res.status).toBe(404);
      expect((await res.json()).code).toBe("NOT_FOUND");
    }
    // Jobs belong to generation: a key that may only read images is refused, naming the permission.
    const { key: reader } = await createKey(stack, "generator", ["images:read"]);
    const refused = await withKey(stack, reader, `/api/v1/status/${jobId}`);
    expect(refused.status).toBe(403);
    expect((await refused.json()).message).toContain('"generate"');
    // A generate-only key follows its job to the end and learns the image ids.
    const { key: generator } = await createKey(stack, "generator", ["generate"]);
    const { jobId: own } = await (await postJsonWithKey(stack, generator, "/api/v1/generate", request)).json();
    const done = await waitForJob(stack, generator, own);
    expect(done.status).toBe("completed");
    expect(done.images).toEqual([{ id: expect.any(String) }]);
  });
});
