import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../env";
import { LOCAL_DEMO_ORIGINS, nodeSettings } from "./node-env";

const dirs: string[] = [];
function keysDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pixorly-keys-"));
  dirs.push(dir);
  return path.join(dir, "keys");
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe("nodeSettings", () => {
  it("runs the offline studio with LOCAL_MODE=1 and generates keys once, then reuses them", async () => {
    const dir = keysDir();
    const first = await nodeSettings({ LOCAL_MODE: "1" }, dir);
    expect(first).toMatchObject({ host: "127.0.0.1", port: 8787 });
    expect(first.env).toMatchObject({
      PUBLIC_URL: "http://127.0.0.1:8787",
      CONVEX_URL: "http://127.0.0.1:3210",
      LOCAL_MODE: "1",
      CORS_ORIGINS: LOCAL_DEMO_ORIGINS.join(","),
      S3_ENDPOINT: "http://127.0.0.1:4569",
    });
    expect(fs.statSync(path.join(dir, "signing.json")).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(path.join(dir, "cloudfront.pem"), "utf8")).toContain("BEGIN PRIVATE KEY");
    const config = loadConfig(first.env);
    expect(config.signingKeys).toHaveLength(1);
    expect(config.cloudfront.keyPairId).toMatch(/^K[A-Z2-7]{13}$/);
    expect(Object.keys(config.cloudfront.publicKeys)).toEqual([config.cloudfront.keyPairId]);

    const second = await nodeSettings({ LOCAL_MODE: "1" }, dir);
    expect(second.env.SIGNING_KEYS).toBe(first.env.SIGNING_KEYS);
    expect(second.env.CLOUDFRONT_KEY_PAIR_ID).toBe(first.env.CLOUDFRONT_KEY_PAIR_ID);
  });

  it("never infers local mode from a loopback CONVEX_URL", async () => {
    const dir = keysDir();
    for (const CONVEX_URL of [undefined, "http://127.0.0.1:3210", "http://localhost:3210"]) {
      const settings = await nodeSettings({ CONVEX_URL }, dir);
      expect(settings.env.LOCAL_MODE).toBe("0");
      expect(settings.env.SIGNING_KEYS).toBeUndefined();
    }
    expect(fs.existsSync(dir)).toBe(false);
  });

  it("uses given secrets, and never generates keys outside local mode", async () => {
    const dir = keysDir();
    const prod = await nodeSettings(
      { CONVEX_URL: "https://x.convex.cloud", PUBLIC_URL: "https://api.pixorly.com", EDGE_API_PORT: "9000" },
      dir,
    );
    expect(prod.port).toBe(9000);
    expect(prod.env.LOCAL_MODE).toBe("0");
    expect(prod.env.SIGNING_KEYS).toBeUndefined();
    expect(prod.env.CORS_ORIGINS).toBeUndefined();
    expect(fs.existsSync(dir)).toBe(false);
    expect(() => loadConfig(prod.env)).toThrow(/SIGNING_KEYS is required/);

    const given = await nodeSettings({ SIGNING_KEYS: "[given]", CLOUDFRONT_PRIVATE_KEY: "pem", LOCAL_MODE: "1" }, dir);
    expect(given.env.SIGNING_KEYS).toBe("[given]");
    expect(fs.existsSync(dir)).toBe(false);
  });
});
