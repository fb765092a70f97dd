import { base64url, generateKeyPair, SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { ApiError } from "./errors";
import { webCryptoProvider } from "./crypto-provider";
import { generateSigningKey, SigningKeys } from "./keys";
import { TokenService } from "./tokens";

const config = { issuer: "http://edge.test", audience: "pixorly" };

async function service(now = () => Date.now()) {
  const key = await generateSigningKey("k1");
  const keys = new SigningKeys([key as unknown as Record<string, unknown>], webCryptoProvider);
  return { tokens: new TokenService(config, keys, now), key };
}

async function refusal(p: Promise<unknown>): Promise<ApiError> {
  const error = await p.then(
    () => null,
    (e) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  expect(error.status).toBe(401);
  expect(error.code).toBe("UNAUTHENTICATED");
  return error;
}

describe("TokenService", () => {
  it("signs ES256 tokens with kid and the standard claims, and verifies them", async () => {
    const { tokens } = await service(() => 1_700_000_000_000);
    const signed = await tokens.signToken({
      sub: "partner:p1:u1",
      scp: ["generate"],
      pid: "p1",
      origin: "https://a.example",
      ttlSeconds: 600,
      extra: { iss: "evil", akid: "k" },
    });
    const [header] = signed.token.split(".");
    expect(JSON.parse(new TextDecoder().decode(base64url.decode(header!)))).toMatchObject({
      alg: "ES256",
      kid: "k1",
      typ: "JWT",
    });
    expect(signed.expiresAt).toBe(1_700_000_000_000 + 600_000);
    const claims = await tokens.verifyToken(signed.token);
    expect(claims).toMatchObject({
      iss: "http://edge.test",
      aud: "pixorly",
      sub: "partner:p1:u1",
      scp: ["generate"],
      pid: "p1",
      origin: "https://a.example",
      akid: "k",
      iat: 1_700_000_000,
      exp: 1_700_000_600,
    });
    expect(claims.jti).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("refuses a token signed by another key, even with our kid", async () => {
    const { tokens } = await service();
    const { privateKey } = await generateKeyPair("ES256");
    const forged = await new SignJWT({ sub: "x", jti: "j" })
      .setProtectedHeader({ alg: "ES256", kid: "k1" })
      .setIssuer(config.issuer)
      .setAudience(config.audience)
      .setIssuedAt()
      .setExpirationTime("5m")
      .sign(privateKey);
    await refusal(tokens.verifyToken(forged));
    const unknownKid = await new SignJWT({ sub: "x", jti: "j" })
      .setProtectedHeader({ alg: "ES256", kid: "other" })
      .setIssuer(config.issuer)
      .setAudience(config.audience)
      .setIssuedAt()
      .setExpirationTime("5m")
      .sign(privateKey);
    expect((await refusal(tokens.verifyToken(unknownKid))).message).toMatch(/not signed by Pixorly/);
  });

  it("refuses alg none and HS256 keyed with our public key", async () => {
    const { tokens, key } = await service();
    const now = Math.floor(Date.now() / 1000);
    const payload = base64url.encode(
      JSON.stringify({ iss: config.issuer, aud: config.audience, sub: "x", iat: now, exp: now + 300, jti: "j" }),
    );
    const none = `${base64url.encode(JSON.stringify({ alg: "none", kid: "k1" }))}.${payload}.`;
    await refusal(tokens.verifyToken(none));
    const publicJwk = JSON.stringify({ kty: key.kty, crv: key.crv, x: key.x, y: key.y });
    const hs = await new SignJWT({ sub: "x", jti: "j" })
      .setProtectedHeader({ alg: "HS256", kid: "k1" })
      .setIssuer(config.issuer)
      .setAudience(config.audience)
      .setIssuedAt()
      .setExpirationTime("5m")
      .sign(new TextEncoder().encode(publicJwk));
    await refusal(tokens.verifyToken(hs));
  });

  it("refuses expired tokens, other audiences and other issuers", async () => {
    let now = Date.now();
    const { tokens } = await service(() => now);
    const signed = await tokens.signToken({ sub: "u", ttlSeconds: 60 });
    now += 120_000;
    expect((await refusal(tokens.verifyToken(signed.token))).message).toMatch(/expired/);

    const key = await generateSigningKey("k1");
    const keys = new SigningKeys([key as unknown as Record<string, unknown>], webCryptoProvider);
    const other = new TokenService(config, keys, () => Date.now());
    const otherAudience = new TokenService({ ...config, audience: "someone-else" }, keys, () => Date.now());
    const wrongAud = await otherAudience.signToken({ sub: "u", ttlSeconds: 60 });
    expect((await refusal(other.verifyToken(wrongAud.token))).message).toMatch(/audience/);
    const otherIssuer = new TokenService({ ...config, issuer: "http://evil.test" }, keys, () => Date.now());
    await refusal(other.verifyToken((await otherIssuer.signToken({ sub: "u", ttlSeconds: 60 })).token));
  });

  it("verifies a token once, then trusts it from memory until its exp and never after", async () => {
    let now = 1_700_000_000_000;
    const { tokens } = await service(() => now);
    const signed = await tokens.signToken({ sub: "u", ttlSeconds: 60 });
    const first = await tokens.verifyToken(signed.token);
    expect(await tokens.verifyToken(signed.token)).toBe(first); // the remembered claims, not a new verification
    now = signed.expiresAt - 1;
    expect((await tokens.verifyToken(signed.token)).sub).toBe("u");
    now = signed.expiresAt + 10_000; // past jose's 5 s clock tolerance too
    expect((await refusal(tokens.verifyToken(signed.token))).message).toMatch(/expired/);
    // A token differing in one character is a different entry, verified (and refused) on its own.
    const tampered = `${signed.token.slice(0, -2)}${signed.token.endsWith("AA") ? "BB" : "AA"}`;
    now = signed.expiresAt - 30_000;
    await refusal(tokens.verifyToken(tampered));
  });

  it("gives exp no leeway (Convex checks it exactly) but tolerates iat a few seconds ahead", async () => {
    let now = 1_700_000_000_000;
    const issuer = await service(() => now);
    const signed = await issuer.tokens.signToken({ sub: "u", pid: "p1", pver: 3, ttlSeconds: 60 });
    expect(signed.claims.pver).toBe(3);
    // A fresh verifier (nothing remembered), 2 s after exp: inside jose's tolerance, still refused.
    const verifier = new TokenService(
      config,
      new SigningKeys([issuer.key as unknown as Record<string, unknown>], webCryptoProvider),
      () => now,
    );
    now = signed.expiresAt + 2_000;
    expect((await refusal(verifier.verifyToken(signed.token))).message).toMatch(/expired/);
    now = signed.expiresAt;
    await refusal(verifier.verifyToken(signed.token));
    // Issued on a clock 3 s ahead of ours: accepted.
    now = 1_700_000_000_000 - 3_000;
    expect((await verifier.verifyToken(signed.token)).sub).toBe("u");
  });

  it("refuses garbage", async () => {
    const { tokens } = await service();
    await refusal(tokens.verifyToken("not-a-jwt"));
    await refusal(tokens.verifyToken("a.b.c"));
  });
});
