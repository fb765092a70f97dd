import { describe, expect, it } from "vitest";
import { cloudFrontEnv, generateCloudFrontKeyPair } from "./key-pair";
import { signImageUrl, verifySignedUrl } from "./signer";

describe("generateCloudFrontKeyPair", () => {
  it("makes a pair AWS's signer signs with and the verifier trusts", async () => {
    const pair = await generateCloudFrontKeyPair("KLOCAL");
    expect(pair.privateKey).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(pair.publicKey).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    const now = Date.UTC(2031, 0, 1);
    const url = signImageUrl({ url: "http://127.0.0.1:8787/cdn/a.png", keyPairId: "KLOCAL", privateKey: pair.privateKey, expiresAt: new Date(now + 60_000) });
    const env = cloudFrontEnv(pair);
    expect(await verifySignedUrl(url, { publicKeys: JSON.parse(env.CLOUDFRONT_PUBLIC_KEYS), now })).toMatchObject({ ok: true, keyPairId: "KLOCAL" });
    expect(env.CLOUDFRONT_KEY_PAIR_ID).toBe("KLOCAL");
  });
});
