/**
 * Account export and deletion end to end: convex-local running convex/, s3rver, real images from
 * the local models. A large account is exported (the ZIP read back from S3 and unzipped) and then
 * deleted: afterwards no object under its S3 prefixes and no document naming it remains.
 */
import { GetObjectCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { ConvexHttpClient, type ConvexClient } from "convex/browser";
import { unzipSync, strFromU8 } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, internal } from "../convex/_generated/api.js";
import type { Id } from "../convex/_generated/dataModel.js";
import { waitFor } from "../packages/convex-local/test/harness.js";
import { codeOf, startBackendStack, type BackendStack } from "./stack.js";
import { jobIdOf } from "../convex/jobResult.testing";

/** Images the account is filled with (64×64, four per job), unless `FILL_BUDGET_MS` runs out first. */
const TARGET_IMAGES = 500;
const PER_JOB = 4;
const FILL_BUDGET_MS = 60_000;
const SLOW_MS = 120_000;
const EMAIL = "deleter@example.com";

let stack: BackendStack;
let owner: ConvexClient;
let userId: Id<"users">;
let s3: S3Client;
/** The admin key's client: internal functions, as `npx convex run` calls them. */
let admin: { query(ref: unknown, args: unknown): Promise<any>; mutation(ref: unknown, args: unknown): Promise<any> };
let images = 0;

async function keysUnder(prefix: string): Promise<string[]> {
  const listed = await s3.send(new ListObjectsV2Command({ Bucket: stack.s3.bucket, Prefix: prefix }));
  return (listed.Contents ?? []).map((o) => o.Key!);
}

async function objectBytes(key: string): Promise<Uint8Array> {
  const object = await s3.send(new GetObjectCommand({ Bucket: stack.s3.bucket, Key: key }));
  return await object.Body!.transformToByteArray();
}

beforeAll(
  async () => {
    stack = await startBackendStack("account");
    s3 = new S3Client({
      endpoint: stack.s3.endpoint,
      region: "us-east-1",
      forcePathStyle: true,
      credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    });
    const http = new ConvexHttpClient(stack.server.url) as unknown as typeof admin & {
      setAdminAuth(key: string): void;
    };
    http.setAdminAuth(stack.server.adminKey);
    admin = http;
    owner = await stack.clientFor("deleter", { email: EMAIL });
    ({ userId } = await owner.mutation(api.users.ensure, {}));
    // Enterprise: no monthly cap and an hourly one above 500, so the plan does not stop the fill.
    await admin.mutation(internal.users.updateAccount, { userId, plan: "enterprise", credits: 10_000_000 });

    const started = Date.now();
    const jobs: string[] = [];
    while (jobs.length * PER_JOB < TARGET_IMAGES && Date.now() - started < FILL_BUDGET_MS) {
      const request = {
        prompt: `tile ${jobs.length}`,
        model: "local/aurora",
        parameters: { width: 64, height: 64, seed: jobs.length, numImages: PER_JOB },
      };
      const created = await owner
        .mutation(api.jobs.create, request)
        .then(jobIdOf)
        .catch((e: { data?: { code?: string } }) => {
          if (e.data?.code === "TOO_MANY_ACTIVE_JOBS") return null;
          throw e;
        });
      if (created) jobs.push(created);
      else await new Promise((r) => setTimeout(r, 100));
    }
    for (const jobId of jobs) {
      await waitFor(
        async () => (await owner.query(api.jobs.get, { jobId }))?.status === "completed",
        `job ${jobId}`,
        SLOW_MS,
      );
    }
    images = (await keysUnder(`images/${userId}/`)).length;
    console.log(`account e2e: ${images} images from ${jobs.length} jobs in ${Date.now() - started} ms`);
    const collection = await owner.mutation(api.collections.create, { name: "Tiles" });
    const firstIds = (await owner.query(api.images.list, { paginationOpts: { numItems: 3, cursor: null } })).page.map(
      (i) => i._id,
    );
    await owner.mutation(api.collections.addImages, { id: collection, imageIds: firstIds });
  },
  FILL_BUDGET_MS + 2 * SLOW_MS,
);
afterAll(() => stack?.close());

describe("account export and deletion", () => {
  it("fills the account (the figure the deletion is measured on)", () => {
    expect(images).toBeGreaterThanOrEqual(100);
  });

  it(
    "exports a ZIP to S3 with metadata.json and the images' bytes, and mails that it is ready",
    async () => {
      const started = Date.now();
      const exportId = await owner.mutation(api.account.requestExport, {});
      const ready = await waitFor(
        async () => {
          const row = (await owner.query(api.account.exports, {})).find((e) => e.id === exportId);
          if (row?.status === "failed") throw new Error("export failed");
          return row?.status === "ready" ? row : null;
        },
        "the export",
        SLOW_MS,
      );
      console.log(`account e2e: export of ${images} images, ${ready.size} bytes in ${Date.now() - started} ms`);

      const zip = await objectBytes(`exports/${userId}/${exportId}.zip`);
      expect(zip.length).toBe(ready.size);
      const files = unzipSync(zip);
      const metadata = JSON.parse(strFromU8(files["metadata.json"]!));
      expect(metadata.images).toHaveLength(images);
      expect(metadata.jobs.length).toBeGreaterThanOrEqual(images / PER_JOB);
      expect(metadata.collections).toEqual([expect.objectContaining({ name: "Tiles", imageIds: expect.any(Array) })]);
      expect(JSON.stringify(metadata)).not.toMatch(/tokenIdentifier|keyHash|whsec_|deleter@/);
      const first = metadata.images[0];
      const stored = await owner.query(api.images.get, { imageId: first.id });
      expect(files[first.file]).toEqual(await objectBytes(stored!.s3Key));
      expect(Object.keys(files)).toHaveLength(images + 1);

      expect((await owner.query(api.email.outbox, {})).map((m) => [m.template, m.to])).toContainEqual([
        "exportReady",
        EMAIL,
      ]);
    },
    SLOW_MS,
  );

  it(
    "deleting the account leaves no object under its prefixes and no document naming it",
    async () => {
      expect(await codeOf(owner.mutation(api.account.deleteAccount, { confirm: "yes" }))).toBe("INVALID_ARGUMENT");
      const started = Date.now();
      await owner.mutation(api.account.deleteAccount, { confirm: "DELETE" });
      expect(
        await codeOf(
          owner
            .mutation(api.jobs.create, { prompt: "late", model: "local/aurora", parameters: { width: 64, height: 64 } })
            .then(jobIdOf),
        ),
      ).toBe("FORBIDDEN");
      await waitFor(
        async () => (await admin.query(internal.account.deletionStatus, { userId })) === "deleted",
        "the deletion",
        SLOW_MS,
      );
      await waitFor(
        async () =>
          (await keysUnder(`images/${userId}/`)).length + (await keysUnder(`exports/${userId}/`)).length === 0,
        "the S3 objects",
        SLOW_MS,
      );
      console.log(`account e2e: deleted ${images} images and their account in ${Date.now() - started} ms`);

      // Every user table, read straight from convex-local's store: nothing may name the user any more.
      const store = stack.server.engine.store;
      const naming: string[] = [];
      let read = 0;
      let stored = 0;
      for (const table of store.tableNames().filter((name) => !name.startsWith("_"))) {
        stored += store.count(table);
        for (const { id } of store.scan(`${table}.by_creation_time`, Buffer.alloc(0), Buffer.alloc(64, 0xff), "asc")) {
          const doc = store.get(id)?.doc;
          read += 1;
          if (doc && JSON.stringify(doc).includes(userId)) naming.push(table);
        }
      }
      // The walk saw every stored document (so an empty result means something).
      expect(read).toBe(stored);
      expect(read).toBeGreaterThan(0);
      expect(naming).toEqual([]);

      const mail = await admin.query(internal.email.allOutbox, {});
      expect(mail).toContainEqual(expect.objectContaining({ to: EMAIL, template: "accountDeleted", userId: null }));
    },
    2 * SLOW_MS,
  );
});
