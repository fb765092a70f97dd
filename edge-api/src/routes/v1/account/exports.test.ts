import { beforeAll, describe, expect, it } from "vitest";
import { postJson, testApp } from "../../../../test/helpers";
import { cloudFrontEnv, generateCloudFrontKeyPair, type CloudFrontKeyPair } from "../../../cdn/key-pair";
import { CloudFrontSigner, verifySignedUrl } from "../../../cdn/signer";
import { signExportUrl } from "./export-link";

const NOW = Date.UTC(2030, 0, 1, 12, 0, 0);
const KEY = "exports/u1abc/e1xyz.zip";
const ZIP = new Uint8Array([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]);
const READY = { s3Key: KEY, size: ZIP.length, filename: "pixorly-export-2030-01-01.zip" };

let pair: CloudFrontKeyPair;
beforeAll(async () => {
  pair = await generateCloudFrontKeyPair("KX");
});

async function exportApp() {
  const clock = { now: NOW };
  const read: string[] = [];
  const t = await testApp({
    env: { PUBLIC_URL: "http://127.0.0.1:8787", ...cloudFrontEnv(pair) },
    deps: {
      now: () => clock.now,
      imageObjects: {
        get: async (key: string) => (
          read.push(key),
          key === KEY ? { body: ZIP, contentType: "application/zip", etag: '"e"' } : null
        ),
        head: async () => '"e"',
      },
    },
    convex: { "account:exportDownload": ({ exportId }: { exportId: string }) => (exportId === "e1xyz" ? READY : null) },
  });
  const bearer = (await t.app.services.tokens.signToken({ sub: "local:u1", ttlSeconds: 600 })).token;
  const post = (id: string, headers: Record<string, string> = { Authorization: `Bearer ${bearer}` }) =>
    t.app.request(`/v1/account/exports/${id}/url`, postJson(undefined, headers));
  const get = (url: string) => t.app.request(url.replace("http://127.0.0.1:8787", ""));
  const signer = new CloudFrontSigner(pair.keyPairId, pair.privateKey);
  return { ...t, clock, bearer, post, get, read, signer };
}

describe("POST /v1/account/exports/{id}/url", () => {
  it("asks Convex with the caller's token and answers a signed 5-minute link", async () => {
    const { post, convex, bearer } = await exportApp();
    const res = await post("e1xyz");
    expect(res.status).toBe(200);
    const link = await res.json();
    expect(link).toEqual({
      url: expect.stringMatching(
        /^http:\/\/127\.0\.0\.1:8787\/v1\/account\/exports\/download\?k=exports%2Fu1abc%2Fe1xyz\.zip&n=[^&]+&Expires=\d+&Key-Pair-Id=KX&Signature=/,
      ),
      expiresAt: NOW + 300_000,
      filename: READY.filename,
      size: ZIP.length,
    });
    expect(await verifySignedUrl(link.url, { publicKeys: { KX: pair.publicKey }, now: NOW })).toMatchObject({
      ok: true,
    });
    expect(convex.calls).toEqual([{ name: "account:exportDownload", args: { exportId: "e1xyz" }, token: bearer }]);
  });

  it("404 for an export that is not the caller's or not ready; 401 without a token", async () => {
    const { post, convex } = await exportApp();
    const res = await post("other");
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ code: "NOT_FOUND", message: "Export not found, or not ready yet." });
    expect((await post("e1xyz", {})).status).toBe(401);
    expect(convex.calls).toHaveLength(1);
  });
});

describe("GET /v1/account/exports/download", () => {
  it("serves the archive as an attachment under the signed name", async () => {
    const { post, get } = await exportApp();
    const { url } = await (await post("e1xyz")).json();
    const res = await get(url);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/zip");
    expect(res.headers.get("Content-Disposition")).toBe(
      `attachment; filename="${READY.filename}"; filename*=UTF-8''${READY.filename}`,
    );
    expect(res.headers.get("Cache-Control")).toBe("private, no-store");
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(ZIP);
  });

  it("403 without a signature, with a changed key, and once expired", async () => {
    const { post, get, clock, read } = await exportApp();
    const { url } = await (await post("e1xyz")).json();
    expect((await get(url.split("&Expires=")[0])).status).toBe(403);
    expect((await get(url.replace("e1xyz.zip", "e2xyz.zip"))).status).toBe(403);
    clock.now = NOW + 300_000;
    const expired = await get(url);
    expect(expired.status).toBe(403);
    expect((await expired.json()).message).toMatch(/expired/);
    expect(read).toEqual([]);
  });

  it("a signed link can name only an export object (400), and a removed export is 404", async () => {
    const { get, signer, read } = await exportApp();
    const image = await signExportUrl(
      "http://127.0.0.1:8787",
      signer,
      { s3Key: "images/u1abc/j1/0.png", filename: "x.zip" },
      NOW,
    );
    expect((await get(image.url)).status).toBe(400);
    const gone = await signExportUrl(
      "http://127.0.0.1:8787",
      signer,
      { s3Key: "exports/u1abc/gone.zip", filename: "x.zip" },
      NOW,
    );
    expect((await get(gone.url)).status).toBe(404);
    expect(read).toEqual(["exports/u1abc/gone.zip"]);
  });
});

describe("OpenAPI", () => {
  it("documents both export routes", async () => {
    const { app } = await exportApp();
    const doc = await (await app.request("/openapi.json")).json();
    expect(Object.keys(doc.paths["/v1/account/exports/{id}/url"])).toEqual(["post"]);
    expect(doc.paths["/v1/account/exports/download"].get.responses["200"].content).toHaveProperty("application/zip");
  });
});
