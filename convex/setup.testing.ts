/// <reference types="vite/client" />
/** Shared setup for the convex-test unit tests: the app's modules, a test backend, signed-in callers. */
import { ConvexError } from "convex/values";
import { expect } from "vitest";
import { convexTest } from "convex-test";
import schema from "./schema";

// Loaded lazily: only the modules a test calls are imported.
export const modules = import.meta.glob(["./**/*.ts", "./_generated/*.js", "!./**/*.test.ts"]);

export function newBackend() {
  return convexTest(schema, modules);
}

export type Backend = ReturnType<typeof newBackend>;

/** A caller as Convex sees them after verifying an edge API token. */
export function signedIn(t: Backend, subject: string, scp?: string[]) {
  return t.withIdentity({
    subject,
    issuer: "https://edge.test",
    tokenIdentifier: `https://edge.test|${subject}`,
    ...(scp ? { scp } : {}),
  });
}

/** A partner's user as Convex sees them after verifying an embed token (`pid`, `pver` as the edge mints them). */
export function partnerUser(
  t: Backend,
  partnerId: string,
  userId: string,
  opts: { scp?: string[]; pver?: number } = {},
) {
  const subject = `partner:${partnerId}:${userId}`;
  return t.withIdentity({
    subject,
    issuer: "https://edge.test",
    tokenIdentifier: `https://edge.test|${subject}`,
    scp: opts.scp ?? ["generate", "images:read"],
    pid: partnerId,
    ...(opts.pver !== undefined ? { pver: opts.pver } : {}),
  });
}

/** The edge API's service identity (same issuer as the user tokens above). */
export function service(t: Backend) {
  return signedIn(t, "service:edge-api", ["service"]);
}

/** The data of the `ConvexError` a call fails with; fails the test if it succeeds or throws anything else. */
export async function errorOf(p: Promise<unknown>) {
  const e = await p.then(
    () => null,
    (err) => err,
  );
  expect(e).toBeInstanceOf(ConvexError);
  return (e as ConvexError<{ code: string; message: string; fields?: { field: string }[] }>).data;
}

/** The error code a call fails with (see `errorOf`). */
export async function codeOf(p: Promise<unknown>) {
  return (await errorOf(p)).code;
}
