import { describe, expect, it } from "vitest";
import { createApp } from "../../app";
import { generateSigningKey } from "../../lib/keys";
import { testApp, testEnv } from "../../../test/helpers";

describe("/.well-known", () => {
  it("publishes every public key, never a private part, with Cache-Control", async () => {
    const [a, b] = [await generateSigningKey("new"), await generateSigningKey("old")];
    const app = createApp(await testEnv({ SIGNING_KEYS: JSON.stringify([a, b]) }), { logger: () => {} });
    const res = await app.request("/.well-known/jwks.json");
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toMatch(/max-age=\d+/);
    const body = await res.json();
    expect(body.keys.map((k: { kid: string }) => k.kid)).toEqual(["new", "old"]);
    for (const key of body.keys) {
      expect(Object.keys(key).sort()).toEqual(["alg", "crv", "kid", "kty", "use", "x", "y"]);
      expect(key).toMatchObject({ kty: "EC", crv: "P-256", alg: "ES256", use: "sig" });
    }
    // The first key signs; tokens of the second (not yet expired after a rotation) still verify.
    const signed = await app.services.tokens.signToken({ sub: "u", ttlSeconds: 60 });
    expect(JSON.parse(atob(signed.token.split(".")[0]!)).kid).toBe("new");
    const older = createApp(await testEnv({ SIGNING_KEYS: JSON.stringify([b]) }), { logger: () => {} });
    const oldToken = await older.services.tokens.signToken({ sub: "u", ttlSeconds: 60 });
    expect((await app.services.tokens.verifyToken(oldToken.token)).sub).toBe("u");
  });

  it("refuses two keys with one kid", async () => {
    const a = await generateSigningKey("same");
    const b = await generateSigningKey("same");
    expect(() =>
      createApp({
        PUBLIC_URL: "http://127.0.0.1:8787",
        CONVEX_URL: "http://c.test",
        LOCAL_MODE: "1",
        SIGNING_KEYS: JSON.stringify([a, b]),
      }),
    ).toThrow(/same kid/);
  });

  it("serves the discovery document for the issuer", async () => {
    const { app, env } = await testApp();
    const res = await app.request("/.well-known/openid-configuration");
    expect(await res.json()).toMatchObject({
      issuer: env.PUBLIC_URL,
      jwks_uri: `${env.PUBLIC_URL}/.well-known/jwks.json`,
      id_token_signing_alg_values_supported: ["ES256"],
    });
  });
});
