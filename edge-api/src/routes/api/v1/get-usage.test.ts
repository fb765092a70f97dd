import { describe, expect, it } from "vitest";
import { restApp, withKey } from "./rest-fixture.testing";

const summary = {
  days: [{ day: "2026-12-03", credits: 4, generations: 2, apiCalls: 3 }],
  byModel: [{ model: "local/aurora", credits: 4, generations: 2 }],
  totals: { credits: 4, generations: 2, apiCalls: 3 },
};

describe("GET /api/v1/usage", () => {
  it("asks usage:summary as the key's owner for 30 days by default and returns it", async () => {
    const { app, convex } = await restApp({ "usage:summary": () => summary });
    const res = await app.request("/api/v1/usage", withKey("GET"));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(summary);
    const call = convex.calls.find((c) => c.name === "usage:summary")!;
    expect(call.args).toEqual({ days: 30 });
    expect(call.token).toEqual(expect.any(String));
  });

  it.each(["1", "90"])("days=%s is passed on", async (days) => {
    const { app, convex } = await restApp({ "usage:summary": () => summary });
    expect((await app.request(`/api/v1/usage?days=${days}`, withKey("GET"))).status).toBe(200);
    expect(convex.calls.find((c) => c.name === "usage:summary")!.args).toEqual({ days: Number(days) });
  });

  it.each(["0", "91", "-1", "2.5", "abc", "", "0x10"])(
    "days=%j is a 400 naming days, and Convex is not asked",
    async (days) => {
      const { app, convex } = await restApp({ "usage:summary": () => summary });
      const res = await app.request(`/api/v1/usage?days=${encodeURIComponent(days)}`, withKey("GET"));
      expect(res.status).toBe(400);
      const body = await res.json();
      expect(body.code).toBe("INVALID_ARGUMENT");
      expect(body.fields).toEqual([
        { field: "days", path: "days", message: "days must be a whole number from 1 to 90" },
      ]);
      expect(convex.calls.map((c) => c.name)).not.toContain("usage:summary");
    },
  );

  it("needs no particular permission: a key with images:read only may read its usage", async () => {
    const { app } = await restApp({ "usage:summary": () => summary }, ["images:read"]);
    expect((await app.request("/api/v1/usage", withKey("GET"))).status).toBe(200);
  });

  it("without a key is a 401", async () => {
    const { app } = await restApp({ "usage:summary": () => summary });
    expect((await app.request("/api/v1/usage")).status).toBe(401);
  });

  it("is in the OpenAPI document with the API-key scheme and the days parameter", async () => {
    const { app } = await restApp({});
    const doc = await (await app.request("/openapi.json")).json();
    const op = doc.paths["/api/v1/usage"].get;
    expect(op.security).toEqual([{ apiKey: [] }]);
    expect(op.parameters).toContainEqual(expect.objectContaining({ name: "days", in: "query" }));
    expect(op.responses["200"].content["application/json"].schema.$ref).toBe("#/components/schemas/Usage");
    expect(op.responses["400"]).toBeDefined();
  });
});
