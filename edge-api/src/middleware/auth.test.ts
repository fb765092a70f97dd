import { describe, expect, it } from "vitest";
import { createRouter } from "../lib/openapi";
import { testApp } from "../../test/helpers";
import { requireScope, requireUserToken } from "./auth";

async function appWithProtectedRoutes() {
  const t = await testApp();
  const router = createRouter();
  router.get("/me", requireUserToken(t.app.services), (c) => c.json({ sub: c.get("claims").sub }));
  router.get("/browser", requireUserToken(t.app.services, { browser: true }), (c) => c.json({ ok: true }));
  router.get("/gen", requireUserToken(t.app.services), requireScope("generate"), (c) => c.json({ ok: true }));
  t.app.route("/", router);
  return t;
}

const bearer = (token: string, extra: Record<string, string> = {}) => ({
  headers: { Authorization: `Bearer ${token}`, ...extra },
});

describe("requireUserToken", () => {
  it("401 without a token, with a malformed header, or with a bad token", async () => {
    const { app } = await appWithProtectedRoutes();
    for (const init of [{}, { headers: { Authorization: "Basic abc" } }, bearer("nope")]) {
      const res = await app.request("/me", init);
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ code: "UNAUTHENTICATED" });
    }
  });

  it("puts the verified claims on the context", async () => {
    const { app } = await appWithProtectedRoutes();
    const { token } = await app.services.tokens.signToken({ sub: "local:me", ttlSeconds: 60 });
    expect(await (await app.request("/me", bearer(token))).json()).toEqual({ sub: "local:me" });
  });

  it("refuses the service token on user routes", async () => {
    const { app } = await appWithProtectedRoutes();
    const { token } = await app.services.tokens.signToken({
      sub: "service:edge-api",
      scp: ["service"],
      ttlSeconds: 60,
    });
    expect((await app.request("/me", bearer(token))).status).toBe(403);
  });

  it("browser routes: 403 when the request's Origin differs from the token's", async () => {
    const { app } = await appWithProtectedRoutes();
    const { token } = await app.services.tokens.signToken({
      sub: "partner:p:u",
      scp: ["images:read"],
      origin: "https://a.example",
      ttlSeconds: 60,
    });
    expect((await app.request("/browser", bearer(token, { Origin: "https://a.example" }))).status).toBe(200);
    expect((await app.request("/browser", bearer(token))).status).toBe(200);
    const res = await app.request("/browser", bearer(token, { Origin: "https://evil.example" }));
    expect(res.status).toBe(403);
    expect((await res.json()).message).toContain("https://a.example");
    // Non-browser routes do not look at Origin.
    expect((await app.request("/me", bearer(token, { Origin: "https://evil.example" }))).status).toBe(200);
  });

  it("requireScope: scoped tokens need the scope, first-party tokens have all", async () => {
    const { app } = await appWithProtectedRoutes();
    const scoped = await app.services.tokens.signToken({ sub: "partner:p:u", scp: ["images:read"], ttlSeconds: 60 });
    const res = await app.request("/gen", bearer(scoped.token));
    expect(res.status).toBe(403);
    expect((await res.json()).message).toContain('"generate"');
    const firstParty = await app.services.tokens.signToken({ sub: "local:u", ttlSeconds: 60 });
    expect((await app.request("/gen", bearer(firstParty.token))).status).toBe(200);
  });
});
