import { describe, expect, it } from "vitest";
import { restApp, withKey } from "./rest-fixture.testing";

const job = {
  _id: "job1",
  _creationTime: 1_000.5,
  status: "completed",
  model: "local/aurora",
  prompt: "a fox",
  startedAt: 2_000,
  completedAt: 3_000,
  actualCost: 2,
  resultImageIds: ["img1", "img2"],
  queuePosition: null,
};
const delivered = [
  { id: "img1", s3Key: "u/job1/0.png", format: "png", width: 256, height: 256, isPublic: false },
  { id: "img2", s3Key: "u/job1/1.png", format: "png", width: 256, height: 256, isPublic: true },
];

describe("GET /api/v1/status/:jobId", () => {
  it("gives a completed job's images with signed URLs (unsigned for public ones), asked for in one call", async () => {
    const { app, convex } = await restApp({ "jobs:get": () => job, "images:delivery": () => delivered });
    const res = await app.request("/api/v1/status/job1", withKey("GET"));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({
      jobId: "job1",
      status: "completed",
      createdAt: 1000,
      startedAt: 2000,
      completedAt: 3000,
      cost: 2,
    });
    expect(body).not.toHaveProperty("imageIds");
    expect(body.images).toEqual([
      {
        id: "img1",
        width: 256,
        height: 256,
        url: expect.stringMatching(/\/cdn\/u\/job1\/0\.png\?Expires=\d+&Key-Pair-Id=KUNIT&Signature=/),
        expiresAt: expect.any(Number),
      },
      {
        id: "img2",
        width: 256,
        height: 256,
        url: "http://127.0.0.1:8787/cdn/u/job1/1.png",
        expiresAt: expect.any(Number),
      },
    ]);
    expect(convex.calls.filter((c) => c.name === "images:delivery").map((c) => c.args)).toEqual([
      { ids: ["img1", "img2"] },
    ]);
  });

  it("a key without images:read learns only the ids (and Convex is not asked for the images)", async () => {
    const { app, convex } = await restApp({ "jobs:get": () => job }, ["generate"]);
    const body = await (await app.request("/api/v1/status/job1", withKey("GET"))).json();
    expect(body.images).toEqual([{ id: "img1" }, { id: "img2" }]);
    expect(convex.calls.map((c) => c.name)).not.toContain("images:delivery");
  });

  it("a pending job has its queue position and no images", async () => {
    const { app } = await restApp({
      "jobs:get": () => ({ ...job, status: "pending", resultImageIds: [], queuePosition: 3 }),
      "images:delivery": () => [],
    });
    const body = await (await app.request("/api/v1/status/job1", withKey("GET"))).json();
    expect(body).toMatchObject({ status: "pending", queuePosition: 3, images: [] });
  });
});
