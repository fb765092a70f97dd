import { describe, expect, it } from "vitest";
import { errorFromBody, errorFromStatus, parseRetryAfter } from "./openrouter-errors";

describe("parseRetryAfter", () => {
  const now = Date.parse("2026-01-01T00:00:00Z");

  it.each([
    ["2", 2_000],
    ["0", 0],
    ["1.5", 1_500],
    ["Thu, 01 Jan 2026 00:00:30 GMT", 30_000],
    ["Wed, 31 Dec 2025 23:59:00 GMT", 0],
  ])("reads %j as %i ms", (value, ms) => expect(parseRetryAfter(value, now)).toBe(ms));

  it.each([null, undefined, "", "soon", "-3"])("ignores %j", (value) =>
    expect(parseRetryAfter(value, now)).toBeUndefined(),
  );
});

describe("errorFromStatus", () => {
  it.each([
    [400, "INVALID_ARGUMENT", false],
    [401, "UNAUTHENTICATED", false],
    [402, "INSUFFICIENT_CREDITS", false],
    [403, "MODEL_UNAVAILABLE", false],
    [404, "MODEL_UNAVAILABLE", false],
    [408, "TIMEOUT", true],
    [429, "RATE_LIMITED", true],
    [500, "PROVIDER_ERROR", true],
    [502, "PROVIDER_ERROR", true],
    [503, "PROVIDER_ERROR", true],
    [529, "PROVIDER_ERROR", true],
    [418, "PROVIDER_ERROR", false],
  ])("maps %i to %s (retryable %s)", (status, code, retryable) => {
    expect(errorFromStatus(status, { code: status, message: "upstream words" })).toMatchObject({ code, retryable });
  });

  it("keeps the upstream text out of the user message but in the log message", () => {
    const error = errorFromStatus(400, { code: 400, message: "size 9999x1 is not supported by provider Foo" });
    expect(error.message).toContain("size 9999x1");
    expect(error.userMessage).not.toContain("9999");
  });

  it("tells moderation 403s from guardrail 403s", () => {
    expect(errorFromStatus(403, { metadata: { reasons: ["sexual"], flagged_input: "..." } }).code).toBe(
      "MODERATION_REJECTED",
    );
    expect(errorFromStatus(403, { metadata: { guardrail: "model not allowed" } }).code).toBe("MODEL_UNAVAILABLE");
  });

  it("takes the wait from the header, else from 429 metadata", () => {
    expect(errorFromStatus(429, { metadata: { retry_after_seconds: 17 } }, 3_000).retryAfterMs).toBe(3_000);
    expect(errorFromStatus(429, { metadata: { retry_after_seconds: 17 } }).retryAfterMs).toBe(17_000);
  });
});

describe("errorFromBody", () => {
  it("maps numeric codes like statuses and anything else as a transient upstream failure", () => {
    expect(errorFromBody({ code: 403, metadata: { reasons: ["x"] } }).code).toBe("MODERATION_REJECTED");
    expect(errorFromBody({ code: "provider_failed", message: "?" })).toMatchObject({
      code: "PROVIDER_ERROR",
      retryable: true,
    });
  });
});
