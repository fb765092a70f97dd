/** API-key authentication and per-plan rate limits of the REST API, end to end. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiKeysRevoke, createKey, signIn, startRestStack, userIdOf, withKey, type Stack } from "./setup";

let stack: Stack;
let clock: { offset: number };

beforeAll(async () => {
  ({ stack, clock } = await startRestStack());
}, 60_000);
afterAll(async () => await stack?.close());

async function expect401(res: Response, message: RegExp) {
  expect(res.status).toBe(401);
  const body = await res.json();
  expect(body).toMatchObject({ code: "UNAUTHENTICATED", requestId: expect.any(String) });
  expect(body.message).toMatch(message);
}

describe("API keys", () => {
  it("401 without a key, with a malformed header or key, or with a user token instead of a key", async () => {
    await expect401(await withKey(stack, null, "/api/v1/models"), /Authorization/);
    await expect401(await stack.app.request("/api/v1/models", { headers: { Authorization: "Basic abc" } }), /Bearer/);
    await expect401(await withKey(stack, "px_short", "/api/v1/models"), /not a Pixorly API key/);
    const dev = await (await stack.app.request("/v1/dev/token", { method: "POST" })).json();
    await expect401(await withKey(stack, dev.token, "/api/v1/models"), /not a Pixorly API key/);
  });

  it("401 for an unknown key, for a key revoked before use, and for an expired key", async () => {
    await expect401(await withKey(stack, `px_${"Q".repeat(43)}`, "/api/v1/models"), /unknown, revoked or expired/);
    const { user, id, key } = await createKey(stack, "revoker");
    await user.mutation(apiKeysRevoke, { id });
    await expect401(await withKey(stack, key, "/api/v1/models"), /unknown, revoked or expired/);
    const { key: shortLived } = await createKey(stack, "revoker", ["generate"], Date.now() + 1_000);
    await new Promise((r) => setTimeout(r, 1_100));
    await expect401(await withKey(stack, shortLived, "/api/v1/models"), /unknown, revoked or expired/);
  });

  it("a key revoked after use stops working once its cached verification (30 s) runs out", async () => {
    const { user, id, key } = await createKey(stack, "revoker");
    expect((await withKey(stack, key, "/api/v1/models")).status).toBe(200);
    await user.mutation(apiKeysRevoke, { id });
    // Only the edge API's clock moves: tokens it mints meanwhile carry an iat Convex finds in the future, so move it back.
    clock.offset += 31_000;
    try {
      await expect401(await withKey(stack, key, "/api/v1/models"), /revoked/);
    } finally {
      clock.offset -= 31_000;
    }
  });

  it("acts as the key's owner, with only the key's permissions", async () => {
    const { key } = await createKey(stack, "owner", ["images:read"]);
    expect(await (await withKey(stack, key, "/api/v1/images")).json()).toEqual({ images: [], nextCursor: null });
    const refused = await withKey(stack, key, "/api/v1/images/whatever", { method: "DELETE" });
    expect(refused.status).toBe(403);
    expect((await refused.json()).message).toContain('"images:write"');
  });
});

describe("rate limits", () => {
  it("counts per user across keys in Convex: RateLimit headers on every answer, 429 with Retry-After past the daily budget", async () => {
    const { key } = await createKey(stack, "busy");
    const ok = await withKey(stack, key, "/api/v1/models");
    expect(ok.status).toBe(200);
    expect(ok.headers.get("RateLimit-Limit")).toBe("1000");
    const before = Number(ok.headers.get("RateLimit-Remaining"));
    const reset = Number(ok.headers.get("RateLimit-Reset"));
    expect(reset).toBeGreaterThan(0);
    expect(reset).toBeLessThanOrEqual(86_400);
    const missing = await withKey(stack, key, "/api/v1/images/garbage");
    expect(missing.status).toBe(404);
    expect(Number(missing.headers.get("RateLimit-Remaining"))).toBe(before - 1);

    // A second key of the same user draws on the same budget (25 keys are not 25 budgets).
    const { key: second } = await createKey(stack, "busy");
    const shared = await withKey(stack, second, "/api/v1/models");
    expect(Number(shared.headers.get("RateLimit-Remaining"))).toBe(before - 2);

    // Invalid requests count too (they cost a verification); they are the quickest way to the limit.
    for (let i = 0; i < before - 3; i++) await withKey(stack, i % 2 ? key : second, "/api/v1/images?limit=0");
    const last = await withKey(stack, key, "/api/v1/images?limit=0");
    expect(last.status).toBe(400);
    expect(last.headers.get("RateLimit-Remaining")).toBe("0");
    for (const k of [key, second]) {
      const limited = await withKey(stack, k, "/api/v1/models");
      expect(limited.status).toBe(429);
      expect(await limited.json()).toMatchObject({ code: "RATE_LIMITED", message: expect.stringContaining("1000") });
      expect(limited.headers.get("RateLimit-Limit")).toBe("1000");
      expect(limited.headers.get("RateLimit-Remaining")).toBe("0");
      expect(Number(limited.headers.get("Retry-After"))).toBe(Number(limited.headers.get("RateLimit-Reset")));
    }

    // Another user's key has its own budget.
    const { key: other } = await createKey(stack, "quiet");
    expect((await withKey(stack, other, "/api/v1/models")).status).toBe(200);
  }, 90_000);

  it("answers 429 to an address after 10 failed keys, before asking Convex", async () => {
    const from = { incoming: { socket: { remoteAddress: "198.51.100.9" } } };
    const guess = (i: number) =>
      stack.app.request(
        "/api/v1/models",
        { headers: { Authorization: `Bearer px_${String(i).padStart(43, "Z")}` } },
        from,
      );
    for (let i = 0; i < 10; i++) expect((await guess(i)).status).toBe(401);
    const limited = await guess(10);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
    // A good key from another address still works.
    const { key } = await createKey(stack, "honest");
    expect(
      (
        await stack.app.request(
          "/api/v1/models",
          { headers: { Authorization: `Bearer ${key}` } },
          { incoming: { socket: { remoteAddress: "198.51.100.10" } } },
        )
      ).status,
    ).toBe(200);
  });

  it("Enterprise keys are not limited, so they carry no RateLimit headers", async () => {
    const user = await signIn(stack, "big-co");
    const userId = await userIdOf(user);
    await stack.convex.engine.runMutation("users:updateAccount", { userId, plan: "enterprise" }, null, {
      publicOnly: false,
    });
    const { key } = await createKey(stack, "big-co");
    const res = await withKey(stack, key, "/api/v1/models");
    expect(res.status).toBe(200);
    expect(res.headers.get("RateLimit-Limit")).toBeNull();
  });
});
