import { describe, expect, it } from "vitest";
import { postJson, testApp } from "../../../../test/helpers";

const PARTNER = {
  partnerId: "p123",
  name: "Acme",
  allowedOrigins: ["https://studio.acme.example"],
  allowedScopes: ["generate", "images:read"],
  plan: "pro",
  tokenVersion: 4,
};
const SECRET = "pxs_good";

async function partnerApp() {
  return testApp({
    convex: {
      "partners:authenticate": ({ secretKey }) => (secretKey === SECRET ? PARTNER : null),
      "partners:origins": () => [],
    },
  });
}

const mint = (body: unknown, secret = SECRET) => postJson(body, { Authorization: `Bearer ${secret}` });
const good = { userId: "user_42", origin: "https://studio.acme.example" };

describe("POST /v1/embed/tokens", () => {
  it("mints a token for the partner's user with the partner's scopes and the origin", async () => {
    const { app, convex } = await partnerApp();
    const res = await app.request("/v1/embed/tokens", mint(good));
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    const { token, expiresAt } = await res.json();
    const claims = await app.services.tokens.verifyToken(token);
    expect(claims).toMatchObject({
      sub: "partner:p123:user_42",
      scp: ["generate", "images:read"],
      pid: "p123",
      pver: 4,
      origin: "https://studio.acme.example",
      aud: "pixorly",
    });
    expect(claims.exp - claims.iat).toBe(900);
    expect(expiresAt).toBe(claims.exp * 1000);
    // Convex was asked as the service, with the secret key.
    const call = convex.calls.find((c) => c.name === "partners:authenticate")!;
    expect(call.args).toEqual({ secretKey: SECRET });
    expect((await app.services.tokens.verifyToken(call.token!)).scp).toEqual(["service"]);
  });

  it("allows white-labelling the studio (whiteLabel claim) only for partners whose plan includes it", async () => {
    const { app } = await partnerApp();
    const pro = await app.services.tokens.verifyToken(
      (await (await app.request("/v1/embed/tokens", mint(good))).json()).token,
    );
    expect(pro.whiteLabel).toBeUndefined();
    const enterprise = await testApp({
      convex: {
        "partners:authenticate": ({ secretKey }) => (secretKey === SECRET ? { ...PARTNER, plan: "enterprise" } : null),
        "partners:origins": () => [],
      },
    });
    const res = await enterprise.app.request("/v1/embed/tokens", mint(good));
    const claims = await enterprise.app.services.tokens.verifyToken((await res.json()).token);
    expect(claims.whiteLabel).toBe(true);
  });

  it("narrows scopes, sets the TTL and normalizes the origin", async () => {
    const { app } = await partnerApp();
    const res = await app.request(
      "/v1/embed/tokens",
      mint({
        ...good,
        origin: "https://STUDIO.acme.example:443",
        scopes: ["images:read", "images:read"],
        ttlSeconds: 60,
      }),
    );
    expect(res.status).toBe(200);
    const claims = await app.services.tokens.verifyToken((await res.json()).token);
    expect(claims.scp).toEqual(["images:read"]);
    expect(claims.origin).toBe("https://studio.acme.example");
    expect(claims.exp - claims.iat).toBe(60);
  });

  it("401 without a key, with a non-secret key, or with an unknown key", async () => {
    const { app } = await partnerApp();
    for (const init of [
      postJson(good),
      mint(good, "pxp_publishable"),
      mint(good, "pxs_wrong"),
      postJson(good, { Authorization: "pxs_good" }),
    ]) {
      const res = await app.request("/v1/embed/tokens", init);
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ code: "UNAUTHENTICATED" });
    }
  });

  it("403 for a scope the partner lacks, naming it", async () => {
    const { app } = await partnerApp();
    const res = await app.request("/v1/embed/tokens", mint({ ...good, scopes: ["generate", "images:write"] }));
    expect(res.status).toBe(403);
    const body = await res.json();
    expect(body.code).toBe("FORBIDDEN");
    expect(body.message).toContain('"images:write"');
  });

  it("403 for an origin the partner has not registered", async () => {
    const { app } = await partnerApp();
    const res = await app.request("/v1/embed/tokens", mint({ ...good, origin: "https://evil.example" }));
    expect(res.status).toBe(403);
    expect((await res.json()).message).toContain("https://evil.example");
  });

  it("400 naming each bad field", async () => {
    const { app } = await partnerApp();
    const cases: [unknown, string][] = [
      [{ origin: good.origin }, "userId"],
      [{ ...good, userId: "" }, "userId"],
      [{ ...good, userId: "x".repeat(129) }, "userId"],
      [{ ...good, userId: "has space" }, "userId"],
      [{ ...good, scopes: ["service"] }, "scopes.0"],
      [{ ...good, scopes: [] }, "scopes"],
      [{ ...good, origin: "https://studio.acme.example/path" }, "origin"],
      [{ ...good, origin: "javascript:alert(1)" }, "origin"],
      [{ userId: "u" }, "origin"],
      [{ ...good, ttlSeconds: 59 }, "ttlSeconds"],
      [{ ...good, ttlSeconds: 901 }, "ttlSeconds"],
      [{ ...good, ttlSeconds: 100.5 }, "ttlSeconds"],
    ];
    for (const [body, field] of cases) {
      const res = await app.request("/v1/embed/tokens", mint(body));
      expect(res.status, JSON.stringify(body)).toBe(400);
      const json = await res.json();
      expect(json.code).toBe("INVALID_ARGUMENT");
      expect(json.fields.map((f: { path: string }) => f.path)).toContain(field);
      expect(json.message).toContain(field);
    }
  });

  it("checks the key before the body, and caches the partner briefly", async () => {
    const { app, convex } = await partnerApp();
    expect((await app.request("/v1/embed/tokens", mint({}, "pxs_wrong"))).status).toBe(401);
    await app.request("/v1/embed/tokens", mint(good));
    await app.request("/v1/embed/tokens", mint(good));
    expect(
      convex.calls.filter(
        (c) => c.name === "partners:authenticate" && (c.args as { secretKey: string }).secretKey === SECRET,
      ),
    ).toHaveLength(1);
    expect(app.services.metrics.render()).toContain('pixorly_edge_tokens_issued_total{kind="embed"} 2');
  });

  it("answers 429 with Retry-After to an address after 10 failed secrets, without asking Convex, and only that address", async () => {
    let now = 1_800_000_000_000;
    const { app, convex } = await testApp({
      deps: { now: () => now },
      convex: {
        "partners:authenticate": ({ secretKey }) => (secretKey === SECRET ? PARTNER : null),
        "partners:origins": () => [],
      },
    });
    const from = (address: string) => ({ incoming: { socket: { remoteAddress: address } } });
    for (let i = 0; i < 10; i++)
      expect((await app.request("/v1/embed/tokens", mint(good, `pxs_guess${i}`), from("203.0.113.7"))).status).toBe(
        401,
      );
    const asked = convex.calls.length;
    const limited = await app.request("/v1/embed/tokens", mint(good), from("203.0.113.7"));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(await limited.json()).toMatchObject({ code: "RATE_LIMITED" });
    expect(convex.calls.length).toBe(asked);
    // Another address, and a good secret from it, are not affected.
    expect((await app.request("/v1/embed/tokens", mint(good), from("203.0.113.8"))).status).toBe(200);
    // The window ends.
    now += 60_000;
    expect((await app.request("/v1/embed/tokens", mint(good), from("203.0.113.7"))).status).toBe(200);
  });
});
