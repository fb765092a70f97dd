/**
 * A data export end to end (convex-local + s3rver + the edge API on loopback): the owner asks
 * Convex for an export, the background action writes the ZIP to S3, the edge API signs a link
 * with the owner's token, and the link downloads the archive as an attachment. Another user's
 * token gets a 404 for the same export.
 */
import { makeFunctionReference } from "convex/server";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cloudFrontEnv, generateCloudFrontKeyPair } from "../src/cdn/key-pair";
import { startStack, type Stack } from "./helpers";

const jobsCreate = makeFunctionReference<
  "mutation",
  { prompt: string; model: string; parameters: Record<string, unknown> },
  string
>("jobs:create");
const jobsGet = makeFunctionReference<"query", { jobId: string }, { status: string } | null>("jobs:get");
const requestExport = makeFunctionReference<"mutation", Record<string, never>, string>("account:requestExport");
const exportsList = makeFunctionReference<"query", Record<string, never>, { id: string; status: string }[]>(
  "account:exports",
);

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ env: cloudFrontEnv(await generateCloudFrontKeyPair("KEXP")) });
}, 60_000);
afterAll(async () => {
  await stack?.close();
});

const devToken = (userId: string) => stack.devToken(userId);

const client = (token: string) => stack.clientFor(token);

function until<T>(read: () => Promise<T | null>): Promise<T> {
  return new Promise((resolve, reject) => {
    const tick = async () => {
      try {
        const value = await read();
        if (value !== null) return resolve(value);
        setTimeout(tick, 100);
      } catch (error) {
        reject(error);
      }
    };
    void tick();
  });
}

const postUrl = (id: string, token: string) =>
  fetch(`${stack.edgeUrl}/v1/account/exports/${id}/url`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}` },
  });

describe("data export download (convex-local + s3rver + edge API)", () => {
  it("the signed link downloads the owner's ZIP; another user's token gets 404", async () => {
    const token = await devToken("export-owner");
    const owner = client(token);
    const jobId = await owner.mutation(jobsCreate, {
      prompt: "a lighthouse",
      model: "local/aurora",
      parameters: { width: 64, height: 64, seed: 3, numImages: 2 },
    });
    await until(async () => ((await owner.query(jobsGet, { jobId }))?.status === "completed" ? true : null));
    const exportId = await owner.mutation(requestExport, {});
    await until(async () => {
      const row = (await owner.query(exportsList, {})).find((e) => e.id === exportId);
      if (row?.status === "failed") throw new Error("export failed");
      return row?.status === "ready" ? row : null;
    });

    const stranger = await postUrl(exportId, await devToken("export-stranger"));
    expect(stranger.status).toBe(404);

    const res = await postUrl(exportId, token);
    expect(res.status).toBe(200);
    const link = await res.json();
    expect(link.filename).toMatch(/^pixorly-export-\d{4}-\d{2}-\d{2}\.zip$/);
    const download = await fetch(link.url);
    expect(download.status).toBe(200);
    expect(download.headers.get("Content-Disposition")).toContain(`filename="${link.filename}"`);
    const files = unzipSync(new Uint8Array(await download.arrayBuffer()));
    const metadata = JSON.parse(strFromU8(files["metadata.json"]!));
    expect(metadata.images).toHaveLength(2);
    expect(files[metadata.images[0].file]!.length).toBe(metadata.images[0].size);
  }, 60_000);
});
