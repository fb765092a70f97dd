import { createHash } from "node:crypto";
import { importJWK, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { webCryptoProvider } from "./crypto-provider";
import { generateSigningKey, SigningKeys, toPublicJwk } from "./keys";
import { nodeCryptoProvider } from "./node-crypto";
import { TokenService } from "./tokens";

const config = { issuer: "http://edge.test", audience: "pixorly" };

describe.each([
  ["WebCrypto", webCryptoProvider],
  ["node:crypto", nodeCryptoProvider],
])("%s provider", (_, provider) => {
  it("hashes UTF-8 text to base64url SHA-256", async () => {
    for (const text of ["", "px_abc", "ü€😀", "x".repeat(10_000)]) {
      expect(await provider.sha256(text)).toBe(createHash("sha256").update(text, "utf8").digest("base64url"));
    }
  });

  it("signs tokens that jose verifies with the published key, and that the service verifies", async () => {
    const key = await generateSigningKey("k1");
    const keys = new SigningKeys([key as unknown as Record<string, unknown>], provider);
    const tokens = new TokenService(config, keys, () => Date.now(), provider);
    const signed = await tokens.signToken({ sub: "local:ü", scp: ["generate"], ttlSeconds: 60, extra: { note: "é" } });
    const { payload, protectedHeader } = await jwtVerify(
      signed.token,
      await importJWK(toPublicJwk(key), "ES256"),
      config,
    );
    expect(protectedHeader).toEqual({ alg: "ES256", kid: "k1", typ: "JWT" });
    expect(payload).toEqual(signed.claims);
    expect(await tokens.verifyToken(signed.token)).toEqual(signed.claims);
  });
});
