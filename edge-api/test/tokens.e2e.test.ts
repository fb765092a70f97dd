/**
 * Tokens end to end: the edge API on a real port, convex-local running convex/ and trusting the
 * edge API's JWKS. Good tokens work in both; bad ones are refused by both.
 */
import { ConvexHttpClient } from "convex/browser";
import { anyApi } from "convex/server";
import { base64url, generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TokenService } from "../src/lib/tokens";
import { startStack, type Stack } from "./helpers";

const ORIGIN = "https://studio.acme.example";
const GENERATE = {
  prompt: "a lighthouse at dusk",
  model: "local/aurora",
  parameters: { width: 256, height: 256, seed: 3 },
};

let stack: Stack;
let partner: { partnerId: string; secretKey: string };

beforeAll(async () => {
  stack = await startStack();
  partner = await stack.createPartner({
    name: "Acme",
    allowedOrigins: [ORIGIN],
    allowedScopes: ["generate", "images:read"],
  });
});
afterAll(async () => {
  await stack?.close();
});

const convexAs = (token: string) => new ConvexHttpClient(stack.convexUrl, { auth: token, logger: false });

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${stack.edgeUrl}${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
}

async function embedToken(body: Record<string, unknown>) {
  return post(
    "/v1/embed/tokens",
    { userId: "user-1", origin: ORIGIN, ...body },
    { Authorization: `Bearer ${partner.secretKey}` },
  );
}

/** The edge API's browser route must refuse the token with this status. */
async function edgeRefuses(token: string, status = 401, origin?: string) {
  const res = await post(
    "/v1/images/urls",
    { ids: ["not-an-image"] },
    { Authorization: `Bearer ${token}`, ...(origin ? { Origin: origin } : {}) },
  );
  expect(res.status).toBe(status);
  expect((await res.json()).requestId).toBeTruthy();
}

/** convex-local must refuse to authenticate the token. */
async function convexRefuses(token: string) {
  const error = await convexAs(token)
    .query(anyApi.jobs!.me!, {})
    .then(
      () => null,
      (e: Error) => e,
    );
  expect(error).toBeInstanceOf(Error);
  expect(String(error?.message)).toMatch(/auth|token|verify/i);
}

describe("tokens across the edge API and convex-local", () => {
  it("a partner's embed token works in Convex as the partner-scoped user", async () => {
    const res = await embedToken({});
    expect(res.status).toBe(200);
    const { token } = await res.json();
    const client = convexAs(token);
    const jobId = await client.mutation(anyApi.jobs!.create!, GENERATE);
    expect(typeof jobId).toBe("string");
    const me = await client.query(anyApi.jobs!.me!, {});
    expect(me).not.toBeNull();
    // The same user id under another partner or locally would be someone else.
    expect(
      await convexAs((await (await post("/v1/dev/token", { userId: "user-1" })).json()).token).query(
        anyApi.jobs!.me!,
        {},
      ),
    ).toBeNull();
  });

  it("the dev token signs in the local user in Convex", async () => {
    const res = await post("/v1/dev/token", {});
    const { token } = await res.json();
    await expect(convexAs(token).query(anyApi.jobs!.me!, {})).resolves.toBeNull();
    await convexAs(token).mutation(anyApi.jobs!.create!, GENERATE);
    expect(await convexAs(token).query(anyApi.jobs!.me!, {})).not.toBeNull();
  });

  it("a token signed by another key is refused by both", async () => {
    const { privateKey } = await generateKeyPair("ES256");
    const now = Math.floor(Date.now() / 1000);
    const forged = await new SignJWT({ scp: ["generate"], jti: "x" })
      .setProtectedHeader({ alg: "ES256", kid: "test-key-1" })
      .setIssuer(stack.edgeUrl)
      .setAudience("pixorly")
      .setSubject("local:local-user")
      .setIssuedAt(now)
      .setExpirationTime(now + 300)
      .sign(privateKey);
    await edgeRefuses(forged);
    await convexRefuses(forged);
  });

  it("an alg:none token is refused by both", async () => {
    const now = Math.floor(Date.now() / 1000);
    const claims = { iss: stack.edgeUrl, aud: "pixorly", sub: "local:local-user", iat: now, exp: now + 300, jti: "x" };
    const none = `${base64url.encode(JSON.stringify({ alg: "none", kid: "test-key-1", typ: "JWT" }))}.${base64url.encode(JSON.stringify(claims))}.`;
    await edgeRefuses(none);
    await convexRefuses(none);
  });

  it("an expired token is refused by both", async () => {
    const past = new TokenService(stack.app.services.config, stack.app.services.keys, () => Date.now() - 3_600_000);
    const { token } = await past.signToken({ sub: "local:local-user", ttlSeconds: 60 });
    await edgeRefuses(token);
    await convexRefuses(token);
  });

  it("a token 2 s past its exp is a 401 at the edge (no leeway on exp, as in Convex), never a 500", async () => {
    const late = new TokenService(stack.app.services.config, stack.app.services.keys, () => Date.now() - 62_000);
    const { token } = await late.signToken({ sub: "local:local-user", ttlSeconds: 60 });
    await edgeRefuses(token);
  });

  it("embed tokens carry the partner's token version; once the partner is suspended Convex refuses them and the edge answers 401", async () => {
    const other = await stack.createPartner({
      name: "Suspended Co",
      allowedOrigins: [ORIGIN],
      allowedScopes: ["generate", "images:read"],
    });
    const minted = await post(
      "/v1/embed/tokens",
      { userId: "user-9", origin: ORIGIN },
      { Authorization: `Bearer ${other.secretKey}` },
    );
    const { token } = await minted.json();
    const claims = await stack.app.services.tokens.verifyToken(token);
    expect(claims).toMatchObject({ pid: other.partnerId, pver: expect.any(Number) });
    const urls = () =>
      post("/v1/images/urls", { ids: ["not-an-image"] }, { Authorization: `Bearer ${token}`, Origin: ORIGIN });
    expect((await urls()).status).toBe(200);

    await stack.convex.engine.runMutation("partners:suspend", { partnerId: other.partnerId }, null, {
      publicOnly: false,
    });
    const refused = await urls();
    expect(refused.status).toBe(401);
    expect((await refused.json()).code).toBe("UNAUTHENTICATED");
    // A token minted meanwhile (the edge may remember the partner for 30 s) carries the old version: refused too.
    const late = await post(
      "/v1/embed/tokens",
      { userId: "user-9", origin: ORIGIN },
      { Authorization: `Bearer ${other.secretKey}` },
    );
    expect(late.status).toBe(200);
    const lateUrls = await post(
      "/v1/images/urls",
      { ids: ["not-an-image"] },
      { Authorization: `Bearer ${(await late.json()).token}`, Origin: ORIGIN },
    );
    expect(lateUrls.status).toBe(401);
  });

  it("a token for another audience is refused by both", async () => {
    const other = new TokenService({ issuer: stack.edgeUrl, audience: "not-pixorly" }, stack.app.services.keys, () =>
      Date.now(),
    );
    const { token } = await other.signToken({ sub: "local:local-user", ttlSeconds: 60 });
    await edgeRefuses(token);
    await convexRefuses(token);
  });

  it("wrong origin: no token is minted for it, and a token used from another origin is refused", async () => {
    const refused = await embedToken({ origin: "https://evil.example" });
    expect(refused.status).toBe(403);
    const { token } = await (await embedToken({ scopes: ["images:read"] })).json();
    await edgeRefuses(token, 403, "https://evil.example");
    const ok = await post(
      "/v1/images/urls",
      { ids: ["not-an-image"] },
      { Authorization: `Bearer ${token}`, Origin: ORIGIN },
    );
    expect(ok.status).toBe(200);
  });

  it("a scope the partner lacks: not minted; and Convex refuses what a token's scopes do not allow", async () => {
    const refused = await embedToken({ scopes: ["images:write"] });
    expect(refused.status).toBe(403);
    expect((await refused.json()).message).toContain("images:write");
    const { token } = await (await embedToken({ scopes: ["images:read"] })).json();
    const error = await convexAs(token)
      .mutation(anyApi.jobs!.create!, GENERATE)
      .then(
        () => null,
        (e: { data?: { code?: string } }) => e,
      );
    expect(error?.data?.code).toBe("FORBIDDEN");
  });

  it("the service token reaches service functions only, and user tokens never reach them", async () => {
    const service = await stack.app.services.convex.asService();
    expect(await service.query(anyApi.partners!.origins!, {})).toContain(ORIGIN);
    const serviceAsUser = await service.query(anyApi.jobs!.me!, {}).then(
      () => null,
      (e: { data?: { code?: string } }) => e,
    );
    expect(serviceAsUser?.data?.code).toBe("FORBIDDEN");
    const { token } = await (await post("/v1/dev/token", {})).json();
    const userAsService = await convexAs(token)
      .query(anyApi.partners!.origins!, {})
      .then(
        () => null,
        (e: { data?: { code?: string } }) => e,
      );
    expect(userAsService?.data?.code).toBe("FORBIDDEN");
  });

  it("CORS opens for a registered partner origin", async () => {
    const res = await fetch(`${stack.edgeUrl}/v1/images/urls`, {
      method: "OPTIONS",
      headers: {
        Origin: ORIGIN,
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization,content-type",
      },
    });
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe(ORIGIN);
  });

  it("over HTTP every answer carries the request id, the security headers and Vary: Origin, errors too", async () => {
    const ok = await fetch(`${stack.edgeUrl}/.well-known/jwks.json`, {
      headers: { "X-Request-Id": "e2e-1", Origin: ORIGIN },
    });
    const missing = await fetch(`${stack.edgeUrl}/nope`);
    for (const res of [ok, missing]) {
      expect(res.headers.get("X-Request-Id")).toBeTruthy();
      expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
      expect(res.headers.get("Strict-Transport-Security")).toMatch(/max-age=/);
      expect(res.headers.get("Cross-Origin-Resource-Policy")).toBe("cross-origin");
      expect(res.headers.get("Vary")).toBe("Origin");
    }
    expect(ok.headers.get("X-Request-Id")).toBe("e2e-1");
    expect(ok.headers.get("Access-Control-Allow-Origin")).toBe(ORIGIN);
    expect(ok.headers.get("Cache-Control")).toMatch(/max-age=300/);
    expect(missing.status).toBe(404);
    expect((await missing.json()).requestId).toBe(missing.headers.get("X-Request-Id"));
  });
});
