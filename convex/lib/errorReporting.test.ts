import { describe, expect, it } from "vitest";
import { reportActionError } from "./errorReporting";

function recorder() {
  const bodies: { url: string; body: string }[] = [];
  const fetch = async (url: string, init: { body: string }) => {
    bodies.push({ url, body: init.body });
    return { ok: true, status: 200 };
  };
  return { bodies, fetch };
}

describe("reportActionError", () => {
  it("sends nothing without SENTRY_DSN", async () => {
    const { bodies, fetch } = recorder();
    expect(await reportActionError(new Error("x"), { action: "generation.run" }, { env: {}, fetch })).toBe(false);
    expect(bodies).toEqual([]);
  });

  it("sends a scrubbed event with release, environment and the job id, without the prompt", async () => {
    const { bodies, fetch } = recorder();
    const env = { SENTRY_DSN: "https://pk@sentry.test/9", SENTRY_RELEASE: "abc123", SENTRY_ENVIRONMENT: "production" };
    const error = new Error('OpenRouter 500 for "a castle made of glass" (Authorization: Bearer sk-or-v1-secret)');
    const ok = await reportActionError(
      error,
      { action: "generation.run", requestId: "job_1", tags: { model: "flux" }, redact: ["a castle made of glass"] },
      { env, fetch },
    );
    expect(ok).toBe(true);
    expect(bodies[0]!.url).toBe("https://sentry.test/api/9/envelope/");
    const event = JSON.parse(bodies[0]!.body.trimEnd().split("\n")[2]!);
    expect(event).toMatchObject({
      release: "abc123",
      environment: "production",
      tags: { service: "convex", action: "generation.run", request_id: "job_1", model: "flux" },
    });
    expect(bodies[0]!.body).not.toContain("castle");
    expect(bodies[0]!.body).not.toContain("sk-or-v1-secret");
  });

  it("does not throw on a bad DSN", async () => {
    const { bodies, fetch } = recorder();
    expect(await reportActionError(new Error("x"), { action: "a" }, { env: { SENTRY_DSN: "nope" }, fetch })).toBe(
      false,
    );
    expect(bodies).toEqual([]);
  });
});
