import { describe, expect, it } from "vitest";
import { findBySecret, isSecretShaped, newSecret, sha256Hex, timingSafeEqual } from "./secrets";

describe("secrets", () => {
  it("makes 32 random bytes as base64url behind a prefix, with their SHA-256", async () => {
    const a = await newSecret("px_");
    const b = await newSecret("px_");
    expect(a.secret).toMatch(/^px_[A-Za-z0-9_-]{43}$/);
    expect(a.secret).not.toBe(b.secret);
    expect(a.hash).toBe(await sha256Hex(a.secret));
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("recognizes only well-formed secrets of its prefix", async () => {
    const { secret } = await newSecret("px_");
    expect(isSecretShaped(secret, "px_")).toBe(true);
    expect(isSecretShaped(secret, "pxs_")).toBe(false);
    expect(isSecretShaped(secret.slice(0, -1), "px_")).toBe(false);
    expect(isSecretShaped(`${secret.slice(0, -1)}!`, "px_")).toBe(false);
  });

  it("timingSafeEqual is equality over hex strings of any length", () => {
    expect(timingSafeEqual("00ff", "00ff")).toBe(true);
    expect(timingSafeEqual("00ff", "00fe")).toBe(false);
    expect(timingSafeEqual("10ff", "00ff")).toBe(false);
    expect(timingSafeEqual("00ff", "00ff00")).toBe(false);
    expect(timingSafeEqual("", "")).toBe(true);
  });

  it("timingSafeEqual looks at every character, wherever the first difference is", () => {
    // Count character reads: an early-exit comparison would read fewer for an early mismatch.
    const reads = (a: string, b: string) => {
      let n = 0;
      const spy = (s: string) =>
        new Proxy(Object(s), {
          get: (target, prop) =>
            prop === "charCodeAt" ? (i: number) => (n++, s.charCodeAt(i)) : Reflect.get(target, prop),
        }) as unknown as string;
      timingSafeEqual(spy(a), spy(b));
      return n;
    };
    const base = "a".repeat(64);
    expect(reads(base, `b${base.slice(1)}`)).toBe(reads(base, `${base.slice(1)}b`));
    expect(reads(base, base)).toBe(128);
  });

  it("findBySecret skips the lookup for malformed secrets and confirms the stored hash", async () => {
    const { secret, hash } = await newSecret("px_");
    let lookups = 0;
    const lookup = async (h: string) => (lookups++, h === hash ? { keyHash: hash } : null);
    expect(await findBySecret("px_short", "px_", lookup, (r) => r.keyHash)).toBeNull();
    expect(lookups).toBe(0);
    expect(await findBySecret(secret, "px_", lookup, (r) => r.keyHash)).toEqual({ keyHash: hash });
    expect(
      await findBySecret(
        secret,
        "px_",
        async () => ({ keyHash: "0".repeat(64) }),
        (r) => r.keyHash,
      ),
    ).toBeNull();
  });
});
