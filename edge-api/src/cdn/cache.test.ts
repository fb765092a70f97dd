import { describe, expect, it } from "vitest";
import { strongEtag, VariantCache, variantKey } from "./cache";

const variant = (bytes: number, fill = 1) => ({
  body: new Uint8Array(bytes).fill(fill),
  contentType: "image/webp",
  etag: `"${fill}"`,
});

describe("VariantCache", () => {
  it("evicts the least recently used entries once over its byte budget", () => {
    const cache = new VariantCache(100);
    cache.set("a", variant(40));
    cache.set("b", variant(40));
    cache.get("a"); // a is now more recent than b
    cache.set("c", variant(40));
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toBeDefined();
    expect(cache.get("c")).toBeDefined();
    expect(cache.bytes).toBe(80);
    expect(cache.size).toBe(2);
  });

  it("replaces an entry under the same key without counting it twice", () => {
    const cache = new VariantCache(100);
    cache.set("a", variant(40));
    cache.set("a", variant(60, 2));
    expect(cache.bytes).toBe(60);
    expect(cache.get("a")?.etag).toBe('"2"');
  });

  it("does not keep a variant larger than the whole cache", () => {
    const cache = new VariantCache(10);
    cache.set("a", variant(5));
    cache.set("big", variant(11));
    expect(cache.get("big")).toBeUndefined();
    expect(cache.get("a")).toBeDefined();
  });

  it("defaults to 256 MB", () => {
    expect(new VariantCache().maxBytes).toBe(256 * 1024 * 1024);
  });
});

describe("variantKey and strongEtag", () => {
  it("tells variants apart by key, parameters and negotiated format", () => {
    const keys = new Set([
      variantKey("images/a.png", "w=1", "webp"),
      variantKey("images/a.png", "w=1", "avif"),
      variantKey("images/a.png", "w=2", "webp"),
      variantKey("images/b.png", "w=1", "webp"),
    ]);
    expect(keys.size).toBe(4);
  });

  it("hashes the bytes: same bytes, same ETag; one byte different, another", async () => {
    const a = await strongEtag(new Uint8Array([1, 2, 3]));
    expect(a).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    expect(await strongEtag(new Uint8Array([1, 2, 3]))).toBe(a);
    expect(await strongEtag(new Uint8Array([1, 2, 4]))).not.toBe(a);
  });
});
