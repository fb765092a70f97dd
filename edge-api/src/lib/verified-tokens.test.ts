import { describe, expect, it } from "vitest";
import type { TokenClaims } from "./tokens";
import { VerifiedTokens } from "./verified-tokens";

const claims = (sub: string, exp: number): TokenClaims => ({
  iss: "i",
  aud: "a",
  sub,
  iat: exp - 60,
  exp,
  jti: sub,
  scp: ["images:read"],
});

describe("VerifiedTokens", () => {
  it("answers before exp and never at or after it (the entry is dropped)", () => {
    const cache = new VerifiedTokens();
    cache.set("h1", claims("a", 1000));
    expect(cache.get("h1", 999)?.sub).toBe("a");
    expect(cache.get("h1", 1000)).toBeUndefined();
    expect(cache.size).toBe(0);
    expect(cache.get("h1", 10)).toBeUndefined();
  });

  it("keeps at most max entries, dropping the least recently used", () => {
    const cache = new VerifiedTokens(2);
    cache.set("a", claims("a", 1000));
    cache.set("b", claims("b", 1000));
    expect(cache.get("a", 0)?.sub).toBe("a"); // a is now the most recently used
    cache.set("c", claims("c", 1000));
    expect(cache.size).toBe(2);
    expect(cache.get("b", 0)).toBeUndefined();
    expect(cache.get("a", 0)?.sub).toBe("a");
    expect(cache.get("c", 0)?.sub).toBe("c");
  });

  it("freezes what it shares between requests", () => {
    const cache = new VerifiedTokens();
    cache.set("h", claims("a", 1000));
    const hit = cache.get("h", 0)!;
    expect(Object.isFrozen(hit)).toBe(true);
    expect(Object.isFrozen(hit.scp)).toBe(true);
  });
});
