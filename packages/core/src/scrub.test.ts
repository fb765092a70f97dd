import { describe, expect, it } from "vitest";
import { FILTERED, scrubEvent, scrubString, scrubValue, stripQuery } from "./scrub";

const JWT =
  "eyJhbGciOiJFUzI1NiIsImtpZCI6ImsxIn0.eyJzdWIiOiJ1c2VyXzEiLCJhdWQiOiJwaXhvcmx5In0.c2lnbmF0dXJlLWJ5dGVzLWhlcmU";

describe("scrubString", () => {
  it.each([
    ["a JWT", `token was ${JWT} (expired)`, "token was [Filtered] (expired)"],
    ["an API key", "key px_live_AbC123xyz987 refused", "key [Filtered] refused"],
    ["a secret key", "pxs_0123456789abcdef", "[Filtered]"],
    ["a publishable key", "partner pxp_abcdefgh0123", "partner [Filtered]"],
    ["a webhook secret", "secret whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw=", "secret [Filtered]"],
    ["a Bearer header", "Authorization: Bearer abc.def.ghi", "Authorization: Bearer [Filtered]"],
    ["a Convex admin header", "Convex convex-local|0a1b2c", "Convex [Filtered]"],
    ["a token query parameter", "GET /v1/x?a=1&token=secret123&b=2", "GET /v1/x?a=1&token=[Filtered]&b=2"],
    [
      "a signed URL",
      "https://cdn/x.webp?Expires=1&Key-Pair-Id=K&Signature=abc",
      "https://cdn/x.webp?Expires=1&Key-Pair-Id=[Filtered]&Signature=[Filtered]",
    ],
    ["an email", "user ada.lovelace+x@example.co.uk not found", "user [Filtered] not found"],
  ])("cuts out %s", (_name, input, expected) => {
    expect(scrubString(input)).toBe(expected);
  });

  it("leaves ordinary text alone", () => {
    const text = "Provider timed out after 30000 ms (job k57abc, model local/aurora)";
    expect(scrubString(text)).toBe(text);
  });
});

describe("scrubValue", () => {
  it("drops sensitive fields whole, at any depth and in any spelling", () => {
    const out = scrubValue({
      extra: { prompt: "a secret cat", negative_prompt: "dogs", args: [{ Authorization: "x", "x-api-key": "y" }] },
      model: "local/aurora",
      email: "a@b.co",
    });
    expect(out).toEqual({
      extra: {
        prompt: FILTERED,
        negative_prompt: FILTERED,
        args: [{ Authorization: FILTERED, "x-api-key": FILTERED }],
      },
      model: "local/aurora",
      email: FILTERED,
    });
  });

  it("survives cycles", () => {
    const a: Record<string, unknown> = { name: "a" };
    a.self = a;
    expect(scrubValue(a)).toEqual({ name: "a", self: FILTERED });
  });
});

describe("scrubEvent", () => {
  it("turns an event with prompts, tokens, keys and emails into a clean one", () => {
    const event = {
      message: `generation failed for ada@example.com with ${JWT}`,
      request: {
        url: "https://api.pixorly.dev/v1/embed/tokens?token=abc&prompt=cat",
        method: "POST",
        query_string: "token=abc",
        cookies: { session: "x" },
        data: { prompt: "a red fox" },
        headers: {
          Authorization: "Bearer px_live_123456789",
          "Content-Type": "application/json",
          Cookie: "a=b",
          "X-Request-Id": "req-1",
        },
      },
      user: { id: "user_1", email: "ada@example.com", ip_address: "1.2.3.4" },
      tags: { requestId: "req-1" },
      exception: {
        values: [{ type: "Error", value: 'upstream said: {"prompt":"a red fox","key":"pxs_abcdef123456"}' }],
      },
    };
    const clean = scrubEvent(event);
    const text = JSON.stringify(clean);
    for (const secret of [
      "ada@example.com",
      JWT,
      "px_live_123456789",
      "pxs_abcdef123456",
      "token=abc",
      "prompt=cat",
      "a=b",
      "1.2.3.4",
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(clean.request).toEqual({
      url: "https://api.pixorly.dev/v1/embed/tokens",
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Request-Id": "req-1" },
    });
    expect(clean.user).toEqual({ id: "user_1" });
    expect(clean.tags).toEqual({ requestId: "req-1" });
    // Prompt text quoted inside an error message is not a field: the quoted key survives, the value does not leak as a key.
    expect(text).not.toContain("pxs_");
  });

  it("does not change the event it was given", () => {
    const event = { request: { url: "https://x/?token=1" }, user: { email: "a@b.co" } };
    scrubEvent(event);
    expect(event.request.url).toBe("https://x/?token=1");
  });
});

describe("stripQuery", () => {
  it("drops the query and fragment", () => {
    expect(stripQuery("https://partner.example/page?user=42#top")).toBe("https://partner.example/page");
  });
});
