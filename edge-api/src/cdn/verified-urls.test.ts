import { describe, expect, it } from "vitest";
import { VerifiedUrls } from "./verified-urls";

describe("VerifiedUrls", () => {
  it("keeps an entry until its own expiry, then drops it", () => {
    const urls = new VerifiedUrls<{ expires: number }>();
    urls.set("u", { expires: 100 });
    expect(urls.get("u", 99)).toEqual({ expires: 100 });
    expect(urls.get("u", 100)).toBeUndefined();
    expect(urls.size).toBe(0);
    expect(urls.get("u", 1)).toBeUndefined();
  });

  it("is bounded, least recently used out first", () => {
    const urls = new VerifiedUrls<{ expires: number }>(2);
    urls.set("a", { expires: 10 });
    urls.set("b", { expires: 10 });
    urls.get("a", 0);
    urls.set("c", { expires: 10 });
    expect(urls.size).toBe(2);
    expect(urls.get("b", 0)).toBeUndefined();
    expect(urls.get("a", 0)).toBeDefined();
    expect(urls.get("c", 0)).toBeDefined();
  });

  it("matches URLs byte for byte only", () => {
    const urls = new VerifiedUrls<{ expires: number }>();
    urls.set("http://h/cdn/a.png?Expires=1&Signature=x", { expires: 10 });
    expect(urls.get("http://h/cdn/a.png?Expires=1&Signature=X", 0)).toBeUndefined();
    expect(urls.get("http://h/cdn/a.png?Signature=x&Expires=1", 0)).toBeUndefined();
  });
});
