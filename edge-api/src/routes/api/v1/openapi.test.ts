import { describe, expect, it } from "vitest";
import { testApp } from "../../../../test/helpers";

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
      "/api/v1/jobs": ["get", "200"],
      "/api/v1/jobs/{jobId}/cancel": ["post", "200"],
      "/api/v1/collections": ["get", "200"],
      "/api/v1/collections/{id}": ["get", "200"],
      "/api/v1/collections/{id}/images": ["post", "200"],
      "/api/v1/collections/{id}/images/{imageId}": ["delete", "204"],
      "/api/v1/images/{id}/favorite": ["put", "204"],
    } as const;
    for (const [path, [method, success]] of Object.entries(operations)) {
      const op = doc.paths[path][method];
      expect(op.security).toEqual([{ apiKey: [] }]);
      expect(op.responses[success]).toBeDefined();
      expect(op.responses["401"].content["application/json"].schema.$ref).toBe("#/components/schemas/Error");
      expect(op.responses["429"]).toBeDefined();
    }
    expect(doc.paths["/api/v1/images/{id}"].delete.responses["204"]).toBeDefined();
    expect(doc.paths["/api/v1/images/{id}"].patch.requestBody.content["application/json"].schema.$ref).toBe(
      "#/components/schemas/UpdateImage",
    );
    expect(doc.paths["/api/v1/images/{id}/favorite"].delete.responses["204"]).toBeDefined();
    expect(doc.paths["/api/v1/collections"].post.responses["201"]).toBeDefined();
    expect(doc.paths["/api/v1/collections/{id}"].patch.responses["204"]).toBeDefined();
    expect(doc.paths["/api/v1/collections/{id}"].delete.responses["204"]).toBeDefined();
    expect(doc.paths["/api/v1/jobs"].get.parameters).toContainEqual(
      expect.objectContaining({ name: "status", in: "query" }),
    );
    // Another user's ids are 404s like unknown ones, and every such route says so.
    for (const path of ["/api/v1/jobs/{jobId}/cancel", "/api/v1/collections/{id}", "/api/v1/images/{id}/favorite"]) {
      for (const op of Object.values(doc.paths[path]) as { responses: Record<string, unknown> }[])
        expect(op.responses["404"]).toBeDefined();
    }
    // Parameters may be left out, and each of their fields: the defaults are documented.
    const generate = doc.components.schemas.GenerateRequest;
    expect(generate.properties.parameters.description).toContain("1024×1024");
    expect(generate.properties.parameters.required ?? []).toEqual([]);
    expect(doc.paths["/api/v1/generate"].post.parameters).toContainEqual(
      expect.objectContaining({ name: "Idempotency-Key", in: "header" }),
    );
    expect(doc.components.schemas.GenerateRequest.required).toEqual(["prompt", "model"]);
  });
});
