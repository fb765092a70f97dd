import { getSignedUrl } from "@aws-sdk/cloudfront-signer";
import { createPublicKey, generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { cannedPolicy, CloudFrontSigner, splitSignedUrl, verifySignedUrl } from "./signer";

const spki = (privatePem: string) => createPublicKey(privatePem).export({ type: "spki", format: "pem" }).toString();

/**
 * Published vector 1 — AWS SDK for Ruby, gems/aws-sdk-cloudfront/spec: the test key
 * `cf_private_key.pem` and the expected URL of "can generate signed urls with canned policy"
 * in url_signer_spec.rb (the developer guide's example expiry, 2013-01-01 10:00 UTC).
 */
const RUBY_SDK_KEY = `-----BEGIN RSA PRIVATE KEY-----
MIICXQIBAAKBgQC6YewnvN7Jj4vrhqqgL6A45Gy4ju82dPcUoTEpg7wCc3gByuvn
H6QgcGsIB0UDklyEJ8gOlmeskAviGHxAhfRJ43yWKpKpIpjHk3Q6ORA547CWxE9Q
79t7SE61zGW7AuvD4NvTyeNxlEQxmZLtt/NC4WFhfs5oskfgYxeqE3bP1QIDAQAB
AoGAW0DMVdxkG717XRJvAcSvpos4K9hXiIsV2fTd1ByadXzBWedXPq7ANd20mZat
lIUZZN7xVSsQkW1pVAZ290ReiONwl5cMxHgr91kzH1vxYk5cKRrBftJMCqBgF6gR
saiuxYCfyuNOem0aeZCwsBoHzAvDYq2xja7UWailwQ6P7gECQQD0ETqMZuJYisZc
Dy7dQUHUqgdzf3j4b3yROdcF3kPfRra+wan8oOY1dZXony3oeBllsYH9w9FcKl5C
XE6KDe6BAkEAw360fbhp/G8rHfzuUzW8T6mDWU/d75iiXOeqNIPs2SPNHLLS+yXz
ySqsKkSu0aTfPZKKkPz4HDdm6fMSjHUfVQJBALoc1S+xWNK56C7VKSBxHbkEezAY
uW+A3FWF7LC937XIH5xw46YQL9v+MXU0xPYrdvp0FLMk+mY0rLIf34govYECQHom
UDaBpM+S0pkRMgSR/dC0tRp3+c88Sq7MHaBkkff3E7EL1yIPy6x1Wk+qzKS3ZLl/
N89yEMDoqQgi1gMnJ2UCQQDvKuHMk2F3tuxp7qyCgnxi1HAfQq0Vft5NiH9aww59
d/UD7FyWdtpd8VlZal0GR30ZpWKgAGol8c8hCIKV5D6W
-----END RSA PRIVATE KEY-----`;
const RUBY_SDK_SIGNED_URL =
  "https://abc.cloudfront.net/images/image.jpg?color=red&Expires=1357034400" +
  "&Signature=GvrDx3aAG1u1sAQF68c~xD6LVORt36mRTvC2u5RwLjsvusXI0sJPxy3D0R8AQp4qFZlRehwh~mablw8DBNRFLQ81mazmbrUOhXbuepav5ZmCU-KgOmXtpMS49L7TLGUSfwSksDx1qriAtB4mS4iJaNt2mfo0C5G-vlt9qMftkJg_" +
  "&Key-Pair-Id=CF_KEYPAIR_ID";

/**
 * Published vector 2 — the CloudFront developer guide's canned-policy example (image.jpg,
 * K2JCJMDEHXQW5F, Expires=1357034400) with the test key and expected signature published in
 * huggingface/dataset-viewer, libs/libcommon/tests/test_cloudfront.py.
 */
const DOC_EXAMPLE_KEY = `-----BEGIN RSA PRIVATE KEY-----
MIIBOQIBAAJAZTmplhS/Jd73ycVut7TglMObheQqXM7RZYlwazLU4wpfIVIwOh9I
sCZGSgLyFq42KWIikKLEs/yqx3pRGfq+rwIDAQABAkAMyF9WCICq86Eu5bO5lynV
H26AVfPTjHp87AI6R00C7p9n8hO/DhHaHpc3InOSsXsw9d2hmz37jwwBFiwMHMMh
AiEAtbttHlIO+yO29oXw4P6+yO11lMy1UpT1sPVTnR9TXbUCIQCOl7Zuyy2ZY9ZW
pDhW91x/14uXjnLXPypgY9bcfggJUwIhAJQG1LzrzjQWRUPMmgZKuhBkC3BmxhM8
LlwzmCXVjEw5AiA7JnAFEb9+q82T71d3q/DxD0bWvb6hz5ASoBfXK2jGBQIgbaQp
h4Tk6UJuj1xgKNs75Pk3pG2tj8AQiuBk3l62vRU=
-----END RSA PRIVATE KEY-----`;
const DOC_EXAMPLE_SIGNED_URL =
  "https://d111111abcdef8.cloudfront.net/image.jpg?Expires=1357034400" +
  "&Signature=JvFbQI~xSRStWOmvHk88XeE4tJ5zGFJN62eY6FK0JH7aLCmvvWmsbLXuhMsT8QZ1frCFsZfv4dJLPlqZXj7Mjw__" +
  "&Key-Pair-Id=K2JCJMDEHXQW5F";

const EXAMPLE_EXPIRES_MS = 1357034400_000;
const signatureOf = (url: string) => new URL(url).searchParams.get("Signature");

describe("published canned-policy vectors", () => {
  it("verifies the AWS SDK for Ruby's signed URL (parameters in Ruby's order)", async () => {
    const check = await verifySignedUrl(RUBY_SDK_SIGNED_URL, {
      publicKeys: { CF_KEYPAIR_ID: spki(RUBY_SDK_KEY) },
      now: EXAMPLE_EXPIRES_MS - 1000,
    });
    expect(check).toEqual({ ok: true, keyPairId: "CF_KEYPAIR_ID", expires: 1357034400 });
  });

  it("signs the Ruby SDK's URL to the same published signature (PKCS#1 key)", async () => {
    const signed = await new CloudFrontSigner("CF_KEYPAIR_ID", RUBY_SDK_KEY).sign(
      "https://abc.cloudfront.net/images/image.jpg?color=red",
      EXAMPLE_EXPIRES_MS,
    );
    expect(signatureOf(signed)).toBe(signatureOf(RUBY_SDK_SIGNED_URL));
    expect(signed).toMatch(/^https:\/\/abc\.cloudfront\.net\/images\/image\.jpg\?color=red&Expires=1357034400&/);
  });

  it("verifies and reproduces the developer guide example's published signature", async () => {
    const publicKeys = { K2JCJMDEHXQW5F: spki(DOC_EXAMPLE_KEY) };
    expect(await verifySignedUrl(DOC_EXAMPLE_SIGNED_URL, { publicKeys, now: EXAMPLE_EXPIRES_MS - 1000 })).toMatchObject(
      { ok: true },
    );
    const signed = await new CloudFrontSigner("K2JCJMDEHXQW5F", DOC_EXAMPLE_KEY).sign(
      "https://d111111abcdef8.cloudfront.net/image.jpg",
      EXAMPLE_EXPIRES_MS,
    );
    expect(signatureOf(signed)).toBe(signatureOf(DOC_EXAMPLE_SIGNED_URL));
  });

  it("rebuilds the canned policy byte for byte as the developer guide writes it", () => {
    expect(cannedPolicy("https://d111111abcdef8.cloudfront.net/image.jpg", 1357034400)).toBe(
      '{"Statement":[{"Resource":"https://d111111abcdef8.cloudfront.net/image.jpg","Condition":{"DateLessThan":{"AWS:EpochTime":1357034400}}}]}',
    );
  });
});

describe("CloudFrontSigner", () => {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const pkcs8 = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  const pkcs1 = privateKey.export({ type: "pkcs1", format: "pem" }).toString();
  const expiresAt = Date.UTC(2030, 0, 1, 13, 5, 0);

  it.each([
    ["an original", "https://cdn.test/cdn/images/u1/j1/0.png"],
    ["a transform", "https://cdn.test/cdn/images/u1/j1/0.png?w=256&h=256&f=webp&q=80&fit=cover"],
    ["encoded key segments", "https://cdn.test/cdn/images/a%20b/%C3%BC%2B%3F.png?w=64"],
  ])("writes exactly the URL @aws-sdk/cloudfront-signer writes (%s), from PKCS#8 and PKCS#1 keys", async (_, url) => {
    const expected = getSignedUrl({
      url,
      keyPairId: "K2JCJMDEHXQW5F",
      privateKey: pkcs8,
      dateLessThan: new Date(expiresAt),
    });
    expect(await new CloudFrontSigner("K2JCJMDEHXQW5F", pkcs8).sign(url, expiresAt)).toBe(expected);
    expect(await new CloudFrontSigner("K2JCJMDEHXQW5F", pkcs1).sign(url, expiresAt)).toBe(expected);
  });

  it("rounds the expiry down to whole seconds and encodes the key pair id as the SDK does", async () => {
    const url = "https://cdn.test/cdn/a.png";
    const signed = await new CloudFrontSigner("K(1)!", pkcs8).sign(url, expiresAt + 999);
    expect(signed).toBe(
      getSignedUrl({ url, keyPairId: "K(1)!", privateKey: pkcs8, dateLessThan: new Date(expiresAt) }),
    );
    expect(signed).toContain(`Expires=${expiresAt / 1000}&Key-Pair-Id=K%281%29%21&`);
  });

  it("refuses a key that is not a PEM RSA private key", () => {
    expect(() => new CloudFrontSigner("K", "not a key")).toThrow(/PEM RSA private key/);
  });
});

describe("verifySignedUrl refuses anything CloudFront would", () => {
  const NOW = Date.UTC(2030, 0, 1);
  const EXPIRES_AT = new Date(NOW + 3600_000);
  const EXPIRES = EXPIRES_AT.getTime() / 1000;
  const base = "https://cdn.test/cdn/images/u1/j1/0.png";
  const query = "w=256&h=256&f=webp&q=80&fit=cover";
  const publicKeys = { KTEST: spki(RUBY_SDK_KEY), KOTHER: spki(DOC_EXAMPLE_KEY) };
  const signed = getSignedUrl({
    url: `${base}?${query}`,
    keyPairId: "KTEST",
    privateKey: RUBY_SDK_KEY,
    dateLessThan: EXPIRES_AT,
  });
  const sig = signatureOf(signed)!;
  const suffix = `Expires=${EXPIRES}&Key-Pair-Id=KTEST&Signature=${sig}`;
  const verify = (url: string, now = NOW) => verifySignedUrl(url, { publicKeys, now });
  const reasonOf = async (url: string, now = NOW) => {
    const check = await verify(url, now);
    return check.ok ? "ok" : check.reason;
  };

  it("accepts the URL as signed, and with the signature parameters in any order", async () => {
    expect(signed).toBe(`${base}?${query}&${suffix}`);
    expect(await verify(signed)).toEqual({ ok: true, keyPairId: "KTEST", expires: EXPIRES });
    expect(await reasonOf(`${base}?${query}&Signature=${sig}&Expires=${EXPIRES}&Key-Pair-Id=KTEST`)).toBe("ok");
  });

  it.each([
    ["w changed", "w=512&h=256&f=webp&q=80&fit=cover"],
    ["h changed", "w=256&h=255&f=webp&q=80&fit=cover"],
    ["f changed", "w=256&h=256&f=avif&q=80&fit=cover"],
    ["q changed", "w=256&h=256&f=webp&q=100&fit=cover"],
    ["fit changed", "w=256&h=256&f=webp&q=80&fit=fill"],
    ["w removed", "h=256&f=webp&q=80&fit=cover"],
    ["fit removed", "w=256&h=256&f=webp&q=80"],
    ["every parameter removed", ""],
    ["a parameter added", "w=256&h=256&f=webp&q=80&fit=cover&x=1"],
    ["a parameter repeated", "w=256&h=256&f=webp&q=80&fit=cover&w=256"],
    ["an empty parameter added", "w=256&h=256&f=webp&q=80&fit=cover&"],
    ["parameters reordered", "h=256&w=256&f=webp&q=80&fit=cover"],
    ["a value percent-encoded differently", "w=25%36&h=256&f=webp&q=80&fit=cover"],
  ])("transform tampered (%s) → bad-signature", async (_, tampered) => {
    expect(await reasonOf(`${base}?${tampered ? `${tampered}&` : ""}${suffix}`)).toBe("bad-signature");
  });

  it.each([
    ["another object", "https://cdn.test/cdn/images/u1/j1/1.png"],
    ["another user's folder", "https://cdn.test/cdn/images/u2/j1/0.png"],
    ["another host", "https://evil.test/cdn/images/u1/j1/0.png"],
    ["another scheme", "http://cdn.test/cdn/images/u1/j1/0.png"],
    ["a trailing slash", "https://cdn.test/cdn/images/u1/j1/0.png/"],
  ])("path tampered (%s) → bad-signature", async (_, otherBase) => {
    expect(await reasonOf(`${otherBase}?${query}&${suffix}`)).toBe("bad-signature");
  });

  it("a later Expires, a changed signature or the wrong trusted key → bad-signature", async () => {
    expect(await reasonOf(signed.replace(`Expires=${EXPIRES}`, `Expires=${EXPIRES + 3600}`))).toBe("bad-signature");
    const flipped = sig[5] === "A" ? "B" : "A";
    expect(await reasonOf(signed.replace(sig, sig.slice(0, 5) + flipped + sig.slice(6)))).toBe("bad-signature");
    expect(await reasonOf(signed.replace("Key-Pair-Id=KTEST", "Key-Pair-Id=KOTHER"))).toBe("bad-signature");
  });

  it("a key id the distribution does not trust → unknown-key", async () => {
    expect(await reasonOf(signed.replace("Key-Pair-Id=KTEST", "Key-Pair-Id=KNOBODY"))).toBe("unknown-key");
    expect(await reasonOf(signed.replace("Key-Pair-Id=KTEST", "Key-Pair-Id=constructor"))).toBe("unknown-key");
  });

  it("expires at Expires exactly, not a second later", async () => {
    expect(await reasonOf(signed, EXPIRES * 1000 - 1)).toBe("ok");
    expect(await reasonOf(signed, EXPIRES * 1000)).toBe("expired");
    expect(await reasonOf(signed, EXPIRES * 1000 + 86_400_000)).toBe("expired");
  });

  it.each([
    ["Expires", `${base}?${query}&Key-Pair-Id=KTEST&Signature=${sig}`],
    ["Key-Pair-Id", `${base}?${query}&Expires=${EXPIRES}&Signature=${sig}`],
    ["Signature", `${base}?${query}&Expires=${EXPIRES}&Key-Pair-Id=KTEST`],
    ["all three", `${base}?${query}`],
  ])("%s missing → missing-signature", async (_, url) => {
    expect(await reasonOf(url)).toBe("missing-signature");
  });

  it.each([
    ["a repeated Signature", `${signed}&Signature=${sig}`],
    ["a repeated Expires", `${signed}&Expires=${EXPIRES}`],
    ["Expires with a leading zero", signed.replace(`Expires=${EXPIRES}`, `Expires=0${EXPIRES}`)],
    ["Expires not a number", signed.replace(`Expires=${EXPIRES}`, "Expires=soon")],
    ["a signature outside CloudFront's alphabet", signed.replace(sig, `${sig.slice(0, -1)}=`)],
    ["a custom Policy", `${signed}&Policy=eyJ9`],
    ["an unknown Hash-Algorithm", `${signed}&Hash-Algorithm=MD5`],
  ])("%s → malformed-signature", async (_, url) => {
    expect(await reasonOf(url)).toBe("malformed-signature");
  });

  it("a SHA-1 signature claimed as SHA-256 → bad-signature; a real SHA-256 URL verifies", async () => {
    expect(await reasonOf(`${signed}&Hash-Algorithm=SHA256`)).toBe("bad-signature");
    const sha256 = getSignedUrl({
      url: `${base}?${query}`,
      keyPairId: "KTEST",
      privateKey: RUBY_SDK_KEY,
      dateLessThan: EXPIRES_AT,
      algorithm: "SHA256",
    });
    expect(await reasonOf(sha256)).toBe("ok");
  });

  it("verifies with a freshly generated 2048-bit key as CloudFront key groups use", async () => {
    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const url = await new CloudFrontSigner("K2048", pem).sign(`${base}?${query}`, EXPIRES_AT.getTime());
    const keys = { K2048: publicKey.export({ type: "spki", format: "pem" }).toString() };
    expect(await verifySignedUrl(url, { publicKeys: keys, now: NOW })).toMatchObject({ ok: true });
  });

  it("a configured key that is not a PEM public key is a configuration error, not a refusal", async () => {
    await expect(verifySignedUrl(signed, { publicKeys: { KTEST: "not a key" }, now: NOW })).rejects.toThrow(/PEM SPKI/);
  });
});

describe("splitSignedUrl", () => {
  it("keeps every other parameter byte for byte and in order", () => {
    expect(splitSignedUrl("https://x.test/a%20b?z=1&Expires=5&a=%7E&Signature=s&&Key-Pair-Id=K")).toEqual({
      resource: "https://x.test/a%20b?z=1&a=%7E&",
      params: { Expires: "5", Signature: "s", "Key-Pair-Id": "K" },
      repeated: false,
    });
    expect(splitSignedUrl("https://x.test/a?Expires=5").resource).toBe("https://x.test/a");
  });
});
