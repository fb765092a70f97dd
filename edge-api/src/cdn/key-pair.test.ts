import { describe, expect, it } from "vitest";
import { cloudFrontEnv, generateCloudFrontKeyPair } from "./key-pair";
import { CloudFrontSigner, verifySignedUrl } from "./signer";

describe("generateCloudFrontKeyPair", () => {
  it("makes a pair the signer signs with and the verifier trusts", async () => {
    const pair = await generateCloudFrontKeyPair("KLOCAL");
    expect(pair.privateKey).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(pair.publicKey).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    const now = Date.UTC(2031, 0, 1);
    const url = await new CloudFrontSigner("KLOCAL", pair.privateKey).sign(
      "http://127.0.0.1:8787/cdn/a.png",
      now + 60_000,
    );
    const env = cloudFrontEnv(pair);
    expect(await verifySignedUrl(url, { publicKeys: JSON.parse(env.CLOUDFRONT_PUBLIC_KEYS), now })).toMatchObject({
      ok: true,
      keyPairId: "KLOCAL",
    });
    expect(env.CLOUDFRONT_KEY_PAIR_ID).toBe("KLOCAL");
  });
});
