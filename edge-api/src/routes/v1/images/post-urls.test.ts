import { beforeAll, describe, expect, it } from "vitest";
import { ConvexError, postJson, testApp } from "../../../../test/helpers";
import { cloudFrontEnv, generateCloudFrontKeyPair, type CloudFrontKeyPair } from "../../../cdn/key-pair";
import { verifySignedUrl } from "../../../cdn/signer";

const NOW = Date.UTC(2030, 0, 1, 12, 0, 0);
const MINE = { id: "img_mine", s3Key: "images/u1/j1/0.png", format: "png", width: 256, height: 256, isPublic: false };
const MINE_PUBLIC = {
  id: "img_public",
  s3Key: "images/u1/j2/0.png",
  format: "png",
  width: 256,
  height: 256,
  isPublic: true,
};

let pair: CloudFrontKeyPair;
beforeAll(async () => {
  pair = await generateCloudFrontKeyPair("KURLS");
});

async function urlsApp() {
  const t = await testApp({
    env: { PUBLIC_URL: "http://127.0.0.1:8787", ...cloudFrontEnv(pair) },
    deps: { now: () => NOW },
    convex: {
      // Convex decides ownership: only the caller's own ids come back.
      "images:delivery": ({ ids }: { ids: string[] }) => [MINE, MINE_PUBLIC].filter((image) => ids.includes(image.id)),
    },
  });
  const token = async (claims: { scp?: string[]; origin?: string } = {}) =>
    (await t.app.services.tokens.signToken({ sub: "local:u1", ttlSeconds: 600, ...claims })).token;
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    t.app.request("/v1/images/urls", postJson(body, headers));
  return { ...t, token, post };
}

describe("POST /v1/images/urls", () => {
  it("signs the caller's private images (transform included) and leaves foreign ids out", async () => {
    const { post, token, convex } = await urlsApp();
    const bearer = await token();
    const res = await post(
      { ids: ["img_mine", "img_someone_elses", "img_mine"], transform: { fit: "cover", w: 512, f: "webp" } },
      { Authorization: `Bearer ${bearer}` },
    );
    expect(res.status).toBe(200);
    const { urls } = await res.json();
    expect(urls).toHaveLength(1);
    expect(urls[0]).toMatchObject({ id: "img_mine", expiresAt: NOW + 3600_000 });
    expect(urls[0].url).toMatch(
      /^http:\/\/127\.0\.0\.1:8787\/cdn\/images\/u1\/j1\/0\.png\?w=512&f=webp&fit=cover&Expires=\d+&Key-Pair-Id=KURLS&Signature=/,
    );
    const check = await verifySignedUrl(urls[0].url, { publicKeys: { KURLS: pair.publicKey }, now: NOW });
    expect(check).toEqual({ ok: true, keyPairId: "KURLS", expires: (NOW + 3600_000) / 1000 });
    // Convex was asked with the caller's own token, once.
    expect(convex.calls).toEqual([
      { name: "images:delivery", args: { ids: ["img_mine", "img_someone_elses", "img_mine"] }, token: bearer },
    ]);
  });

  it("gives public images a stable unsigned URL, in request order", async () => {
    const { post, token } = await urlsApp();
    const res = await post({ ids: ["img_public", "img_mine"] }, { Authorization: `Bearer ${await token()}` });
    const { urls } = await res.json();
    expect(urls.map((u: { id: string }) => u.id)).toEqual(["img_public", "img_mine"]);
    expect(urls[0].url).toBe("http://127.0.0.1:8787/cdn/images/u1/j2/0.png");
  });

  it("answers an empty list when none of the ids are the caller's", async () => {
    const { post, token } = await urlsApp();
    const res = await post({ ids: ["img_other"] }, { Authorization: `Bearer ${await token()}` });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ urls: [] });
  });

  it("401 without a token or with one we did not issue", async () => {
    const { post, convex } = await urlsApp();
    const attempts: Record<string, string>[] = [
      {},
      { Authorization: "Bearer not.a.jwt" },
      { Authorization: "Basic abc" },
    ];
    for (const headers of attempts) {
      const res = await post({ ids: ["img_mine"] }, headers);
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ code: "UNAUTHENTICATED", requestId: expect.any(String) });
    }
    expect(convex.calls).toEqual([]);
  });

  it("403 from a page whose Origin is not the token's, or without images:read", async () => {
    const { post, token, convex } = await urlsApp();
    const bound = await token({ scp: ["images:read"], origin: "https://partner.example" });
    expect(
      (await post({ ids: ["img_mine"] }, { Authorization: `Bearer ${bound}`, Origin: "https://partner.example" }))
        .status,
    ).toBe(200);
    const wrongOrigin = await post(
      { ids: ["img_mine"] },
      { Authorization: `Bearer ${bound}`, Origin: "https://evil.example" },
    );
    expect(wrongOrigin.status).toBe(403);
    expect(await wrongOrigin.json()).toMatchObject({ code: "FORBIDDEN" });
    const noScope = await post(
      { ids: ["img_mine"] },
      { Authorization: `Bearer ${await token({ scp: ["generate"] })}` },
    );
    expect(noScope.status).toBe(403);
    expect((await noScope.json()).message).toContain("images:read");
    // Only the first request reached Convex's images:delivery (CORS asked for partner origins).
    expect(convex.calls.filter((c) => c.name === "images:delivery")).toHaveLength(1);
  });

  it.each([
    ["no ids", {}, ["ids"]],
    ["empty ids", { ids: [] }, ["ids"]],
    ["101 ids", { ids: Array.from({ length: 101 }, (_, i) => `i${i}`) }, ["ids"]],
    ["an id that is not a string", { ids: ["a", 5] }, ["ids.1"]],
    ["an empty id", { ids: [""] }, ["ids.0"]],
    ["w out of range", { ids: ["a"], transform: { w: 0 } }, ["transform.w"]],
    ["h too large", { ids: ["a"], transform: { h: 4097 } }, ["transform.h"]],
    ["an unknown format", { ids: ["a"], transform: { f: "gif" } }, ["transform.f"]],
    ["q not an integer", { ids: ["a"], transform: { q: 50.5 } }, ["transform.q"]],
    ["an unknown fit", { ids: ["a"], transform: { fit: "stretch" } }, ["transform.fit"]],
    ["an unknown transform key", { ids: ["a"], transform: { width: 10 } }, ["transform"]],
    ["an unknown body key", { ids: ["a"], extra: 1 }, ["(body)"]],
  ])("400 naming the field: %s", async (_, body, paths) => {
    const { post, token, convex } = await urlsApp();
    const res = await post(body, { Authorization: `Bearer ${await token()}` });
    expect(res.status).toBe(400);
    const json = await res.json();
    expect(json.code).toBe("INVALID_ARGUMENT");
    expect(json.fields.map((f: { path: string }) => f.path)).toEqual(paths);
    expect(convex.calls).toEqual([]);
  });

  it("400 for a body that is not JSON", async () => {
    const { app, token } = await urlsApp();
    const res = await app.request("/v1/images/urls", {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${await token()}` },
      body: "{not json",
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: "INVALID_ARGUMENT" });
  });

  it("passes Convex's own errors through with their code", async () => {
    const { app } = await testApp({
      env: cloudFrontEnv(pair),
      convex: {
        "images:delivery": () => {
          throw new ConvexError({ code: "FORBIDDEN", message: 'This token does not allow "images:read".' });
        },
      },
    });
    const res = await app.request(
      "/v1/images/urls",
      postJson(
        { ids: ["a"] },
        { Authorization: `Bearer ${(await app.services.tokens.signToken({ sub: "local:u", ttlSeconds: 60 })).token}` },
      ),
    );
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: "FORBIDDEN", message: 'This token does not allow "images:read".' });
  });
});
