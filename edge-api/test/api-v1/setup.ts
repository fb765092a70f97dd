/**
 * Shared setup of the REST API end-to-end tests: the whole stack (convex-local + s3rver + the
 * edge API), users signed in through the offline dev sign-in, API keys made through the real
 * `apiKeys:create`, and requests through `app.request` with a key.
 */
import { ConvexHttpClient } from "convex/browser";
import { makeFunctionReference } from "convex/server";
import { expect } from "vitest";
import { cloudFrontEnv, generateCloudFrontKeyPair } from "../../src/cdn/key-pair";
import { transformImage } from "../../src/cdn/transform";
import { startStack, type Stack } from "../helpers";

export const apiKeysCreate = makeFunctionReference<
  "mutation",
  { name: string; permissions: string[]; expiresAt?: number },
  { id: string; key: string; prefix: string }
>("apiKeys:create");
export const apiKeysRevoke = makeFunctionReference<"mutation", { id: string }, null>("apiKeys:revoke");
const usersEnsure = makeFunctionReference<"mutation", Record<string, never>, { userId: string }>("users:ensure");

export const ALL_PERMISSIONS = ["generate", "images:read", "images:write", "collections:write"];

/** The stack with CloudFront signing keys and an adjustable clock for the edge API (`clock.offset`). */
export async function startRestStack() {
  const clock = { offset: 0 };
  const pair = await generateCloudFrontKeyPair("KREST");
  const stack = await startStack({
    env: cloudFrontEnv(pair),
    deps: { imageTransformer: transformImage, now: () => Date.now() + clock.offset },
  });
  return { stack, clock };
}

/** A Convex client signed in as `local:<userId>` with a token from the edge API's dev sign-in. */
export async function signIn(stack: Stack, userId: string): Promise<ConvexHttpClient> {
  const res = await stack.app.request("/v1/dev/token", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ userId }),
  });
  expect(res.status).toBe(200);
  const client = new ConvexHttpClient(stack.convexUrl, { logger: false });
  client.setAuth((await res.json()).token);
  return client;
}

export async function userIdOf(client: ConvexHttpClient): Promise<string> {
  return (await client.mutation(usersEnsure, {})).userId;
}

/** A new API key of `userId`'s, made the way a developer makes one. */
export async function createKey(stack: Stack, userId: string, permissions = ALL_PERMISSIONS, expiresAt?: number) {
  const user = await signIn(stack, userId);
  return {
    user,
    ...(await user.mutation(apiKeysCreate, { name: "test key", permissions, ...(expiresAt ? { expiresAt } : {}) })),
  };
}

/** `app.request` with the key as the bearer credential. */
export function withKey(stack: Stack, key: string | null, path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (key !== null) headers.set("Authorization", `Bearer ${key}`);
  return Promise.resolve(stack.app.request(path, { ...init, headers }));
}

export function postJsonWithKey(
  stack: Stack,
  key: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
) {
  return withKey(stack, key, path, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
}

/** Polls `GET /api/v1/status/:jobId` until the job has ended. */
export async function waitForJob(stack: Stack, key: string, jobId: string) {
  for (let i = 0; i < 200; i++) {
    const res = await withKey(stack, key, `/api/v1/status/${jobId}`);
    expect(res.status).toBe(200);
    const body = await res.json();
    if (["completed", "failed", "cancelled"].includes(body.status)) return body;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`job ${jobId} did not finish`);
}

export const request = {
  prompt: "a lighthouse in fog",
  model: "local/aurora",
  parameters: { width: 256, height: 256, seed: 5 },
};

/** Generates one image through the REST API and returns its id. */
export async function generateImage(stack: Stack, key: string) {
  const res = await postJsonWithKey(stack, key, "/api/v1/generate", request);
  expect(res.status).toBe(202);
  const job = await waitForJob(stack, key, (await res.json()).jobId);
  expect(job.status).toBe("completed");
  return job.images[0].id as string;
}

export type { Stack };
