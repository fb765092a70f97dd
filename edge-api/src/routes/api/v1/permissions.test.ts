import { describe, expect, it } from "vitest";
import { ALL_PERMISSIONS, restApp, withKey } from "./rest-fixture.testing";

describe("REST permission checks", () => {
  it.each([
    ["POST", "/api/v1/generate", "generate"],
    ["GET", "/api/v1/jobs", "generate"],
    ["POST", "/api/v1/jobs/j1/cancel", "generate"],
    ["GET", "/api/v1/images", "images:read"],
    ["PATCH", "/api/v1/images/i1", "images:write"],
    ["PUT", "/api/v1/images/i1/favorite", "images:write"],
    ["GET", "/api/v1/collections", "images:read"],
    ["POST", "/api/v1/collections", "collections:write"],
    ["DELETE", "/api/v1/collections/c1/images/i1", "collections:write"],
  ])(
    "%s %s without %s is a 403 that speaks of the API key and names the permission",
    async (method, path, permission) => {
      const { app, convex } = await restApp(
        {},
        ALL_PERMISSIONS.filter((p) => p !== permission),
      );
      const res = await app.request(path, withKey(method, method === "GET" || method === "DELETE" ? undefined : {}));
      expect(res.status).toBe(403);
      const body = await res.json();
      expect(body).toMatchObject({
        code: "FORBIDDEN",
        message: `This API key does not have the "${permission}" permission; create a key that includes it.`,
      });
      expect(body.message).not.toMatch(/token/i);
      // Refused before Convex is asked anything beyond the key itself.
      expect(convex.calls.map((c) => c.name)).toEqual(["apiKeys:verify"]);
    },
  );
});
