/** The generation pipeline end to end: convex-local running convex/, s3rver, the official ConvexClient. */
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { ConvexHttpClient } from "convex/browser";
import { ConvexError } from "convex/values";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api } from "../convex/_generated/api.js";
import { waitFor } from "../packages/convex-local/test/harness.js";
import { startBackendStack, type BackendStack } from "./stack.js";
import { jobIdOf } from "../convex/jobResult.testing";

let stack: BackendStack;
let server: BackendStack["server"];
let s3: BackendStack["s3"];
const clientFor = (sub: string) => stack.clientFor(sub);

beforeAll(async () => {
  stack = await startBackendStack("e2e");
  ({ server, s3 } = stack);
});
afterAll(() => stack?.close());

const request = {
  prompt: "a blue ocean at night",
  model: "local/aurora",
  parameters: { width: 256, height: 256, seed: 7 },
};

describe("generation pipeline", () => {
  it("lists the built-in local models", async () => {
    const models = await new ConvexHttpClient(server.url).query(api.models.list, {});
    expect(models.map((m) => m.id)).toEqual(expect.arrayContaining(["local/aurora", "local/mosaic", "local/nebula"]));
  });

  it("a prompt becomes a completed job with its image in S3, seen live, and credits charged", async () => {
    const client = await clientFor("painter");
    const statuses: string[] = [];
    const jobId = await client.mutation(api.jobs.create, request).then(jobIdOf);
    const done = await new Promise<NonNullable<Awaited<ReturnType<typeof client.query<typeof api.jobs.get>>>>>(
      (resolve) => {
        client.onUpdate(api.jobs.get, { jobId }, (job) => {
          if (job && statuses.at(-1) !== job.status) statuses.push(job.status);
          if (job?.status === "completed" || job?.status === "failed") resolve(job);
        });
      },
    );
    expect(done.status).toBe("completed");
    expect(statuses.at(-1)).toBe("completed");
    expect(done.resultImageIds).toHaveLength(1);
    expect(done.actualCost).toBe(1);
    const me = await client.query(api.jobs.me, {});
    expect(me?.credits).toBe(2000 - 1);
    expect(me?.storageUsed).toBeGreaterThan(0);

    const s3client = new S3Client({
      endpoint: s3.endpoint,
      forcePathStyle: true,
      region: "us-east-1",
      credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    });
    const listed = await s3client.send(
      new GetObjectCommand({ Bucket: s3.bucket, Key: `images/${done.userId}/${jobId}/0.png` }),
    );
    const bytes = await listed.Body!.transformToByteArray();
    expect([...bytes.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
  });

  it("another user's job id shows null, and cancel of it is not found", async () => {
    const owner = await clientFor("owner");
    const jobId = await owner.mutation(api.jobs.create, { ...request, idempotencyKey: "own-1" }).then(jobIdOf);
    const stranger = await clientFor("stranger");
    expect(await stranger.query(api.jobs.get, { jobId })).toBeNull();
    const err = await stranger.mutation(api.jobs.cancel, { jobId }).catch((e) => e);
    expect(err).toBeInstanceOf(ConvexError);
    expect(err.data.code).toBe("NOT_FOUND");
    expect(await stranger.query(api.jobs.get, { jobId: "garbage" })).toBeNull();
  });

  it("a repeated submit with the same idempotency key returns the same job and charges once", async () => {
    const client = await clientFor("retrier");
    const a = await client.mutation(api.jobs.create, { ...request, idempotencyKey: "same-key" }).then(jobIdOf);
    const b = await client.mutation(api.jobs.create, { ...request, idempotencyKey: "same-key" }).then(jobIdOf);
    expect(b).toBe(a);
    await waitFor(async () => (await client.query(api.jobs.get, { jobId: a }))?.status === "completed", "completion");
    expect((await client.query(api.jobs.me, {}))?.credits).toBe(1999);
  });

  it("bad input gets errors that name the field, and nothing is charged", async () => {
    const client = await clientFor("careless");
    const cases: [Record<string, unknown>, string][] = [
      [{ ...request, prompt: "   " }, "prompt"],
      [{ ...request, model: "local/unknown" }, "model"],
      [{ ...request, parameters: { width: 100, height: 256 } }, "parameters.width"],
      [{ ...request, parameters: { width: 256, height: 256, numImages: 9 } }, "parameters.numImages"],
    ];
    for (const [args, field] of cases) {
      const err = await client
        .mutation(api.jobs.create, args as never)
        .then(jobIdOf)
        .catch((e) => e);
      if (err instanceof ConvexError) {
        expect((err.data as { code: string }).code).toBe("INVALID_ARGUMENT");
        expect(JSON.stringify((err.data as { fields?: unknown }).fields)).toContain(field);
      } else {
        expect(String(err)).toMatch(new RegExp(field.split(".").at(-1)!));
      }
    }
    expect(await client.query(api.jobs.me, {})).toBeNull();
  });

  it("an unauthenticated caller cannot create a job", async () => {
    const anon = new ConvexHttpClient(server.url);
    const err = await anon
      .mutation(api.jobs.create, request)
      .then(jobIdOf)
      .catch((e) => e);
    expect(err.data?.code).toBe("UNAUTHENTICATED");
  });

  it("cancelling a queued job and a running job refunds both, and the running one produces no images", async () => {
    process.env.PIXORLY_MAX_IN_FLIGHT = "1";
    try {
      const client = await clientFor("canceller");
      const slow = { ...request, model: "local/nebula", parameters: { width: 2048, height: 2048, numImages: 4 } };
      const running = await client.mutation(api.jobs.create, slow).then(jobIdOf);
      const queued = await client.mutation(api.jobs.create, slow).then(jobIdOf);
      await waitFor(
        async () => (await client.query(api.jobs.get, { jobId: running }))?.status === "processing",
        "the first job to start",
      );
      expect((await client.query(api.jobs.get, { jobId: queued }))?.status).toBe("pending");
      await client.mutation(api.jobs.cancel, { jobId: queued });
      await client.mutation(api.jobs.cancel, { jobId: running });
      expect((await client.query(api.jobs.me, {}))!.credits).toBe(2000);
      // The running render finishes, but its result must be thrown away.
      await new Promise((r) => setTimeout(r, 4000));
      for (const jobId of [running, queued]) {
        expect(await client.query(api.jobs.get, { jobId })).toMatchObject({ status: "cancelled", resultImageIds: [] });
      }
      expect((await client.query(api.images.list, { paginationOpts: { numItems: 5, cursor: null } })).page).toEqual([]);
      expect((await client.query(api.jobs.me, {}))!.credits).toBe(2000);
    } finally {
      delete process.env.PIXORLY_MAX_IN_FLIGHT;
    }
  }, 20_000);

  it("50 simultaneous creates for a user whose credits cover 20: exactly 20 accepted, balance never negative", async () => {
    process.env.PIXORLY_MAX_ACTIVE_JOBS = "50";
    try {
      const client = await clientFor("rush");
      const { userId } = await client.mutation(api.users.ensure, {});
      // 20 jobs' worth: local/nebula costs 2 credits an image, 4 images a job.
      await server.engine.runMutation("users:updateAccount", { userId, credits: 160 }, null, { publicOnly: false });
      const heavy = { ...request, model: "local/nebula", parameters: { width: 64, height: 64, numImages: 4 } };
      const balances: number[] = [];
      const watcher = client.onUpdate(api.jobs.me, {}, (me) => me && balances.push(me.credits));
      const results = await Promise.allSettled(
        Array.from({ length: 50 }, () => client.mutation(api.jobs.create, heavy).then(jobIdOf)),
      );
      const accepted = results.filter((r) => r.status === "fulfilled");
      const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      expect(accepted).toHaveLength(20);
      expect(
        refused.every((r) => (r.reason as ConvexError<{ code: string }>).data.code === "INSUFFICIENT_CREDITS"),
      ).toBe(true);
      watcher();
      expect(Math.min(...balances, (await client.query(api.jobs.me, {}))!.credits)).toBeGreaterThanOrEqual(0);
    } finally {
      delete process.env.PIXORLY_MAX_ACTIVE_JOBS;
    }
  });

  it("lists, searches and reads only the caller's images; retry makes a new job with the same parameters", async () => {
    const client = await clientFor("collector");
    const first = await client.mutation(api.jobs.create, { ...request, prompt: "golden desert dunes" }).then(jobIdOf);
    await waitFor(
      async () => (await client.query(api.jobs.get, { jobId: first }))?.status === "completed",
      "first job",
    );
    const again = await client.mutation(api.jobs.retry, { jobId: first });
    expect(again).not.toBe(first);
    const retried = await waitFor(async () => {
      const j = await client.query(api.jobs.get, { jobId: again });
      return j?.status === "completed" ? j : null;
    }, "retried job");
    expect(retried.parameters).toEqual((await client.query(api.jobs.get, { jobId: first }))!.parameters);

    const page = await client.query(api.images.list, { paginationOpts: { numItems: 10, cursor: null } });
    expect(page.page).toHaveLength(2);
    expect(page.page[0]._creationTime).toBeGreaterThan(page.page[1]._creationTime);
    // A ThumbHash: a few dozen bytes of base64.
    expect(page.page[0].placeholder).toMatch(/^[A-Za-z0-9+/]{20,60}={0,2}$/);
    expect(
      (await client.query(api.images.search, { text: "desert", paginationOpts: { numItems: 10, cursor: null } })).page,
    ).toHaveLength(2);
    expect(
      await client.query(api.images.list, { paginationOpts: { numItems: 10, cursor: null }, model: "local/mosaic" }),
    ).toMatchObject({ page: [] });

    const other = await clientFor("snoop");
    expect(await other.query(api.images.get, { imageId: page.page[0]._id })).toBeNull();
    expect(
      (await other.query(api.images.search, { text: "desert", paginationOpts: { numItems: 10, cursor: null } })).page,
    ).toEqual([]);
    expect(await client.query(api.images.get, { imageId: page.page[0]._id })).toMatchObject({
      prompt: "golden desert dunes",
    });
    const jobs = await client.query(api.jobs.list, { paginationOpts: { numItems: 1, cursor: null } });
    expect(jobs.page[0]._id).toBe(again);
    expect(jobs.isDone).toBe(false);
  });

  it("the queue keeps jobs pending beyond the in-flight limit, Enterprise first, and starts them as slots free", async () => {
    process.env.PIXORLY_MAX_IN_FLIGHT = "1";
    try {
      const basic = await clientFor("queue-basic");
      const big = await clientFor("queue-enterprise");
      const { userId } = await big.mutation(api.users.ensure, {});
      await server.engine.runMutation("users:updateAccount", { userId, plan: "enterprise" }, null, {
        publicOnly: false,
      });
      const slow = { ...request, model: "local/nebula", parameters: { width: 1024, height: 1024 } };
      // The first job takes seconds, so the other two are certainly still waiting when we look.
      const a = await basic
        .mutation(api.jobs.create, { ...slow, parameters: { width: 2048, height: 2048, numImages: 4 } })
        .then(jobIdOf);
      const b = await basic.mutation(api.jobs.create, slow).then(jobIdOf);
      const e = await big.mutation(api.jobs.create, slow).then(jobIdOf);
      const active = await basic.query(api.jobs.listActive, {});
      expect(active.filter((j) => j.status === "processing").length).toBeLessThanOrEqual(1);
      const bJob = await basic.query(api.jobs.get, { jobId: b });
      const eJob = await big.query(api.jobs.get, { jobId: e });
      expect([bJob?.status, eJob?.status]).toEqual(["pending", "pending"]);
      // Enterprise jumps ahead of the older basic job.
      expect(eJob!.queuePosition).toBeLessThan(bJob!.queuePosition!);
      const order: string[] = [];
      await waitFor(
        async () => {
          for (const [id, c] of [
            [a, basic],
            [b, basic],
            [e, big],
          ] as const) {
            const j = await c.query(api.jobs.get, { jobId: id });
            if (j?.startedAt && !order.includes(id)) order.push(id);
          }
          return order.length === 3;
        },
        "all three to start",
        20_000,
      );
      expect(order.indexOf(e)).toBeLessThan(order.indexOf(b));
      for (const [id, c] of [
        [a, basic],
        [b, basic],
        [e, big],
      ] as const) {
        await waitFor(
          async () => (await c.query(api.jobs.get, { jobId: id }))?.status === "completed",
          "completion",
          20_000,
        );
      }
    } finally {
      delete process.env.PIXORLY_MAX_IN_FLIGHT;
    }
  });
});
