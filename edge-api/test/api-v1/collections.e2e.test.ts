/**
 * The library routes of the REST API end to end: collections (create, list, get with images,
 * rename, public/private, delete, add and remove images) and an image's favorite, tags and
 * visibility — each with another user's ids answering exactly as unknown ones.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKey, generateImage, postJsonWithKey, startRestStack, withKey, type Stack } from "./setup";

let stack: Stack;
let key: string;
let stranger: string;
let imageIds: string[];

beforeAll(async () => {
  ({ stack } = await startRestStack());
  ({ key } = await createKey(stack, "curator"));
  ({ key: stranger } = await createKey(stack, "stranger"));
  imageIds = [];
  for (let i = 0; i < 3; i++) imageIds.push(await generateImage(stack, key));
}, 60_000);
afterAll(async () => await stack?.close());

const json = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { "Content-Type": "application/json" },
  body: JSON.stringify(body),
});

async function newCollection(name: string, who = key): Promise<string> {
  const res = await postJsonWithKey(stack, who, "/api/v1/collections", { name });
  expect(res.status).toBe(201);
  const { id } = await res.json();
  expect(res.headers.get("Location")).toBe(`${stack.edgeUrl}/api/v1/collections/${id}`);
  return id;
}

describe("collections", () => {
  it("create, add images in order, read them with signed URLs, remove one, rename, share, delete", async () => {
    const id = await newCollection("  Lighthouses ");
    const added = await postJsonWithKey(stack, key, `/api/v1/collections/${id}/images`, {
      imageIds: [imageIds[2], imageIds[0], imageIds[2]],
    });
    expect(added.status).toBe(200);
    expect(await added.json()).toEqual({ added: 2 });

    const res = await withKey(stack, key, `/api/v1/collections/${id}?limit=1`);
    expect(res.status).toBe(200);
    const page = await res.json();
    expect(page).toMatchObject({
      id,
      name: "Lighthouses",
      isPublic: false,
      shareId: null,
      imageCount: 2,
      coverImageId: imageIds[2],
    });
    expect(page.images.map((i: { id: string }) => i.id)).toEqual([imageIds[2]]);
    expect(page.images[0].url).toMatch(/Signature=/);
    expect((await fetch(page.images[0].url)).status).toBe(200);
    const rest = await (
      await withKey(stack, key, `/api/v1/collections/${id}?limit=5&cursor=${encodeURIComponent(page.nextCursor)}`)
    ).json();
    expect(rest.images.map((i: { id: string }) => i.id)).toEqual([imageIds[0]]);
    expect(rest.nextCursor).toBeNull();

    expect(
      (await withKey(stack, key, `/api/v1/collections/${id}/images/${imageIds[2]}`, { method: "DELETE" })).status,
    ).toBe(204);
    const gone = await withKey(stack, key, `/api/v1/collections/${id}/images/${imageIds[2]}`, { method: "DELETE" });
    expect(gone.status).toBe(404);
    expect((await gone.json()).message).toBe("That image is not in this collection.");
    // The image itself stays in the library.
    expect((await withKey(stack, key, `/api/v1/images/${imageIds[2]}`)).status).toBe(200);

    expect(
      (await withKey(stack, key, `/api/v1/collections/${id}`, json("PATCH", { name: "Harbours", isPublic: true })))
        .status,
    ).toBe(204);
    const shared = await (await withKey(stack, key, `/api/v1/collections/${id}`)).json();
    expect(shared).toMatchObject({ name: "Harbours", isPublic: true, shareId: expect.any(String), imageCount: 1 });
    expect((await (await withKey(stack, key, "/api/v1/collections")).json()).collections).toContainEqual(
      expect.objectContaining({ id, name: "Harbours", isPublic: true }),
    );

    expect((await withKey(stack, key, `/api/v1/collections/${id}`, { method: "DELETE" })).status).toBe(204);
    expect((await withKey(stack, key, `/api/v1/collections/${id}`)).status).toBe(404);
    expect((await withKey(stack, key, `/api/v1/collections/${id}`, { method: "DELETE" })).status).toBe(404);
    expect((await withKey(stack, key, `/api/v1/images/${imageIds[0]}`)).status).toBe(200);
  });

  it("another user's collection answers exactly as an unknown one, on every route", async () => {
    const id = await newCollection("Mine");
    await postJsonWithKey(stack, key, `/api/v1/collections/${id}/images`, { imageIds: [imageIds[0]] });
    const unknown = "k57c2m0d8v1x9n3q6w4e7r2t5y8u1i0o";
    const calls: [string, string, RequestInit?][] = [
      ["GET", ""],
      ["PATCH", "", json("PATCH", { name: "Theirs now" })],
      ["DELETE", ""],
      ["POST", "/images", json("POST", { imageIds: [imageIds[1]] })],
    ];
    for (const [method, suffix, init] of calls) {
      const answers = [];
      for (const [who, target] of [
        [stranger, id],
        [key, unknown],
        [key, "garbage"],
      ] as const) {
        const res = await withKey(stack, who, `/api/v1/collections/${target}${suffix}`, init ?? { method });
        answers.push([res.status, (await res.json()).message]);
      }
      expect(answers, `${method} ${suffix}`).toEqual([answers[0], answers[0], answers[0]]);
      expect(answers[0]![0]).toBe(404);
    }
    // Deleting someone else's image from the collection: not in it, as for any unknown image.
    const res = await withKey(stack, stranger, `/api/v1/collections/${id}/images/${imageIds[0]}`, { method: "DELETE" });
    expect(res.status).toBe(404);
    // The stranger's list does not show it; the owner's collection is untouched.
    expect((await (await withKey(stack, stranger, "/api/v1/collections")).json()).collections).toEqual([]);
    expect(await (await withKey(stack, key, `/api/v1/collections/${id}`)).json()).toMatchObject({
      name: "Mine",
      imageCount: 1,
    });
  });

  it("takes 100 full-length ids in one call (within the route's body limit)", async () => {
    const id = await newCollection("Many");
    const ids = [
      imageIds[0]!,
      ...Array.from({ length: 99 }, (_, i) => `kg2h7d0n1s5v4b8c3x6z9m2q4w7e${String(i).padStart(4, "0")}`),
    ];
    const res = await postJsonWithKey(stack, key, `/api/v1/collections/${id}/images`, { imageIds: ids });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ added: 1 });
  });

  it("a stranger's images are skipped when added to one's own collection", async () => {
    const theirs = await newCollection("Theirs", stranger);
    const res = await postJsonWithKey(stack, stranger, `/api/v1/collections/${theirs}/images`, {
      imageIds: [imageIds[0]],
    });
    expect(await res.json()).toEqual({ added: 0 });
    expect((await (await withKey(stack, stranger, `/api/v1/collections/${theirs}`)).json()).images).toEqual([]);
  });

  it.each([
    ["POST", "", {}, "name", "name is required"],
    ["POST", "", { name: 5 }, "name", "Name must be text"],
    ["POST", "", { name: "   " }, "name", "Name must not be blank"],
    ["POST", "", { name: "x".repeat(101) }, "name", "Name must be at most 100 characters"],
    ["PATCH", "/ID", {}, "(body)", "Send name, isPublic or both"],
    ["PATCH", "/ID", { isPublic: "yes" }, "isPublic", "isPublic must be true or false"],
    ["POST", "/ID/images", {}, "imageIds", "imageIds is required"],
    ["POST", "/ID/images", { imageIds: [] }, "imageIds", "Give at least one image id"],
    [
      "POST",
      "/ID/images",
      { imageIds: Array.from({ length: 101 }, (_, i) => `id${i}`) },
      "imageIds",
      "At most 100 ids per call",
    ],
  ])("%s /collections%s with %j: 400 naming %s", async (method, suffix, body, path, message) => {
    const id = await newCollection("Checks");
    const res = await withKey(stack, key, `/api/v1/collections${suffix.replace("ID", id)}`, json(method, body));
    expect(res.status).toBe(400);
    const error = await res.json();
    expect(error.code).toBe("INVALID_ARGUMENT");
    expect(error.fields).toEqual([{ field: path, path, message }]);
  });

  it("an unknown field is refused by name", async () => {
    const res = await postJsonWithKey(stack, key, "/api/v1/collections", { name: "A", colour: "red" });
    expect(res.status).toBe(400);
    expect(JSON.stringify((await res.json()).fields)).toContain("colour");
  });

  it("writing needs collections:write, reading needs images:read", async () => {
    const { key: reader } = await createKey(stack, "curator", ["images:read"]);
    const refused = await postJsonWithKey(stack, reader, "/api/v1/collections", { name: "No" });
    expect(refused.status).toBe(403);
    expect((await refused.json()).message).toContain('"collections:write"');
    expect((await withKey(stack, reader, "/api/v1/collections")).status).toBe(200);
    const { key: writer } = await createKey(stack, "curator", ["collections:write"]);
    expect((await withKey(stack, writer, "/api/v1/collections")).status).toBe(403);
  });
});

describe("an image's favorite, tags and visibility", () => {
  it("PUT and DELETE /favorite star and unstar; PATCH sets tags and visibility; GET shows them", async () => {
    const target = imageIds[1]!;
    expect((await withKey(stack, key, `/api/v1/images/${target}/favorite`, { method: "PUT" })).status).toBe(204);
    expect((await withKey(stack, key, `/api/v1/images/${target}/favorite`, { method: "PUT" })).status).toBe(204);
    expect(await (await withKey(stack, key, `/api/v1/images/${target}`)).json()).toMatchObject({ favorite: true });

    expect(
      (
        await withKey(
          stack,
          key,
          `/api/v1/images/${target}`,
          json("PATCH", { tags: ["#Sunset ", "sea", "SUNSET"], isPublic: true }),
        )
      ).status,
    ).toBe(204);
    const image = await (await withKey(stack, key, `/api/v1/images/${target}`)).json();
    expect(image).toMatchObject({ favorite: true, isPublic: true, tags: ["sunset", "sea"] });
    // A public image's URL is stable and unsigned, and the CDN serves it.
    expect(image.url).not.toContain("Signature=");
    expect((await fetch(image.url)).status).toBe(200);

    expect((await withKey(stack, key, `/api/v1/images/${target}/favorite`, { method: "DELETE" })).status).toBe(204);
    expect((await withKey(stack, key, `/api/v1/images/${target}`, json("PATCH", { isPublic: false }))).status).toBe(
      204,
    );
    expect(await (await withKey(stack, key, `/api/v1/images/${target}`)).json()).toMatchObject({
      favorite: false,
      isPublic: false,
    });
  });

  it("another user's image answers as an unknown one and is left unchanged", async () => {
    const target = imageIds[0]!;
    for (const [who, id] of [
      [stranger, target],
      [key, "garbage"],
      [key, "kg2h7d0n1s5v4b8c3x6z9m2q4w7e1r3t"],
    ] as const) {
      for (const init of [{ method: "PUT" }, { method: "DELETE" }]) {
        const res = await withKey(stack, who, `/api/v1/images/${id}/favorite`, init);
        expect(res.status).toBe(404);
        expect((await res.json()).message).toBe("Image not found.");
      }
      for (const body of [{ favorite: true }, { isPublic: true }, { tags: ["mine"] }]) {
        const res = await withKey(stack, who, `/api/v1/images/${id}`, json("PATCH", body));
        expect(res.status).toBe(404);
        expect((await res.json()).message).toBe("Image not found.");
      }
    }
    expect(await (await withKey(stack, key, `/api/v1/images/${target}`)).json()).toMatchObject({
      favorite: false,
      isPublic: false,
      tags: [],
    });
  });

  it.each([
    [{}, "(body)", "Send favorite, isPublic or tags"],
    [{ favorite: "yes" }, "favorite", "favorite must be true or false"],
    [{ tags: "sunset" }, "tags", "tags must be a list of text"],
    [{ tags: ["ok", "   "] }, "tags.1", "Tag must not be blank"],
    [{ tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, "tags", expect.stringContaining("20")],
  ])("PATCH with %j: 400 naming %s, nothing changed", async (body, path, message) => {
    const target = imageIds[2]!;
    const res = await withKey(stack, key, `/api/v1/images/${target}`, json("PATCH", { ...body }));
    expect(res.status).toBe(400);
    expect((await res.json()).fields).toEqual([{ field: path, path, message }]);
    expect(await (await withKey(stack, key, `/api/v1/images/${target}`)).json()).toMatchObject({
      favorite: false,
      tags: [],
    });
  });

  it("needs images:write", async () => {
    const { key: reader } = await createKey(stack, "curator", ["images:read"]);
    const res = await withKey(stack, reader, `/api/v1/images/${imageIds[0]}/favorite`, { method: "PUT" });
    expect(res.status).toBe(403);
    expect((await res.json()).message).toContain('API key does not have the "images:write" permission');
  });
});
