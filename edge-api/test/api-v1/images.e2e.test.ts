/** The image routes and the model catalog of the REST API end to end, images made by a local model. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKey, generateImage, startRestStack, withKey, type Stack } from "./setup";

let stack: Stack;
let key: string;
let imageIds: string[];

beforeAll(async () => {
  ({ stack } = await startRestStack());
  ({ key } = await createKey(stack, "gallery"));
  imageIds = [];
  for (let i = 0; i < 3; i++) imageIds.push(await generateImage(stack, key));
}, 60_000);
afterAll(async () => await stack?.close());

describe("GET /api/v1/images", () => {
  it("pages through the owner's images, newest first", async () => {
    const first = await (await withKey(stack, key, "/api/v1/images?limit=2")).json();
    expect(first.images.map((i: { id: string }) => i.id)).toEqual([imageIds[2], imageIds[1]]);
    expect(first.nextCursor).toEqual(expect.any(String));
    expect(first.images[0]).toEqual({
      id: imageIds[2],
      jobId: expect.any(String),
      model: "local/aurora",
      prompt: "a lighthouse in fog",
      width: 256,
      height: 256,
      format: "png",
      size: expect.any(Number),
      seed: 5,
      isPublic: false,
      favorite: false,
      tags: [],
      createdAt: expect.any(Number),
    });
    const second = await (
      await withKey(stack, key, `/api/v1/images?limit=2&cursor=${encodeURIComponent(first.nextCursor)}`)
    ).json();
    expect(second.images.map((i: { id: string }) => i.id)).toEqual([imageIds[0]]);
    expect(second.nextCursor).toBeNull();
    expect((await (await withKey(stack, key, "/api/v1/images")).json()).images).toHaveLength(3);
  });

  it.each([
    "limit=0",
    "limit=201",
    "limit=-1",
    "limit=2.5",
    "limit=NaN",
    "limit=",
    "limit=0x10",
    "limit=many",
    "cursor=",
  ])("400 naming the field for ?%s", async (query) => {
    const res = await withKey(stack, key, `/api/v1/images?${query}`);
    expect(res.status).toBe(400);
    expect((await res.json()).fields[0].path).toBe(query.split("=")[0]);
  });

  it("takes up to 200 a page", async () => {
    expect((await withKey(stack, key, "/api/v1/images?limit=200")).status).toBe(200);
  });

  it.each(["!!!"])("400 naming cursor for a cursor Convex never returned (%s), not a 500", async (cursor) => {
    const res = await withKey(stack, key, `/api/v1/images?cursor=${encodeURIComponent(cursor)}`);
    const body = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(400);
    expect(body.code).toBe("INVALID_ARGUMENT");
    expect(JSON.stringify(body)).toContain("cursor");
  });

  it("another user sees none of them; a key without images:read is refused", async () => {
    const { key: stranger } = await createKey(stack, "stranger");
    expect(await (await withKey(stack, stranger, "/api/v1/images")).json()).toEqual({ images: [], nextCursor: null });
    const { key: generateOnly } = await createKey(stack, "gallery", ["generate"]);
    expect((await withKey(stack, generateOnly, "/api/v1/images")).status).toBe(403);
  });
});

describe("GET /api/v1/images/:id", () => {
  it("returns the image with a signed URL that the CDN serves", async () => {
    const res = await withKey(stack, key, `/api/v1/images/${imageIds[0]}`);
    expect(res.status).toBe(200);
    const image = await res.json();
    expect(image).toMatchObject({ id: imageIds[0], width: 256, height: 256, format: "png", isPublic: false });
    expect(image.url).toMatch(
      new RegExp(`^${stack.edgeUrl}/cdn/images/.+/0\\.png\\?Expires=\\d+&Key-Pair-Id=KREST&Signature=`),
    );
    expect(image.expiresAt).toBeGreaterThan(Date.now());
    const file = await fetch(image.url);
    expect(file.status).toBe(200);
    expect([...new Uint8Array(await file.arrayBuffer()).subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
    // Tampering with the signed URL is refused by the CDN.
    expect((await fetch(image.url.replace("0.png", "1.png"))).status).toBe(403);
  });

  it("404 for another user's image, an unknown id and a malformed id; 403 without images:read", async () => {
    const { key: stranger } = await createKey(stack, "stranger");
    for (const [who, id] of [
      [stranger, imageIds[0]],
      [key, "garbage"],
      [key, "kg2h7d0n1s5v4b8c3x6z9m2q4w7e1r3t"],
    ]) {
      const res = await withKey(stack, who!, `/api/v1/images/${id}`);
      expect(res.status).toBe(404);
      expect((await res.json()).code).toBe("NOT_FOUND");
    }
    const { key: generateOnly } = await createKey(stack, "gallery", ["generate"]);
    expect((await withKey(stack, generateOnly, `/api/v1/images/${imageIds[0]}`)).status).toBe(403);
  });
});

describe("DELETE /api/v1/images/:id", () => {
  it("needs images:write; others' and unknown ids are 404; the owner's is deleted (204)", async () => {
    const target = imageIds[1]!;
    const { key: readOnly } = await createKey(stack, "gallery", ["images:read"]);
    const refused = await withKey(stack, readOnly, `/api/v1/images/${target}`, { method: "DELETE" });
    expect(refused.status).toBe(403);
    const { key: stranger } = await createKey(stack, "stranger");
    for (const [who, id] of [
      [stranger, target],
      [key, "garbage"],
    ]) {
      expect((await withKey(stack, who!, `/api/v1/images/${id}`, { method: "DELETE" })).status).toBe(404);
    }

    const { url } = await (await withKey(stack, key, `/api/v1/images/${target}`)).json();
    const deleted = await withKey(stack, key, `/api/v1/images/${target}`, { method: "DELETE" });
    expect(deleted.status).toBe(204);
    expect(await deleted.text()).toBe("");
    expect((await withKey(stack, key, `/api/v1/images/${target}`)).status).toBe(404);
    expect((await withKey(stack, key, `/api/v1/images/${target}`, { method: "DELETE" })).status).toBe(404);
    const listed = await (await withKey(stack, key, "/api/v1/images")).json();
    expect(listed.images.map((i: { id: string }) => i.id)).not.toContain(target);
    // The stored file goes in the background: the old signed URL stops serving it.
    await expect.poll(async () => (await fetch(url)).status, { timeout: 10_000, interval: 200 }).toBe(404);
  });
});

describe("GET /api/v1/models", () => {
  it("lists the catalog for any valid key", async () => {
    const { key: generateOnly } = await createKey(stack, "gallery", ["generate"]);
    const res = await withKey(stack, generateOnly, "/api/v1/models");
    expect(res.status).toBe(200);
    const { models } = await res.json();
    expect(models.map((m: { id: string }) => m.id)).toEqual(
      expect.arrayContaining(["local/aurora", "local/mosaic", "local/nebula"]),
    );
    expect(models[0]).toMatchObject({ costPerImageCredits: expect.any(Number), supports: expect.any(Object) });
  });
});
