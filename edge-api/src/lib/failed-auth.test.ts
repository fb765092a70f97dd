import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { ApiError } from "./errors";
import { clientAddress, FailedAuthLimiter } from "./failed-auth";

describe("FailedAuthLimiter", () => {
  it("refuses an address after its failures, per kind, until the window ends", () => {
    let now = 1_800_000_000_000;
    const limiter = new FailedAuthLimiter(() => now, 2, 60_000);
    limiter.recordFailure("API key", "a");
    limiter.assertAllowed("API key", "a");
    limiter.recordFailure("API key", "a");
    const error = (() => {
      try {
        limiter.assertAllowed("API key", "a");
      } catch (e) {
        return e as ApiError;
      }
    })();
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 429, code: "RATE_LIMITED", headers: { "Retry-After": "60" } });
    limiter.assertAllowed("partner secret", "a");
    limiter.assertAllowed("API key", "b");
    now += 60_000;
    limiter.assertAllowed("API key", "a");
  });
});

describe("clientAddress", () => {
  const addressOf = async (headers: Record<string, string>, env: unknown, trusted?: string) => {
    const app = new Hono().get("/", (c) => c.text(clientAddress(c, trusted)));
    return (await app.request("/", { headers }, env as never)).text();
  };

  it("uses the socket's address on Node and ignores headers a client could forge", async () => {
    const node = { incoming: { socket: { remoteAddress: "10.1.2.3" } } };
    expect(await addressOf({ "X-Forwarded-For": "1.1.1.1", "CF-Connecting-IP": "2.2.2.2" }, node)).toBe("10.1.2.3");
  });

  it("uses the configured proxy header (its last entry) when one is trusted, and CF-Connecting-IP on Workers", async () => {
    const node = { incoming: { socket: { remoteAddress: "10.0.0.1" } } };
    expect(await addressOf({ "X-Forwarded-For": "6.6.6.6, 203.0.113.5" }, node, "x-forwarded-for")).toBe("203.0.113.5");
    expect(await addressOf({ "CF-Connecting-IP": "198.51.100.4" }, {})).toBe("198.51.100.4");
  });
});
