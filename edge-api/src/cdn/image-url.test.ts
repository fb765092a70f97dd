import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { imageUrlFor } from "./image-url";
import { CloudFrontSigner, verifySignedUrl } from "./signer";

const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const privatePem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
const publicKeys = { KIMG: publicKey.export({ type: "spki", format: "pem" }).toString() };
const NOW = Date.UTC(2030, 5, 1, 12, 0, 0, 250);
const settings = {
  cdnBaseUrl: "http://127.0.0.1:8787/cdn",
  signer: new CloudFrontSigner("KIMG", privatePem),
  now: NOW,
};

describe("imageUrlFor", () => {
  it("gives public images a stable unsigned URL with canonical transform parameters", async () => {
    const a = await imageUrlFor(
      { s3Key: "images/u/j/0.png", isPublic: true, transform: { fit: "cover", w: 256, f: "webp" } },
      settings,
    );
    const b = await imageUrlFor(
      { s3Key: "images/u/j/0.png", isPublic: true, transform: { f: "webp", w: 256, fit: "cover" } },
      { ...settings, now: NOW + 5000 },
    );
    expect(a.url).toBe("http://127.0.0.1:8787/cdn/images/u/j/0.png?w=256&f=webp&fit=cover");
    expect(b.url).toBe(a.url);
    expect((await imageUrlFor({ s3Key: "images/u/j/0.png", isPublic: true }, settings)).url).toBe(
      "http://127.0.0.1:8787/cdn/images/u/j/0.png",
    );
  });

  it("signs private images for one hour (rounded up to 5 minutes) by default, over the whole URL", async () => {
    const { url, expiresAt } = await imageUrlFor(
      { s3Key: "images/u/j/0.png", isPublic: false, transform: { w: 64, h: 64 } },
      settings,
    );
    expect(expiresAt).toBe(Date.UTC(2030, 5, 1, 13, 5, 0));
    expect(url).toMatch(
      /^http:\/\/127\.0\.0\.1:8787\/cdn\/images\/u\/j\/0\.png\?w=64&h=64&Expires=\d+&Key-Pair-Id=KIMG&Signature=[A-Za-z0-9~_-]+$/,
    );
    expect(new URL(url).searchParams.get("Expires")).toBe(String(expiresAt / 1000));
    expect(await verifySignedUrl(url, { publicKeys, now: NOW })).toMatchObject({ ok: true, keyPairId: "KIMG" });
    expect(await verifySignedUrl(url.replace("w=64", "w=65"), { publicKeys, now: NOW })).toMatchObject({ ok: false });
  });

  it("honours ttlSeconds, rounding the expiry up to the next 5-minute boundary", async () => {
    const { url, expiresAt } = await imageUrlFor({ s3Key: "k.png", isPublic: false, ttlSeconds: 600 }, settings);
    expect(expiresAt).toBe(Date.UTC(2030, 5, 1, 12, 15, 0));
    expect(url).toContain(`Expires=${expiresAt / 1000}&`);
    const onBoundary = await imageUrlFor(
      { s3Key: "k.png", isPublic: false, ttlSeconds: 600 },
      { ...settings, now: Date.UTC(2030, 5, 1, 12, 0, 0) },
    );
    expect(onBoundary.expiresAt).toBe(Date.UTC(2030, 5, 1, 12, 10, 0));
  });

  it("keeps one signed URL per image and transform within a 5-minute window, then moves on", async () => {
    const request = { s3Key: "images/u/j/0.png", isPublic: false, transform: { w: 64 } };
    const at = async (now: number) => (await imageUrlFor(request, { ...settings, now })).url;
    const first = await at(Date.UTC(2030, 5, 1, 12, 0, 1));
    expect(await at(Date.UTC(2030, 5, 1, 12, 4, 59))).toBe(first);
    expect(await at(Date.UTC(2030, 5, 1, 12, 5, 1))).not.toBe(first);
  });

  it("percent-encodes key segments the way the signature expects them on the wire", async () => {
    const { url } = await imageUrlFor({ s3Key: "images/a b/ü+?.png", isPublic: false }, settings);
    expect(url.startsWith("http://127.0.0.1:8787/cdn/images/a%20b/%C3%BC%2B%3F.png?Expires=")).toBe(true);
    expect(await verifySignedUrl(url, { publicKeys, now: NOW })).toMatchObject({ ok: true });
  });

  it("needs the key pair for private images", async () => {
    await expect(
      imageUrlFor({ s3Key: "k.png", isPublic: false }, { cdnBaseUrl: "http://x.test/cdn", signer: null, now: NOW }),
    ).rejects.toThrow(/CLOUDFRONT_KEY_PAIR_ID/);
  });
});
