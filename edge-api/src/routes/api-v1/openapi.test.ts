import { describe, expect, it } from "vitest";
import { testApp } from "../../../test/helpers";

describe("REST API v1 in the OpenAPI document", () => {
  it("documents every route with the API-key scheme and the common error body", async () => {
    const { app } = await testApp();
    const doc = await (await app.request("/openapi.json")).json();
    const operations = {
      "/api/v1/generate": ["post", "202"],
      "/api/v1/status/{jobId}": ["get", "200"],
      "/api/v1/images": ["get", "200"],
      "/api/v1/images/{id}": ["get", "200"],
      "/api/v1/models": ["get", "200"],
    } as const;
    for (const [path, [method, success]] of Object.entries(operations)) {
      const op = doc.paths[path][method];
      expect(op.security).toEqual([{ apiKey: [] }]);
      expect(op.responses[success]).toBeDefined();
      expect(op.responses["401"].content["application/json"].schema.$ref).toBe("#/components/schemas/Error");
      expect(op.responses["429"]).toBeDefined();
    }
    expect(doc.paths["/api/v1/images/{id}"].delete.responses["204"]).toBeDefined();
    expect(doc.paths["/api/v1/generate"].post.parameters).toContainEqual(expect.objectContaining({ name: "Idempotency-Key", in: "header" }));
    expect(doc.components.schemas.GenerateRequest.required).toEqual(["prompt", "model"]);
  });
});
