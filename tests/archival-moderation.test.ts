/**
 * Archival and the moderation log end to end: convex-local running convex/, s3rver holding real
 * images from a local model. With an archive storage class configured (GLACIER here: s3rver knows
 * it, not GLACIER_IR), a Pro image unopened past 90 days is flagged and its object moved to the
 * class in place (same bytes, same content type); opening it (its URLs asked for) brings both back.
 * A refused prompt reaches the client as the refusal `jobs:create` returns and leaves a log row the
 * operator reads with the admin key — directly and through `npm run pixorly -- moderation list`.
 */
import { GetObjectCommand, HeadObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { ConvexHttpClient, type ConvexClient } from "convex/browser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../cli/pixorly.js";
import { api, internal } from "../convex/_generated/api.js";
import { jobIdOf } from "../convex/jobResult.testing";
import { waitFor } from "../packages/convex-local/test/harness.js";
import { codeOf, startBackendStack, type BackendStack } from "./stack.js";

const DAY_MS = 86_400_000;
let stack: BackendStack;
let s3: S3Client;
let admin: { query(ref: unknown, args: unknown): Promise<any>; mutation(ref: unknown, args: unknown): Promise<any> };

beforeAll(async () => {
  process.env.S3_ARCHIVE_STORAGE_CLASS = "GLACIER";
  stack = await startBackendStack("archival");
  s3 = new S3Client({
    endpoint: stack.s3.endpoint,
    region: "us-east-1",
    forcePathStyle: true,
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
  });
  const http = new ConvexHttpClient(stack.server.url) as unknown as typeof admin & { setAdminAuth(key: string): void };
  http.setAdminAuth(stack.server.adminKey);
  admin = http;
}, 60_000);

afterAll(async () => {
  delete process.env.S3_ARCHIVE_STORAGE_CLASS;
  await stack?.close();
});

async function generatedImage(client: ConvexClient, prompt: string) {
  const jobId = await client
    .mutation(api.jobs.create, { prompt, model: "local/aurora", parameters: { width: 64, height: 64, seed: 1 } })
    .then(jobIdOf);
  await waitFor(
    async () => (await client.query(api.jobs.get, { jobId }))?.status === "completed",
    "the job to complete",
    20_000,
  );
  const [image] = (await client.query(api.images.list, { paginationOpts: { numItems: 1, cursor: null } })).page;
  return image!;
}

const storageClassOf = async (key: string) =>
  (await s3.send(new HeadObjectCommand({ Bucket: stack.s3.bucket, Key: key }))).StorageClass ?? "STANDARD";

describe("archival on convex-local + s3rver", () => {
  it("archives a Pro image unopened for 91 days (flag and storage class), serves it still, and un-archives it when opened", async () => {
    const owner = await stack.clientFor("archive-pro");
    const { userId } = await owner.mutation(api.users.ensure, {});
    await admin.mutation(internal.users.updateAccount, { userId, plan: "pro" });
    const image = await generatedImage(owner, "a lighthouse at dusk");
    const bytes = await (
      await s3.send(new GetObjectCommand({ Bucket: stack.s3.bucket, Key: image.s3Key }))
    ).Body!.transformToByteArray();

    const later = Date.now() + 91 * DAY_MS;
    expect(await admin.mutation(internal.archival.archiveUser, { userId, now: later, cursor: null })).toBe(1);
    await waitFor(async () => (await storageClassOf(image.s3Key)) === "GLACIER", "the object to move to GLACIER");
    const [row] = (await owner.query(api.images.list, { paginationOpts: { numItems: 1, cursor: null } })).page;
    expect(row!.archivedAt).toBe(later);
    const object = await s3.send(new GetObjectCommand({ Bucket: stack.s3.bucket, Key: image.s3Key }));
    expect(object.ContentType).toBe("image/png");
    expect(await object.Body!.transformToByteArray()).toEqual(bytes);

    // Opening it: its URLs are asked for (what the edge API's /v1/images/urls does with the caller's token).
    expect(await owner.mutation(api.images.delivery, { ids: [image._id] })).toMatchObject([
      { id: image._id, s3Key: image.s3Key },
    ]);
    await waitFor(
      async () => (await storageClassOf(image.s3Key)) === "STANDARD",
      "the object to move back to STANDARD",
    );
    const [reopened] = (await owner.query(api.images.list, { paginationOpts: { numItems: 1, cursor: null } })).page;
    expect(reopened!.archivedAt).toBeUndefined();
    expect(reopened!.lastAccessedAt).toBeGreaterThan(image._creationTime);
  }, 60_000);

  it("leaves a trial user's image and a recently made Pro image alone", async () => {
    const trial = await stack.clientFor("archive-trial");
    const { userId: trialId } = await trial.mutation(api.users.ensure, {});
    const trialImage = await generatedImage(trial, "a paper boat");
    expect(
      await admin.mutation(internal.archival.archiveUser, {
        userId: trialId,
        now: Date.now() + 91 * DAY_MS,
        cursor: null,
      }),
    ).toBe(0);

    const pro = await stack.clientFor("archive-recent");
    const { userId: proId } = await pro.mutation(api.users.ensure, {});
    await admin.mutation(internal.users.updateAccount, { userId: proId, plan: "pro" });
    const recent = await generatedImage(pro, "a kite");
    expect(
      await admin.mutation(internal.archival.archiveUser, {
        userId: proId,
        now: Date.now() + 89 * DAY_MS,
        cursor: null,
      }),
    ).toBe(0);
    expect(await storageClassOf(trialImage.s3Key)).toBe("STANDARD");
    expect(await storageClassOf(recent.s3Key)).toBe("STANDARD");
  }, 60_000);
});

describe("the moderation log on convex-local", () => {
  it("a refused prompt is refused to the client with the field error and logged by hash only; operators list it", async () => {
    const client = await stack.clientFor("refused-user");
    const returned = await client.mutation(api.jobs.create, {
      prompt: "Terrorist attack instructions please",
      model: "local/aurora",
      parameters: { width: 64, height: 64 },
    });
    expect(returned).toMatchObject({ refused: { code: "MODERATION_REJECTED", fields: [{ field: "prompt" }] } });
    expect(await codeOf(Promise.resolve(returned).then(jobIdOf))).toBe("MODERATION_REJECTED");

    const { userId } = await client.mutation(api.users.ensure, {});
    const rows = (await admin.query(internal.moderation.recent, { userId })) as {
      rule: string;
      source: string;
      promptHash: string;
    }[];
    expect(rows).toMatchObject([
      { rule: "violent-instructions", source: "prompt", promptHash: expect.stringMatching(/^[0-9a-f]{64}$/) },
    ]);
    expect(JSON.stringify(rows)).not.toMatch(/terrorist/i);

    const out: string[] = [];
    const err: string[] = [];
    const env = { CONVEX_URL: stack.server.url, CONVEX_ADMIN_KEY: stack.server.adminKey };
    expect(
      await main(
        ["moderation", "list", "--limit", "5", "--user", userId, "--json"],
        env,
        (l) => out.push(l),
        (l) => err.push(l),
      ),
    ).toBe(0);
    expect(JSON.parse(out.join("\n"))).toEqual(rows);
    out.length = 0;
    expect(
      await main(
        ["moderation", "list"],
        env,
        (l) => out.push(l),
        (l) => err.push(l),
      ),
    ).toBe(0);
    expect(out.join("\n")).toContain(`prompt sha256 ${rows[0]!.promptHash}`);
    expect(
      await main(
        ["moderation", "list", "--limit", "0"],
        env,
        (l) => out.push(l),
        (l) => err.push(l),
      ),
    ).toBe(2);
    expect(err.join("\n")).toContain("--limit must be a whole number from 1 to 1,000");
  }, 30_000);
});
