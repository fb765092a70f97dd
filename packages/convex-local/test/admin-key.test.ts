/**
 * The admin key through the official clients: `ConvexHttpClient.setAdminAuth(key, actingAs?)` (what
 * `npx convex run` uses), `BaseConvexClient.setAdminAuth` over the socket (`run --watch`, `data`), the
 * `/api/run/*` HTTP API, and Convex's refusals of any other key.
 */
import { ConvexHttpClient } from "convex/browser";
import { BaseConvexClient } from "convex/browser";
import { makeFunctionReference } from "convex/server";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { ADMIN_KEY_ENV, loadAdminKey } from "../src/admin-key.js";
import { startConvexLocal } from "../src/index.js";
import { api, internal } from "./fixture/convex/_generated/api.js";
import { FIXTURE_DIR, startHarness, tempDataDir, waitFor, type Harness } from "./harness.js";

const BAD_KEY = '{"code":"BadAdminKey","message":"The provided admin key was invalid for this instance"}';

let h: Harness;

/** The client methods the CLI uses are `@internal` in the convex package's types. */
type Call = (ref: unknown, args: unknown) => Promise<any>;
type AdminHttpClient = {
  setAdminAuth(key: string, actingAs?: Record<string, unknown>): void;
  query: Call;
  mutation: Call;
  action: Call;
  function(ref: unknown, componentPath: string | undefined, args: unknown): Promise<any>;
};
type AdminSocketClient = BaseConvexClient & {
  setAdminAuth(key: string, actingAs?: Record<string, unknown>): void;
  localQueryResultByToken(token: string): unknown;
};
const httpClient = () => new ConvexHttpClient(h.server.url) as unknown as AdminHttpClient;

// First, on its own: one process holds one running convex-local at a time (the syscalls are global).
describe("admin key file", () => {
  it("is kept across restarts (not printed again); CONVEX_LOCAL_ADMIN_KEY overrides it", async () => {
    const dataDir = tempDataDir();
    try {
      const first = loadAdminKey(dataDir, undefined);
      expect(first.created).toBe(true);
      expect(loadAdminKey(dataDir, undefined)).toMatchObject({ key: first.key, created: false });
      const lines: string[] = [];
      process.env.TEST_JWT_ISSUER ??= "http://127.0.0.1:9";
      process.env.TEST_OIDC_DOMAIN ??= "http://127.0.0.1:9";
      const server = await startConvexLocal({
        dir: FIXTURE_DIR,
        dataDir,
        port: 0,
        sitePort: 0,
        workers: 0,
        log: (l) => lines.push(l),
      });
      try {
        expect(server.adminKey).toBe(first.key);
        expect(lines.some((l) => l.includes("CONVEX_SELF_HOSTED_ADMIN_KEY"))).toBe(false);
      } finally {
        await server.close();
      }
      expect(loadAdminKey(dataDir, "my-own-admin-key-0123456789").key).toBe("my-own-admin-key-0123456789");
      expect(() => loadAdminKey(dataDir, "short")).toThrow(`${ADMIN_KEY_ENV}: an admin key must be`);
      expect(() => loadAdminKey(dataDir, "has:a:colon-0123456789")).toThrow("without spaces or ':'");
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

function admin(actingAs?: Record<string, unknown>) {
  const client = httpClient();
  client.setAdminAuth(h.server.adminKey, actingAs);
  return client;
}

describe("admin key", () => {
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it("is made on first start in <data dir>/admin-key (0600) and printed once with the CONVEX_SELF_HOSTED_* lines", () => {
    const file = path.join(h.dataDir, "admin-key");
    expect(fs.readFileSync(file, "utf8").trim()).toBe(h.server.adminKey);
    expect(h.server.adminKey).toMatch(/^convex-local\|[0-9a-f]{64}$/);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(h.logs).toContain(`CONVEX_SELF_HOSTED_URL=${h.server.url}`);
    expect(h.logs).toContain(`CONVEX_SELF_HOSTED_ADMIN_KEY='${h.server.adminKey}'`);
  });

  it("calls internal queries, mutations and actions (ConvexHttpClient.setAdminAuth, and .function as `npx convex run` does)", async () => {
    const client = admin();
    expect(await client.query(internal.jobs.internalLabels, {})).toEqual(expect.any(Array));
    expect(await client.mutation(internal.messages.secretCount, {})).toEqual(expect.any(Number));
    expect(await client.function(makeFunctionReference("messages:secretCount"), undefined, {})).toEqual(
      expect.any(Number),
    );
    await expect(client.action(internal.jobs.actionJob, { label: "from-admin" })).resolves.toBeDefined();
    // Without the key the same functions do not exist for the caller.
    const user = httpClient();
    await expect(user.mutation(internal.messages.secretCount, {})).rejects.toThrow(
      "Could not find public function for 'messages:secretCount'",
    );
  });

  it("has no user identity by default and acts as the given identity (the CLI's --identity)", async () => {
    expect(await admin().query(api.messages.whoami, {})).toBeNull();
    const who = await admin({
      subject: "user-42",
      issuer: "https://issuer.test",
      name: "Ada",
      custom: { role: "x" },
    }).query(api.messages.whoami, {});
    expect(who).toEqual({
      subject: "user-42",
      issuer: "https://issuer.test",
      tokenIdentifier: "https://issuer.test|user-42",
      name: "Ada",
      custom: { role: "x" },
    });
    const given = await admin({ tokenIdentifier: "custom|id", subject: "s" }).mutation(api.messages.whoamiMutation, {});
    expect(given).toBe("s");
    // Non-ASCII survives the client's UTF-8 → base64 encoding.
    expect(
      await admin({ subject: "ü", issuer: "https://i.test", name: "Zoë" }).query(api.messages.whoami, {}),
    ).toMatchObject({ name: "Zoë" });
  });

  it("answers /api/run/<module>/<function> (Convex's HTTP API) for the admin", async () => {
    const res = await fetch(`${h.server.url}/api/run/messages/secretCount`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Convex ${h.server.adminKey}` },
      body: JSON.stringify({ args: {}, format: "json" }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "success", value: expect.any(Number) });
    const anonymous = await fetch(`${h.server.url}/api/run/messages/count`, {
      method: "POST",
      body: JSON.stringify({ args: {} }),
    });
    expect(await anonymous.json()).toMatchObject({ status: "success", value: expect.any(Number) });
  });

  it("refuses any other key with Convex's 401 BadAdminKey, on every route, identity or not", async () => {
    const wrong = httpClient();
    // Another last hex digit (the key's own last digit is "0" one time in sixteen).
    const key = h.server.adminKey;
    wrong.setAdminAuth(`${key.slice(0, -1)}${key.endsWith("0") ? "1" : "0"}`);
    await expect(wrong.query(api.messages.count, {})).rejects.toThrow(BAD_KEY);
    await expect(wrong.mutation(internal.messages.secretCount, {})).rejects.toThrow(BAD_KEY);
    await expect(wrong.action(api.errors.inAction, {})).rejects.toThrow(BAD_KEY);
    wrong.setAdminAuth("convex-local|nope", { subject: "a", issuer: "https://b" });
    await expect(wrong.query(api.messages.whoami, {})).rejects.toThrow(BAD_KEY);
    for (const route of ["/api/query", "/api/mutation", "/api/action", "/api/function", "/api/run/messages/count"]) {
      const res = await fetch(`${h.server.url}${route}`, {
        method: "POST",
        headers: { Authorization: "Convex guessed-key" },
        body: JSON.stringify({ path: "messages:count", args: {} }),
      });
      expect([route, res.status, await res.text()]).toEqual([route, 401, BAD_KEY]);
    }
  });

  it("refuses a malformed acting-as identity with 400 HeaderParseFailure", async () => {
    const res = await fetch(`${h.server.url}/api/query`, {
      method: "POST",
      headers: { Authorization: `Convex ${h.server.adminKey}:!!notbase64json`, "Content-Type": "application/json" },
      body: JSON.stringify({ path: "messages:whoami", args: {} }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ code: "HeaderParseFailure", message: "Malformed Authorization header." });
    const client = admin({ name: "no subject or issuer" });
    await expect(client.query(api.messages.whoami, {})).rejects.toThrow(
      'Either \\"tokenIdentifier\\" or \\"issuer\\" and \\"subject\\" must be set',
    );
  });

  it("works over the socket as the CLI's BaseConvexClient.setAdminAuth sends it; a wrong key gets an AuthError", async () => {
    const seen: unknown[] = [];
    const client = new BaseConvexClient(
      h.server.url,
      (tokens) => {
        for (const t of tokens) seen.push(client.localQueryResultByToken(t));
      },
      { webSocketConstructor: WebSocket as unknown as typeof globalThis.WebSocket, unsavedChangesWarning: false },
    ) as AdminSocketClient;
    try {
      client.setAdminAuth(h.server.adminKey, { subject: "ws-user", issuer: "https://issuer.test" });
      client.subscribe("jobs:internalLabels", {});
      client.subscribe("messages:whoami", {});
      await waitFor(() => seen.length >= 2, "both subscriptions");
      expect(seen).toContainEqual(expect.any(Array));
      expect(seen).toContainEqual(expect.objectContaining({ tokenIdentifier: "https://issuer.test|ws-user" }));
    } finally {
      await client.close();
    }
    const logsBefore = h.logs.length;
    const bad = new BaseConvexClient(h.server.url, () => {}, {
      webSocketConstructor: WebSocket as unknown as typeof globalThis.WebSocket,
      unsavedChangesWarning: false,
    }) as AdminSocketClient;
    try {
      bad.setAdminAuth("convex-local|wrong");
      bad.subscribe("jobs:internalLabels", {});
      await waitFor(
        () =>
          h.logs
            .slice(logsBefore)
            .some((l) => l.includes("AuthError: The provided admin key was invalid for this instance")),
        "the AuthError",
      );
    } finally {
      await bad.close();
    }
  });
});
