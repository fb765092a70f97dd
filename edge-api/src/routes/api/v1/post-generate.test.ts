import { describe, expect, it } from "vitest";
import { restApp, withKey } from "./rest-fixture.testing";

const created = { "jobs:create": () => "job1", "jobs:get": () => ({ status: "pending" }) };
const prompt = "a lighthouse in fog";

async function generate(body: unknown) {
  const { app, convex } = await restApp(created);
  const res = await app.request("/api/v1/generate", withKey("POST", body));
  return {
    res,
    body: await res.json(),
    creates: convex.calls.filter((c) => c.name === "jobs:create").map((c) => c.args),
  };
}

describe("POST /api/v1/generate: defaults", () => {
  it("fills in 1024×1024 and one image when parameters are left out", async () => {
    const { res, creates } = await generate({ prompt, model: "local/aurora" });
    expect(res.status).toBe(202);
    expect(creates).toEqual([
      { prompt, model: "local/aurora", parameters: { width: 1024, height: 1024, numImages: 1 } },
    ]);
  });

  it("fills in only what a partial parameters object leaves out", async () => {
    const { res, creates } = await generate({ prompt, model: "local/aurora", parameters: { seed: 7, width: 512 } });
    expect(res.status).toBe(202);
    expect(creates).toEqual([
      { prompt, model: "local/aurora", parameters: { width: 512, height: 1024, numImages: 1, seed: 7 } },
    ]);
  });

  it("still checks the parameters it is given, by name", async () => {
    const { res, body, creates } = await generate({
      prompt,
      model: "local/aurora",
      parameters: { height: 10, numImages: 0 },
    });
    expect(res.status).toBe(400);
    expect(body.fields).toEqual([
      { field: "parameters.height", path: "parameters.height", message: "Height must be at least 64 pixels" },
      { field: "parameters.numImages", path: "parameters.numImages", message: "Number of images must be at least 1" },
    ]);
    expect(creates).toEqual([]);
  });
});

describe("POST /api/v1/generate: error messages", () => {
  it("says a missing model is missing, not that it must be text", async () => {
    const { res, body } = await generate({ prompt });
    expect(res.status).toBe(400);
    expect(body).toMatchObject({
      code: "INVALID_ARGUMENT",
      message: "Invalid model: model is required",
      fields: [{ field: "model", path: "model", message: "model is required" }],
    });
  });

  it("a wrong type that was sent keeps its own message", async () => {
    const { body } = await generate({ prompt, model: 42 });
    expect(body.fields).toEqual([{ field: "model", path: "model", message: "Model id must be text" }]);
  });

  it("names each wrong field with its own message, once", async () => {
    const { res, body } = await generate({ prompt: "   ", parameters: { width: "wide" } });
    expect(res.status).toBe(400);
    // The prompt's rule depends on `input` (a request-level check), so it is reported after the fields'.
    expect(body.fields).toEqual([
      { field: "model", path: "model", message: "model is required" },
      { field: "parameters.width", path: "parameters.width", message: "Width must be a whole number of pixels" },
      { field: "prompt", path: "prompt", message: "Prompt must not be blank" },
    ]);
    expect(body.message).toBe(
      "Invalid input: model: model is required; parameters.width: Width must be a whole number of pixels; prompt: Prompt must not be blank",
    );
  });

  it("an empty body names both required fields", async () => {
    const { body } = await generate({});
    expect(body.fields).toEqual([
      { field: "prompt", path: "prompt", message: "prompt is required" },
      { field: "model", path: "model", message: "model is required" },
    ]);
  });
});

describe("POST /api/v1/generate: moderation", () => {
  it("answers a refusal jobs:create returns (so Convex kept its log row) as the 422 it always was", async () => {
    const refused = {
      code: "MODERATION_REJECTED",
      message: "This prompt is not allowed by the content policy.",
      fields: [{ field: "prompt", message: "This prompt is not allowed by the content policy." }],
    };
    const { app, convex } = await restApp({ "jobs:create": () => ({ refused }), "jobs:get": () => null });
    const res = await app.request(
      "/api/v1/generate",
      withKey("POST", { prompt: "refused words", model: "local/aurora" }),
    );
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({
      code: "MODERATION_REJECTED",
      message: refused.message,
      fields: [{ field: "prompt", path: "prompt", message: refused.message }],
    });
    expect(res.headers.get("Location")).toBeNull();
    expect(convex.calls.map((c) => c.name)).not.toContain("jobs:get");
  });
});
