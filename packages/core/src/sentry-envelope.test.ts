import { describe, expect, it } from "vitest";
import { buildErrorEvent, envelopeOf, parseDsn, sendEvent } from "./sentry-envelope";

describe("parseDsn", () => {
  it("finds the envelope endpoint and key, keeping a path prefix", () => {
    expect(parseDsn("https://abc@o1.ingest.sentry.io/123")).toMatchObject({
      endpoint: "https://o1.ingest.sentry.io/api/123/envelope/",
      publicKey: "abc",
      projectId: "123",
    });
    expect(parseDsn("http://k@127.0.0.1:9000/sentry/7").endpoint).toBe("http://127.0.0.1:9000/sentry/api/7/envelope/");
  });

  it("names what is wrong", () => {
    expect(() => parseDsn("nope")).toThrow(/not a URL/);
    expect(() => parseDsn("ftp://k@h/1")).toThrow(/http\(s\)/);
    expect(() => parseDsn("https://h/1")).toThrow(/public key/);
    expect(() => parseDsn("https://k@h/")).toThrow(/numeric project id/);
  });
});

describe("buildErrorEvent", () => {
  it("carries release, environment, request id and a stack, and redacts known private texts", () => {
    const error = new Error('provider said: cannot draw "a lighthouse at dusk" (token px_abcdef123456)');
    const event = buildErrorEvent({
      error,
      service: "convex",
      release: "r1",
      environment: "prod",
      requestId: "job_1",
      redact: ["a lighthouse at dusk", "a"],
    });
    expect(event).toMatchObject({
      release: "r1",
      environment: "prod",
      tags: { service: "convex", request_id: "job_1" },
      level: "error",
    });
    expect(event.event_id).toMatch(/^[0-9a-f]{32}$/);
    expect(event.exception.values[0]!.value).toBe('provider said: cannot draw "[Filtered]" (token [Filtered])');
    expect(event.exception.values[0]!.stacktrace!.frames.length).toBeGreaterThan(0);
  });

  it("reports thrown non-errors too", () => {
    expect(buildErrorEvent({ error: { reason: "x" }, service: "s" }).exception.values[0]).toMatchObject({
      type: "object",
      value: '{"reason":"x"}',
    });
  });
});

describe("sendEvent", () => {
  it("posts one envelope and never throws", async () => {
    const dsn = parseDsn("https://key1@sentry.test/5");
    const event = buildErrorEvent({ error: new Error("x"), service: "s" });
    const calls: { url: string; body: string; headers: Record<string, string> }[] = [];
    expect(
      await sendEvent(
        dsn,
        event,
        async (url, init) => (calls.push({ url, body: init.body, headers: init.headers }), { ok: true, status: 200 }),
      ),
    ).toBe(true);
    expect(calls[0]!.url).toBe("https://sentry.test/api/5/envelope/");
    expect(calls[0]!.headers["x-sentry-auth"]).toContain("sentry_key=key1");
    const lines = calls[0]!.body
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ event_id: event.event_id, dsn: "https://key1@sentry.test/5" });
    expect(lines[1]).toMatchObject({ type: "event" });
    expect(lines[2].event_id).toBe(event.event_id);
    expect(envelopeOf(event, dsn).endsWith("\n")).toBe(true);
    expect(
      await sendEvent(dsn, event, async () => {
        throw new Error("offline");
      }),
    ).toBe(false);
  });
});
