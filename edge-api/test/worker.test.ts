/**
 * The Workers entry: `wrangler deploy --dry-run` bundles it (no network), and the bundle runs in
 * workerd (Miniflare, from node_modules) where it serves /healthz, the JWKS and tokens.
 */
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
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testEnv } from "./helpers";

const EDGE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const WRANGLER = path.resolve(EDGE_DIR, "../node_modules/.bin/wrangler");

let outdir: string;
let convex: http.Server;
let mf: Miniflare | undefined;

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
}, 150_000);

afterAll(async () => {
  await mf?.dispose();
  await new Promise((r) => convex?.close(r));
  fs.rmSync(outdir, { recursive: true, force: true });
});

describe("Workers entry", () => {
  it("bundles with wrangler, without sharp", () => {
    const bundle = path.join(outdir, "worker.js");
    expect(fs.statSync(bundle).size).toBeGreaterThan(0);
    const sources: string[] = JSON.parse(fs.readFileSync(`${bundle}.map`, "utf8")).sources;
    expect(sources.filter((s) => s.includes("node_modules/sharp/"))).toEqual([]);
  });

  it("runs in workerd: /healthz, the JWKS and a dev token that the JWKS verifies", async () => {
    const convexUrl = `http://127.0.0.1:${(convex.address() as AddressInfo).port}`;
    const env = await testEnv({ PUBLIC_URL: "http://edge.test", CONVEX_URL: convexUrl, LOCAL_MODE: "1" });
    mf = new Miniflare({
      modules: true,
      scriptPath: path.join(outdir, "worker.js"),
      modulesRoot: outdir,
      compatibilityDate: "2026-04-01",
      compatibilityFlags: ["nodejs_compat"],
      bindings: env as Record<string, string>,
    });
    const health = await mf.dispatchFetch("http://edge.test/healthz");
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok", checks: { config: "ok", convex: "ok" } });

    const jwksRes = await mf.dispatchFetch("http://edge.test/.well-known/jwks.json");
    expect(jwksRes.headers.get("Cache-Control")).toMatch(/max-age/);
    const jwks = (await jwksRes.json()) as { keys: { kid: string }[] };
    expect(jwks.keys.map((k) => k.kid)).toEqual(["test-key-1"]);

    const tokenRes = await mf.dispatchFetch("http://edge.test/v1/dev/token", { method: "POST" });
    expect(tokenRes.status).toBe(200);
    const { token } = (await tokenRes.json()) as { token: string };
    const { payload } = await jwtVerify(token, createLocalJWKSet(jwks as never), { issuer: "http://edge.test", audience: "pixorly" });
    expect(payload.sub).toBe("local:local-user");

    const missing = await mf.dispatchFetch("http://edge.test/nope");
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ code: "NOT_FOUND" });
  });
});
