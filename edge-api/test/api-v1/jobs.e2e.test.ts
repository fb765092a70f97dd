/**
 * The job routes of the REST API end to end (list, cancel, status with signed URLs) and the
 * generate fixes (defaults for omitted parameters), with a real local model.
 */
import { makeFunctionReference } from "convex/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKey, postJsonWithKey, request, startRestStack, waitForJob, withKey, type Stack } from "./setup";

const jobsMe = makeFunctionReference<"query", Record<string, never>, { credits: number } | null>("jobs:me");

let stack: Stack;
let key: string;

beforeAll(async () => {
  ({ stack } = await startRestStack());
  ({ key } = await createKey(stack, "jobs"));
}, 60_000);
afterAll(async () => await stack?.close());

const jobIdsOf = (body: { jobs: { jobId: string }[] }) => body.jobs.map((j) => j.jobId);

describe("POST /api/v1/generate defaults", () => {
  it("a request without parameters makes one 1024×1024 image", async () => {
    const res = await postJsonWithKey(stack, key, "/api/v1/generate", {
      prompt: "a quiet harbour",
      model: "local/aurora",
    });
    expect(res.status).toBe(202);
    const job = await waitForJob(stack, key, (await res.json()).jobId);
    expect(job.status).toBe("completed");
    expect(job.images).toEqual([
      { id: expect.any(String), width: 1024, height: 1024, url: expect.any(String), expiresAt: expect.any(Number) },
    ]);
  });

  it("a missing model says it is missing", async () => {
    const res = await postJsonWithKey(stack, key, "/api/v1/generate", { prompt: "a quiet harbour" });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      message: "Invalid model: model is required",
      fields: [{ field: "model", path: "model", message: "model is required" }],
    });
  });
});

describe("GET /api/v1/status/:jobId", () => {
  it("a completed job's images come with signed URLs that the CDN serves", async () => {
    const { jobId } = await (await postJsonWithKey(stack, key, "/api/v1/generate", request)).json();
    const job = await waitForJob(stack, key, jobId);
    const [image] = job.images;
    expect(image.url).toMatch(
      new RegExp(`^${stack.edgeUrl}/cdn/images/.+/0\\.png\\?Expires=\\d+&Key-Pair-Id=KREST&Signature=`),
    );
    expect(image.expiresAt).toBeGreaterThan(Date.now());
    const file = await fetch(image.url);
    expect(file.status).toBe(200);
    expect([...new Uint8Array(await file.arrayBuffer()).subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
    expect((await fetch(image.url.replace(/Signature=[^&]+/, "Signature=AAAA"))).status).toBe(403);
  });
});

describe("GET /api/v1/jobs", () => {
  it("pages through the owner's jobs newest first, filtered by status, and no one else's", async () => {
    const { key: lister } = await createKey(stack, "lister");
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { jobId } = await (await postJsonWithKey(stack, lister, "/api/v1/generate", request)).json();
      ids.push(jobId);
      await waitForJob(stack, lister, jobId);
    }
    const first = await (await withKey(stack, lister, "/api/v1/jobs?limit=2")).json();
    expect(jobIdsOf(first)).toEqual([ids[2], ids[1]]);
    expect(first.jobs[0]).toEqual({
      jobId: ids[2],
      status: "completed",
      model: "local/aurora",
      prompt: "a lighthouse in fog",
      createdAt: expect.any(Number),
      startedAt: expect.any(Number),
      completedAt: expect.any(Number),
      cost: 1,
      imageIds: [expect.any(String)],
    });
    const second = await (
      await withKey(stack, lister, `/api/v1/jobs?limit=2&cursor=${encodeURIComponent(first.nextCursor)}`)
    ).json();
    expect(jobIdsOf(second)).toEqual([ids[0]]);
    expect(second.nextCursor).toBeNull();

    expect(jobIdsOf(await (await withKey(stack, lister, "/api/v1/jobs?status=completed")).json())).toEqual(
      [...ids].reverse(),
    );
    expect(await (await withKey(stack, lister, "/api/v1/jobs?status=failed")).json()).toEqual({
      jobs: [],
      nextCursor: null,
    });
    const { key: stranger } = await createKey(stack, "stranger");
    expect(await (await withKey(stack, stranger, "/api/v1/jobs")).json()).toEqual({ jobs: [], nextCursor: null });
  });

  it.each(["status=done", "status=", "limit=0", "limit=many", "cursor="])(
    "400 naming the field for ?%s",
    async (query) => {
      const res = await withKey(stack, key, `/api/v1/jobs?${query}`);
      expect(res.status).toBe(400);
      const body = await res.json();
      expect(body.code).toBe("INVALID_ARGUMENT");
      expect(body.fields[0].path).toBe(query.split("=")[0]);
    },
  );

  it("400 naming cursor for a cursor Convex never returned", async () => {
    const res = await withKey(stack, key, "/api/v1/jobs?cursor=!!!");
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain("cursor");
  });

  it("needs the generate permission", async () => {
    const { key: reader } = await createKey(stack, "jobs", ["images:read"]);
    const res = await withKey(stack, reader, "/api/v1/jobs");
    expect(res.status).toBe(403);
    expect((await res.json()).message).toContain('API key does not have the "generate" permission');
  });
});

describe("POST /api/v1/jobs/:jobId/cancel", () => {
  it("cancels a queued job and refunds it; an ended job is 409; others' and unknown ids are 404", async () => {
    process.env.PIXORLY_MAX_IN_FLIGHT = "1";
    try {
      const { key: canceller, user } = await createKey(stack, "canceller");
      const slow = { ...request, model: "local/nebula", parameters: { width: 1024, height: 1024, numImages: 2 } };
      const running = (await (await postJsonWithKey(stack, canceller, "/api/v1/generate", slow)).json()).jobId;
      const queued = (await (await postJsonWithKey(stack, canceller, "/api/v1/generate", request)).json()).jobId;

      const { key: stranger } = await createKey(stack, "stranger");
      for (const [who, id] of [
        [stranger, queued],
        [canceller, "garbage"],
        [canceller, "jd7f3k2m9x8q1w4e5r6t7y8u9i0o1p2a"],
      ]) {
        const res = await withKey(stack, who, `/api/v1/jobs/${id}/cancel`, { method: "POST" });
        expect(res.status).toBe(404);
        expect((await res.json()).code).toBe("NOT_FOUND");
      }

      const res = await withKey(stack, canceller, `/api/v1/jobs/${queued}/cancel`, { method: "POST" });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ jobId: queued, status: "cancelled" });
      expect((await (await withKey(stack, canceller, `/api/v1/status/${queued}`)).json()).status).toBe("cancelled");
      expect(jobIdsOf(await (await withKey(stack, canceller, "/api/v1/jobs?status=cancelled")).json())).toEqual([
        queued,
      ]);

      const again = await withKey(stack, canceller, `/api/v1/jobs/${queued}/cancel`, { method: "POST" });
      expect(again.status).toBe(409);
      expect((await again.json()).message).toContain("cancelled");
      await waitForJob(stack, canceller, running);
      // Only the running job was charged: 2 images of nebula.
      const me = await user.query(jobsMe, {});
      expect(me?.credits).toBe(
        2000 - (await (await withKey(stack, canceller, `/api/v1/status/${running}`)).json()).cost,
      );
    } finally {
      delete process.env.PIXORLY_MAX_IN_FLIGHT;
    }
  }, 30_000);
});
