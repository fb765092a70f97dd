import { exportJWK, exportSPKI, generateKeyPair, SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { testApp } from "../../../../test/helpers";

const CLERK_ISSUER = "https://clerk.pixorly.test";
const AZP = "https://pixorly.test";

async function clerkInstance() {
  const { publicKey, privateKey } = await generateKeyPair("RS256", { extractable: true });
  const mint = (
    claims: Record<string, unknown> = {},
    opts: { exp?: number; key?: CryptoKey; kid?: string; issuer?: string } = {},
  ) => {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ azp: AZP, sid: "sess_1", ...claims })
      .setProtectedHeader({ alg: "RS256", kid: opts.kid ?? "ins_1", typ: "JWT" })
      .setIssuer(opts.issuer ?? CLERK_ISSUER)
      .setSubject("user_2abc")
      .setIssuedAt(now - 10)
      .setNotBefore(now - 10)
      .setExpirationTime(opts.exp ?? now + 60)
      .sign(opts.key ?? privateKey);
  };
  return {
    pem: await exportSPKI(publicKey),
    jwk: { ...(await exportJWK(publicKey)), kid: "ins_1", alg: "RS256", use: "sig" },
    mint,
  };
}

const exchange = (token: string) => ({ method: "POST", headers: { Authorization: `Bearer ${token}` } });

describe("POST /v1/session/token", () => {
  it("exchanges a valid Clerk session token (PEM key) for a first-party token", async () => {
    const clerk = await clerkInstance();
    const { app } = await testApp({ env: { CLERK_JWT_KEY: clerk.pem, CLERK_ISSUER, CLERK_AUTHORIZED_PARTIES: AZP } });
    const res = await app.request("/v1/session/token", exchange(await clerk.mint()));
    expect(res.status).toBe(200);
    const claims = await app.services.tokens.verifyToken((await res.json()).token);
    expect(claims.sub).toBe("clerk:user_2abc");
    expect(claims.scp).toBeUndefined();
  });

  it("refuses expired tokens, other keys, other azp and other issuers", async () => {
    const clerk = await clerkInstance();
    const { app } = await testApp({ env: { CLERK_JWT_KEY: clerk.pem, CLERK_ISSUER, CLERK_AUTHORIZED_PARTIES: AZP } });
    const { privateKey: otherKey } = await generateKeyPair("RS256");
    const bad = [
      await clerk.mint({}, { exp: Math.floor(Date.now() / 1000) - 120 }),
      await clerk.mint({}, { key: otherKey }),
      await clerk.mint({ azp: "https://evil.example" }),
      await clerk.mint({}, { issuer: "https://evil.clerk.test" }),
      "not.a.jwt",
    ];
    for (const token of bad) {
      const res = await app.request("/v1/session/token", exchange(token));
      expect(res.status).toBe(401);
      expect((await res.json()).code).toBe("UNAUTHENTICATED");
    }
    const missing = await app.request("/v1/session/token", { method: "POST" });
    expect(missing.status).toBe(401);
  });

  it("verifies with keys from a JWKS URL when no PEM key is set", async () => {
    const clerk = await clerkInstance();
    const fetched: string[] = [];
    const fakeFetch = (async (input: string | URL | Request) => {
      fetched.push(String(input));
      return new Response(JSON.stringify({ keys: [clerk.jwk] }), { headers: { "Content-Type": "application/json" } });
    }) as typeof fetch;
    const { app } = await testApp({
      env: { CLERK_JWKS_URL: `${CLERK_ISSUER}/.well-known/jwks.json`, CLERK_ISSUER, CLERK_AUTHORIZED_PARTIES: AZP },
      deps: { fetch: fakeFetch },
    });
    expect((await app.request("/v1/session/token", exchange(await clerk.mint()))).status).toBe(200);
    expect((await app.request("/v1/session/token", exchange(await clerk.mint()))).status).toBe(200);
    expect(fetched).toEqual([`${CLERK_ISSUER}/.well-known/jwks.json`]);
    expect((await app.request("/v1/session/token", exchange(await clerk.mint({}, { kid: "unknown" })))).status).toBe(
      401,
    );
    expect(
      (await app.request("/v1/session/token", exchange(await clerk.mint({ azp: "https://evil.example" })))).status,
    ).toBe(401);
  });

  it("is a 404 that says why when Clerk is not configured", async () => {
    const { app } = await testApp();
    const res = await app.request("/v1/session/token", { method: "POST" });
    expect(res.status).toBe(404);
    const body = await res.json();
    expect(body.code).toBe("NOT_FOUND");
    expect(body.message).toMatch(/Clerk sign-in is not configured/);
  });
});
