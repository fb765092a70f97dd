/**
 * A REST API app over a fake Convex for `app.request` tests: a key that verifies with the given
 * permissions (an Enterprise owner, so no daily count), CloudFront signing keys for image URLs.
 */
import { cloudFrontEnv, generateCloudFrontKeyPair } from "../../../cdn/key-pair";
import { testApp, type FakeHandler } from "../../../../test/helpers";

export const KEY = `px_${"k".repeat(43)}`;
export const ALL_PERMISSIONS = ["generate", "images:read", "images:write", "collections:write"];

export async function restApp(handlers: Record<string, FakeHandler>, permissions = ALL_PERMISSIONS) {
  const pair = await generateCloudFrontKeyPair("KUNIT");
  return testApp({
    env: cloudFrontEnv(pair),
    convex: {
      "apiKeys:verify": () => ({ keyId: "key1", subject: "local:ada", permissions, plan: "enterprise" }),
      ...handlers,
    },
  });
}

/** `app.request` init with the key, and a JSON body when given. */
export function withKey(method: string, body?: unknown): RequestInit {
  return {
    method,
    headers: { Authorization: `Bearer ${KEY}`, ...(body !== undefined ? { "Content-Type": "application/json" } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  };
}
