import { describe, expect, it } from "vitest";
import { ConvexError, testApp } from "../../../../test/helpers";

const KEY = `px_${"k".repeat(43)}`;
const verified = { keyId: "key1", subject: "local:ada", permissions: ["generate"], plan: "pro" };

async function restApp(countRequest: (args: { keyId: string }) => unknown) {
  return testApp({
    convex: { "apiKeys:verify": () => verified, "apiKeys:countRequest": countRequest, "models:list": () => [] },
  });
}
const models = (app: Awaited<ReturnType<typeof restApp>>["app"]) =>
  app.request("/api/v1/models", { headers: { Authorization: `Bearer ${KEY}` } });

describe("the REST daily limit, counted in Convex", () => {
  it("asks apiKeys:countRequest once per request and passes its answer on as RateLimit headers", async () => {
    const { app, convex } = await restApp(() => ({ allowed: true, limit: 1000, remaining: 41, resetSeconds: 3600 }));
    const res = await models(app);
    expect(res.status).toBe(200);
    expect(res.headers.get("RateLimit-Remaining")).toBe("41");
    expect(res.headers.get("RateLimit-Reset")).toBe("3600");
    await models(app);
    const counts = convex.calls.filter((c) => c.name === "apiKeys:countRequest");
    expect(counts.map((c) => c.args)).toEqual([{ keyId: "key1" }, { keyId: "key1" }]);
  });

  it("answers 429 with Retry-After when Convex says the user's budget is spent", async () => {
    const { app } = await restApp(() => ({ allowed: false, limit: 1000, remaining: 0, resetSeconds: 120 }));
    const res = await models(app);
    expect(res.status).toBe(429);
    expect(res.headers.get("Retry-After")).toBe("120");
    expect(res.headers.get("RateLimit-Limit")).toBe("1000");
    expect((await res.json()).message).toContain("across all your keys");
  });

  it("treats a key deleted since its verification was cached as unknown (401)", async () => {
    const { app } = await restApp(() => {
      throw new ConvexError({ code: "NOT_FOUND", message: "API key not found." });
    });
    expect((await models(app)).status).toBe(401);
  });
});
