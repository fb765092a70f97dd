/**
 * Issue 16, "a URL the user owns in Pixorly": a generation input given as one of the caller's
 * image URLs (signed, public share link, download, with a transform) works like its image id, on
 * convex-local + s3rver. Every bad URL — another user's image, a deleted image, a foreign host, a
 * path that is no image, garbage — is refused naming `input.imageUrl`, with nothing charged, no
 * job made and no storage counted. The CDN base here is the issuer's `/cdn` (the edge's default).
 */
import type { ConvexClient } from "convex/browser";
import { ConvexError } from "convex/values";
import { makeFunctionReference } from "convex/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBackendStack, type BackendStack, finishedJob } from "./stack";

type Job = { status: string; resultImageIds: string[]; error?: { message: string } };
type Image = { s3Key: string; lineage?: Record<string, string> };
const jobsCreate = makeFunctionReference<"mutation", Record<string, unknown>, string>("jobs:create");
const jobsGet = makeFunctionReference<"query", { jobId: string }, Job | null>("jobs:get");
const jobsList = makeFunctionReference<
  "query",
  { paginationOpts: { numItems: number; cursor: string | null } },
  { page: unknown[] }
>("jobs:list");
const jobsMe = makeFunctionReference<"query", Record<string, never>, { storageUsed: number; credits: number } | null>(
  "jobs:me",
);
const imagesGet = makeFunctionReference<"query", { imageId: string }, Image | null>("images:get");
const imagesRemove = makeFunctionReference<"mutation", { id: string }, unknown>("images:remove");

let stack: BackendStack;
let owner: ConvexClient;
let stranger: ConvexClient;

beforeAll(async () => {
  stack = await startBackendStack("image-url-inputs");
  owner = await stack.clientFor("url-owner");
  stranger = await stack.clientFor("url-stranger");
}, 60_000);
afterAll(async () => {
  await stack?.close();
});

async function generate(client: ConvexClient, request: Record<string, unknown>): Promise<string> {
  const job = await finishedJob(client, await client.mutation(jobsCreate, request));
  expect(job.error?.message ?? job.status).toBe("completed");
  return job.resultImageIds[0]!;
}

const text = { prompt: "a red fox in snow", model: "local/aurora", parameters: { width: 128, height: 128, seed: 7 } };
const cdn = () => `${stack.issuer.url}/cdn`;
const urlOf = async (client: ConvexClient, imageId: string) =>
  `${cdn()}/${(await client.query(imagesGet, { imageId }))!.s3Key}`;
const variationsOf = (imageUrl: string) => ({
  ...text,
  prompt: "",
  input: { operation: "variations", imageUrl },
});

/** The code, message and fields a create is refused with. */
async function refusal(client: ConvexClient, request: Record<string, unknown>) {
  const error = await client.mutation(jobsCreate, request).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConvexError);
  const data = (error as ConvexError<{ code: string; fields?: { field: string; message: string }[] }>).data;
  return { code: data.code, fields: data.fields ?? [] };
}

describe("input.imageUrl", () => {
  it("takes the caller's image by its signed, public, download or transformed URL, with lineage to it", async () => {
    const sourceId = await generate(owner, text);
    const plain = await urlOf(owner, sourceId);
    for (const url of [
      `${plain}?w=256&f=webp&Expires=1893456000&Signature=abc~&Key-Pair-Id=KTEST`,
      plain,
      `${plain}?download=fox`,
    ]) {
      const imageId = await generate(owner, variationsOf(url));
      expect((await owner.query(imagesGet, { imageId }))!.lineage).toEqual({
        operation: "variations",
        sourceImageId: sourceId,
      });
    }
    // An idempotent retry by URL is the same request as by id.
    const byUrl = await owner.mutation(jobsCreate, { ...variationsOf(plain), idempotencyKey: "url-retry-1" });
    const byId = await owner.mutation(jobsCreate, {
      ...text,
      prompt: "",
      input: { operation: "variations", imageId: sourceId },
      idempotencyKey: "url-retry-1",
    });
    expect(byId).toBe(byUrl);
    await finishedJob(owner, byUrl);
  });

  it("refuses another user's image, a deleted image, foreign hosts, non-image paths and garbage, charging nothing", async () => {
    const sourceId = await generate(owner, text);
    const ownersUrl = await urlOf(owner, sourceId);
    const deletedId = await generate(stranger, text);
    const deletedUrl = await urlOf(stranger, deletedId);
    await stranger.mutation(imagesRemove, { id: deletedId });

    const before = await stranger.query(jobsMe, {});
    const jobsBefore = (await stranger.query(jobsList, { paginationOpts: { numItems: 100, cursor: null } })).page
      .length;
    const cases: [string, RegExp][] = [
      [ownersUrl, /belongs to another account/],
      [deletedUrl, /No image of yours is at this URL \(it may have been deleted\)/],
      [
        deletedUrl.replace(cdn(), "https://evil.example/cdn"),
        /^Only Pixorly image URLs \(127\.0\.0\.1:\d+\) are accepted, not evil\.example$/,
      ],
      [`${cdn()}/inputs/whatever/abc.png`, /does not point to an image/],
      ["not a url at all", /must be an http\(s\) URL/],
      ["javascript:alert(1)", /must be an http\(s\) URL/],
    ];
    for (const [url, message] of cases) {
      const refused = await refusal(stranger, variationsOf(url));
      expect(refused.code).toBe("INVALID_ARGUMENT");
      expect(refused.fields.map((f) => f.field)).toEqual(["input.imageUrl"]);
      expect(refused.fields[0]!.message).toMatch(message);
    }
    // Two sources at once are refused before any URL is looked at.
    const both = await refusal(stranger, {
      ...text,
      input: { operation: "img2img", imageId: deletedId, imageUrl: deletedUrl },
    });
    expect(both.fields.map((f) => f.field)).toEqual(["input.imageId"]);

    expect(await stranger.query(jobsMe, {})).toEqual(before);
    expect((await stranger.query(jobsList, { paginationOpts: { numItems: 100, cursor: null } })).page).toHaveLength(
      jobsBefore,
    );
  });
});
