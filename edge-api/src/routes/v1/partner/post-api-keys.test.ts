import { describe, expect, it } from "vitest";
import { ConvexError, postJson, testApp } from "../../../../test/helpers";

const PARTNER = {
  partnerId: "p9",
  name: "Acme",
  allowedOrigins: [],
  allowedScopes: ["generate", "images:read"],
  plan: "pro",
  tokenVersion: 1,
};
const SECRET = "pxs_good";
const NOW = 1_800_000_000_000;

async function partnerApp() {
  return testApp({
    deps: { now: () => NOW },
    convex: {
      "partners:authenticate": ({ secretKey }) => (secretKey === SECRET ? PARTNER : null),
      "partners:origins": () => [],
      "apiKeys:createForPartnerUser": (args) => {
        if (args.userId === "over-limit")
          throw new ConvexError({ code: "RATE_LIMITED", message: "This user has 25 active keys." });
        return { id: "k1", key: `px_${"a".repeat(43)}`, prefix: "px_aaaaaaaa", expiresAt: args.expiresAt };
      },
    },
  });
}

const body = { userId: "user_1", name: "backend", permissions: ["generate"], expiresInDays: 30 };
const post = (b: unknown, secret = SECRET) => postJson(b, { Authorization: `Bearer ${secret}` });

describe("POST /v1/partner/api-keys", () => {
  it("creates an expiring key for the partner's user through the service mutation", async () => {
    const { app, convex } = await partnerApp();
    const res = await app.request("/v1/partner/api-keys", post(body));
    expect(res.status).toBe(201);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    expect(await res.json()).toEqual({
      id: "k1",
      key: `px_${"a".repeat(43)}`,
      prefix: "px_aaaaaaaa",
      expiresAt: NOW + 30 * 86_400_000,
    });
    const call = convex.calls.find((c) => c.name === "apiKeys:createForPartnerUser")!;
    expect(call.args).toEqual({
      partnerId: "p9",
      userId: "user_1",
      name: "backend",
      permissions: ["generate"],
      expiresAt: NOW + 30 * 86_400_000,
    });
    expect((await app.services.tokens.verifyToken(call.token!)).scp).toEqual(["service"]);
  });

  it("needs the partner secret; an embed token or a wrong secret is 401", async () => {
    const { app, convex } = await partnerApp();
    const dev = (await (await app.request("/v1/dev/token", { method: "POST" })).json()).token;
    for (const secret of ["pxs_wrong", dev])
      expect((await app.request("/v1/partner/api-keys", post(body, secret))).status).toBe(401);
    expect(convex.calls.some((c) => c.name === "apiKeys:createForPartnerUser")).toBe(false);
  });

  it("refuses permissions beyond the partner's scopes (403) and an expiry beyond 90 days or none (400)", async () => {
    const { app } = await partnerApp();
    const wide = await app.request("/v1/partner/api-keys", post({ ...body, permissions: ["images:write"] }));
    expect(wide.status).toBe(403);
    expect((await wide.json()).message).toContain('"images:write"');
    for (const [change, field] of [
      [{ expiresInDays: 91 }, "expiresInDays"],
      [{ expiresInDays: undefined }, "expiresInDays"],
      [{ permissions: [] }, "permissions"],
      [{ userId: "a b" }, "userId"],
    ] as const) {
      const res = await app.request("/v1/partner/api-keys", post({ ...body, ...change }));
      expect(res.status).toBe(400);
      expect((await res.json()).fields.map((f: { path: string }) => f.path)).toContain(field);
    }
  });

  it("passes Convex's refusals on with their code", async () => {
    const { app } = await partnerApp();
    const res = await app.request("/v1/partner/api-keys", post({ ...body, userId: "over-limit" }));
    expect(res.status).toBe(429);
    expect(await res.json()).toMatchObject({ code: "RATE_LIMITED", message: "This user has 25 active keys." });
  });
});
