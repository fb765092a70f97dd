/**
 * Test helpers: a test environment with fresh keys, a fake Convex for `app.request` tests,
 * and `startStack()` (convex-local + s3rver + the edge API on real loopback ports) for
 * end-to-end tests.
 */
import { getFunctionName, type FunctionReference } from "convex/server";
import { ConvexError } from "convex/values";
import { createApp, type EdgeDeps, type EdgeEnv } from "../src/app";
import type { ConvexCaller, ConvexClientFactory } from "../src/lib/convex";
import { generateSigningKey } from "../src/lib/keys";
import type { LogEntry } from "../src/lib/logger";

/** Loopback: the tests run in local mode, which loadConfig allows only on a loopback PUBLIC_URL. */
export const TEST_PUBLIC_URL = "http://127.0.0.1:8787";
export const TEST_AUDIENCE = "pixorly";
export const DEMO_ORIGIN = "http://127.0.0.1:5173";

/** A complete test environment with a fresh signing key (so no two tests share keys). */
export async function testEnv(overrides: Partial<EdgeEnv> = {}): Promise<EdgeEnv> {
  const key = await generateSigningKey("test-key-1");
  return {
    PUBLIC_URL: TEST_PUBLIC_URL,
    PIXORLY_EDGE_AUDIENCE: TEST_AUDIENCE,
    CONVEX_URL: "http://convex.test",
    LOCAL_MODE: "1",
    SIGNING_KEYS: JSON.stringify([key]),
    CORS_ORIGINS: DEMO_ORIGIN,
    ...overrides,
  };
}

/** One call the fake Convex received. */
export interface ConvexCall {
  name: string;
  args: unknown;
  token?: string;
}

export type FakeHandler = (args: any, token: string | undefined) => unknown;

/**
 * A Convex stand-in keyed by function name (`"partners:authenticate"`). Handlers may throw
 * `new ConvexError({ code, message })` as Convex functions do; unknown functions throw.
 */
export function fakeConvex(handlers: Record<string, FakeHandler> = {}) {
  const calls: ConvexCall[] = [];
  const factory: ConvexClientFactory = ({ token }) => {
    const call = async (ref: FunctionReference<any>, args: unknown = {}) => {
      const name = getFunctionName(ref);
      calls.push({ name, args, token });
      const handler = handlers[name];
      if (!handler) throw new Error(`fake Convex: no handler for ${name}`);
      return handler(args, token);
    };
    return { query: call, mutation: call, action: call } as unknown as ConvexCaller;
  };
  return { factory, calls, handlers };
}

export { ConvexError };

/** An app for `app.request` tests, with its logs captured (instead of printed). */
export async function testApp(
  options: { env?: Partial<EdgeEnv>; deps?: Partial<EdgeDeps>; convex?: Record<string, FakeHandler> } = {},
) {
  const env = await testEnv(options.env);
  const logs: LogEntry[] = [];
  const convex = fakeConvex(options.convex);
  const app = createApp(env, { logger: (e) => logs.push(e), convexClient: convex.factory, ...options.deps });
  return { app, env, logs, convex };
}

/** `app.request` init for a JSON POST. */
export function postJson(body: unknown, headers: Record<string, string> = {}): RequestInit {
  return { method: "POST", headers: { "Content-Type": "application/json", ...headers }, body: JSON.stringify(body) };
}

export { startStack, type Stack } from "./stack";
