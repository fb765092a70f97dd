/**
 * The Workers entry: `wrangler deploy --dry-run` bundles it (no network), and the bundle runs in
 * workerd (Miniflare, from node_modules) where it serves /healthz, the JWKS, tokens and the CDN
 * route (originals from S3 — s3rver here — with the signature checked; no sharp, so transforms 501).
 */
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { execFile } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { createLocalJWKSet, jwtVerify } from "jose";
import { Miniflare } from "miniflare";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error a plain ESM script without types
import { startS3Local } from "../../scripts/s3-local.mjs";
import { cloudFrontEnv, generateCloudFrontKeyPair, type CloudFrontKeyPair } from "../src/cdn/key-pair";
import { CloudFrontSigner } from "../src/cdn/signer";
import { testEnv } from "./helpers";

const EDGE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const WRANGLER = path.resolve(EDGE_DIR, "../node_modules/.bin/wrangler");

const OBJECT_KEY = "images/u1/j1/0.png";

let outdir: string;
let s3Dir: string;
let convex: http.Server;
let s3: { endpoint: string; bucket: string; close(): Promise<void> };
let pair: CloudFrontKeyPair;
let mf: Miniflare;

beforeAll(async () => {
  outdir = fs.mkdtempSync(path.join(os.tmpdir(), "pixorly-worker-"));
  await promisify(execFile)(WRANGLER, ["deploy", "--dry-run", "--outdir", outdir], {
    cwd: EDGE_DIR,
    // Offline: no telemetry, no update check.
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", WRANGLER_LOG: "warn", NO_UPDATE_NOTIFIER: "1", CI: "1" },
    timeout: 120_000,
  });
  // A stand-in Convex that answers the health check.
  convex = http.createServer((req, res) => {
    res.writeHead(req.url === "/version" ? 200 : 404, { "Content-Type": "application/json" });
    res.end('"convex-local"');
  });
  await new Promise<void>((r) => convex.listen(0, "127.0.0.1", r));

  // An image in S3 for the CDN route.
  s3Dir = fs.mkdtempSync(path.join(os.tmpdir(), "pixorly-worker-s3-"));
  s3 = await startS3Local({ port: 0, directory: s3Dir });
  const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: "#36c" } })
    .png()
    .toBuffer();
  const client = new S3Client({
    endpoint: s3.endpoint,
    forcePathStyle: true,
    region: "us-east-1",
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
  });
  await client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: OBJECT_KEY, Body: png, ContentType: "image/png" }));

  pair = await generateCloudFrontKeyPair("KWORKER");
  const convexUrl = `http://127.0.0.1:${(convex.address() as AddressInfo).port}`;
  const env = await testEnv({
    PUBLIC_URL: "http://127.0.0.1:8787",
    CONVEX_URL: convexUrl,
    LOCAL_MODE: "1",
    S3_ENDPOINT: s3.endpoint,
    S3_BUCKET: s3.bucket,
    AWS_ACCESS_KEY_ID: "S3RVER",
    AWS_SECRET_ACCESS_KEY: "S3RVER",
    ...cloudFrontEnv(pair),
  });
  mf = new Miniflare({
    modules: true,
    scriptPath: path.join(outdir, "worker.js"),
    modulesRoot: outdir,
    compatibilityDate: "2026-04-01",
    compatibilityFlags: ["nodejs_compat"],
    bindings: env as Record<string, string>,
  });
}, 150_000);

afterAll(async () => {
  await mf?.dispose();
  await new Promise((r) => convex?.close(r));
  await s3?.close();
  fs.rmSync(outdir, { recursive: true, force: true });
  if (s3Dir) fs.rmSync(s3Dir, { recursive: true, force: true });
});

describe("Workers entry", () => {
  it("bundles with wrangler, without sharp", () => {
    const bundle = path.join(outdir, "worker.js");
    expect(fs.statSync(bundle).size).toBeGreaterThan(0);
    const sources: string[] = JSON.parse(fs.readFileSync(`${bundle}.map`, "utf8")).sources;
    expect(sources.filter((s) => s.includes("node_modules/sharp/"))).toEqual([]);
  });

  it("runs in workerd: /healthz, the JWKS and a dev token that the JWKS verifies", async () => {
    const health = await mf.dispatchFetch("http://127.0.0.1:8787/healthz");
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok", checks: { config: "ok", convex: "ok" } });

    const jwksRes = await mf.dispatchFetch("http://127.0.0.1:8787/.well-known/jwks.json");
    expect(jwksRes.headers.get("Cache-Control")).toMatch(/max-age/);
    const jwks = (await jwksRes.json()) as { keys: { kid: string }[] };
    expect(jwks.keys.map((k) => k.kid)).toEqual(["test-key-1"]);

    const tokenRes = await mf.dispatchFetch("http://127.0.0.1:8787/v1/dev/token", { method: "POST" });
    expect(tokenRes.status).toBe(200);
    const { token } = (await tokenRes.json()) as { token: string };
    const { payload } = await jwtVerify(token, createLocalJWKSet(jwks as never), {
      issuer: "http://127.0.0.1:8787",
      audience: "pixorly",
    });
    expect(payload.sub).toBe("local:local-user");

    const missing = await mf.dispatchFetch("http://127.0.0.1:8787/nope");
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ code: "NOT_FOUND" });
  });

  it("serves the CDN in workerd: a signed original 200, a tampered URL 403, a transform 501", async () => {
    const signer = new CloudFrontSigner(pair.keyPairId, pair.privateKey);
    const expiresAt = Date.now() + 3_600_000;
    const original = await signer.sign(`http://127.0.0.1:8787/cdn/${OBJECT_KEY}`, expiresAt);
    const res = await mf.dispatchFetch(original);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("image/png");
    expect(await sharp(new Uint8Array(await res.arrayBuffer())).metadata()).toMatchObject({
      width: 40,
      height: 30,
      format: "png",
    });

    const tampered = await mf.dispatchFetch(original.replace("/0.png?", "/1.png?"));
    expect(tampered.status).toBe(403);
    expect(await tampered.json()).toMatchObject({ code: "FORBIDDEN" });

    const transform = await mf.dispatchFetch(
      await signer.sign(`http://127.0.0.1:8787/cdn/${OBJECT_KEY}?w=20`, expiresAt),
    );
    expect(transform.status).toBe(501);
    expect(((await transform.json()) as { message: string }).message).toContain("originals only");
  });
});
