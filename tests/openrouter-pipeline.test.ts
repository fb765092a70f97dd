/**
 * The pipeline with OpenRouter models, against a fake OpenRouter on loopback that
 * speaks the real wire format, faults included; and with S3 down.
 */
import { errorCodeInfo } from "@pixorly/core";
import { ConvexHttpClient } from "convex/browser";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api } from "../convex/_generated/api.js";
import { PNG_BASE64, startFakeOpenRouter, type FakeOpenRouter } from "../convex/providers/fake-openrouter.testing.js";
import { startConvexLocal, type ConvexLocal } from "../packages/convex-local/src/index.js";
import { startIssuer, waitFor, type Issuer } from "../packages/convex-local/test/harness.js";
// @ts-expect-error a plain ESM script without types
import { startS3Local } from "../scripts/s3-local.mjs";
import { jobIdOf } from "../convex/jobResult.testing";

const MODEL = "vendor/painter";
/** A second model for the breaker test, so faults of the other tests do not count against it. */
const FRAGILE = "vendor/fragile";
let server: ConvexLocal;
let issuer: Issuer;
let fake: FakeOpenRouter;
let s3: { endpoint: string; close(): Promise<void> };
const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "pixorly-or-"));
  dirs.push(d);
  return d;
};

beforeAll(async () => {
  issuer = await startIssuer();
  fake = await startFakeOpenRouter();
  s3 = await startS3Local({ port: 0, directory: tmp() });
  Object.assign(process.env, {
    S3_ENDPOINT: s3.endpoint,
    PIXORLY_EDGE_ISSUER: issuer.url,
    PIXORLY_EDGE_AUDIENCE: "convex-local-test",
    OPENROUTER_API_KEY: "sk-or-test",
    OPENROUTER_BASE_URL: fake.baseUrl,
    PIXORLY_CIRCUIT_THRESHOLD: "2",
    PIXORLY_CIRCUIT_COOLDOWN_MS: "1500",
  });
  server = await startConvexLocal({ dir: path.resolve("convex"), dataDir: tmp(), port: 0, sitePort: 0, log: () => {} });
  fake.answer("/models?output_modalities=image", {
    body: {
      data: [
        { id: MODEL, name: "Painter", pricing: { image: "0.04" }, supported_parameters: ["seed"] },
        { id: FRAGILE, name: "Fragile", pricing: { image: "0.01" }, supported_parameters: ["seed"] },
      ],
    },
  });
  expect(await server.engine.runAction("models:sync", {}, null, { publicOnly: false })).toMatchObject({ value: 2 });
});
afterAll(async () => {
  await server?.close();
  await s3?.close();
  await fake?.close();
  await issuer?.close();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

async function clientFor(sub: string) {
  const client = new ConvexHttpClient(server.url);
  client.setAuth(await issuer.mint({ sub }));
  return { client, credits: (await client.mutation(api.users.ensure, {})).credits };
}

async function finished(client: ConvexHttpClient, jobId: string) {
  return await waitFor(
    async () => {
      const job = await client.query(api.jobs.get, { jobId });
      return job && job.status !== "pending" && job.status !== "processing" ? job : null;
    },
    "the job to finish",
    20_000,
  );
}

/** What a user reads when the provider failed after retries. */
const PROVIDER_FAILED = new RegExp(errorCodeInfo.PROVIDER_ERROR.message.replace(/[.]/g, "\\."));
const request = { prompt: "a watercolor fox", model: MODEL, parameters: { width: 1024, height: 1024, seed: 3 } };
const ok = { body: { created: 1, data: [{ b64_json: PNG_BASE64 }], usage: { cost: 0.035 } } };

describe("OpenRouter models", () => {
  it("are synced into the catalog with their price in credits", async () => {
    const models = await new ConvexHttpClient(server.url).query(api.models.list, {});
    expect(models.find((m) => m.id === MODEL)).toMatchObject({ provider: "openrouter", costPerImageCredits: 40 });
  });

  it("a 429 with Retry-After is retried and the job completes, charged what OpenRouter charged", async () => {
    fake.answer(
      "/images",
      { status: 429, headers: { "Retry-After": "1" }, body: { error: { code: 429, message: "slow down" } } },
      ok,
    );
    const { client, credits } = await clientFor("or-user");
    const jobId = await client.mutation(api.jobs.create, request).then(jobIdOf);
    const job = await finished(client, jobId);
    expect(job.status).toBe("completed");
    expect(job.actualCost).toBe(35);
    expect((await client.query(api.jobs.me, {}))!.credits).toBe(credits - 35);
    const [image] = (await client.query(api.images.list, { paginationOpts: { numItems: 1, cursor: null } })).page;
    expect(image).toMatchObject({ width: 2, height: 2, format: "png", s3Key: expect.stringMatching(/\/0\.png$/) });
    expect(image.placeholder).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
    const sent = fake.requests.filter((r) => r.path === "/images").at(-1)!;
    expect(sent.headers.authorization).toBe("Bearer sk-or-test");
    expect(sent.headers["x-title"]).toBe("Pixorly");
    expect(sent.body).toMatchObject({ model: MODEL, prompt: "a watercolor fox", n: 1, size: "1024x1024", seed: 3 });
  });

  it.each([
    [
      "a moderation refusal",
      {
        status: 403,
        body: { error: { code: 403, message: "flagged", metadata: { reasons: ["violence"], flagged_input: "x" } } },
      },
      /content policy/,
    ],
    // Refusals that are not the provider's fault come first: the retryable faults below open the breaker.
    [
      "bytes that are not an image",
      { body: { data: [{ b64_json: btoa("<html>oops</html>") }] } },
      /not an image|no image|could not/i,
    ],
    [
      "an error inside an HTTP 200 body",
      { body: { error: { code: 502, message: "upstream exploded" } } },
      PROVIDER_FAILED,
    ],
    ["malformed JSON", { body: "{not json" }, PROVIDER_FAILED],
  ])("%s fails the job in plain words, refunds it, and stores no image", async (name, answer, expected) => {
    fake.answer("/images", answer);
    const { client, credits } = await clientFor(`or-fault-${name.length}`);
    const jobId = await client.mutation(api.jobs.create, request).then(jobIdOf);
    const job = await finished(client, jobId);
    expect(job.status).toBe("failed");
    expect(job.error!.message).toMatch(expected);
    expect(job.error!.message).not.toMatch(/upstream exploded|not json|flagged/);
    expect(job.error!.message.length).toBeGreaterThan(10);
    expect(job.resultImageIds).toEqual([]);
    expect((await client.query(api.jobs.me, {}))!.credits).toBe(credits);
    expect(await client.query(api.images.list, { paginationOpts: { numItems: 5, cursor: null } })).toMatchObject({
      page: [],
    });
  });

  it("repeated 500s open the breaker (later jobs fail fast), and it closes again after the cooldown", async () => {
    fake.answer("/images", { status: 500, body: { error: { code: 500, message: "boom" } } });
    const { client } = await clientFor("breaker");
    const fragile = { ...request, model: FRAGILE };
    for (let i = 0; i < 2; i++) {
      const job = await finished(client, await client.mutation(api.jobs.create, fragile).then(jobIdOf));
      expect(job.status).toBe("failed");
      expect(job.error!.message).not.toMatch(/having trouble/);
    }
    const before = fake.requests.length;
    const fast = await finished(client, await client.mutation(api.jobs.create, fragile).then(jobIdOf));
    expect(fast.error!.message).toMatch(/having trouble/);
    expect(fake.requests.length).toBe(before);
    fake.answer("/images", ok);
    await new Promise((r) => setTimeout(r, 1600));
    expect((await finished(client, await client.mutation(api.jobs.create, fragile).then(jobIdOf))).status).toBe(
      "completed",
    );
  });
});

describe("S3 down", () => {
  it("the job fails, credits are refunded, and no image documents exist", async () => {
    const { client, credits } = await clientFor("s3-down");
    process.env.S3_ENDPOINT = "http://127.0.0.1:9";
    try {
      const jobId = await client
        .mutation(api.jobs.create, { ...request, model: "local/mosaic", parameters: { width: 128, height: 128 } })
        .then(jobIdOf);
      const job = await finished(client, jobId);
      expect(job.status).toBe("failed");
      expect(job.error!.message).toMatch(/Could not store the image/);
    } finally {
      process.env.S3_ENDPOINT = s3.endpoint;
    }
    expect((await client.query(api.jobs.me, {}))!.credits).toBe(credits);
    expect(await client.query(api.images.list, { paginationOpts: { numItems: 5, cursor: null } })).toMatchObject({
      page: [],
    });
  });
});
