/**
 * The offline backend as `npm start` runs it, for end-to-end tests of the operator CLI and the demo
 * pages: s3rver and convex-local in this process (the admin key in a temporary data directory, local
 * mode on as `npm start` sets it) and the edge API as its own process (`edge-api/src/node.ts` in
 * local mode) on a free port, with keys made here so nothing is written into the repository's `.pixorly/`.
 */
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { startConvexLocal, type ConvexLocal } from "../../packages/convex-local/src/index.js";
// @ts-expect-error a plain ESM script without types
import { startS3Local } from "../../scripts/s3-local.mjs";

export const ROOT = path.resolve(import.meta.dirname, "../..");

export interface OfflineBackend {
  convex: ConvexLocal;
  edgeUrl: string;
  dataDir: string;
  tmp(): string;
  close(): Promise<void>;
}

interface S3Local {
  endpoint: string;
  close(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The keys `node.ts` would otherwise generate into the repository's `.pixorly/keys`. */
function edgeKeys() {
  const signing = crypto.generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ format: "jwk" });
  const rsa = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
  const keyPairId = "KOFFLINETEST";
  return {
    SIGNING_KEYS: JSON.stringify([{ ...signing, kid: "offline-test", alg: "ES256", use: "sig" }]),
    CLOUDFRONT_KEY_PAIR_ID: keyPairId,
    CLOUDFRONT_PRIVATE_KEY: rsa.privateKey.export({ format: "pem", type: "pkcs8" }).toString(),
    CLOUDFRONT_PUBLIC_KEYS: JSON.stringify({
      [keyPairId]: rsa.publicKey.export({ format: "pem", type: "spki" }).toString(),
    }),
  };
}

async function waitFor(url: string, ms: number) {
  const until = Date.now() + ms;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`${url} did not answer within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Starts both; `corsOrigins` are the browser origins the edge API must allow (a demo page under test). */
export async function startOfflineBackend(options: { corsOrigins?: string[] } = {}): Promise<OfflineBackend> {
  const dirs: string[] = [];
  const tmp = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pixorly-offline-"));
    dirs.push(dir);
    return dir;
  };
  const edgePort = await freePort();
  const edgeUrl = `http://127.0.0.1:${edgePort}`;
  // convex-local trusts the edge API's tokens through its JWKS (convex/auth.config.ts reads these when it loads).
  process.env.PIXORLY_EDGE_ISSUER = edgeUrl;
  process.env.PIXORLY_EDGE_AUDIENCE = "pixorly";
  // What `npm start` gives the backend: local mode (loopback webhook endpoints) and s3rver for images.
  process.env.LOCAL_MODE = "1";
  const s3 = (await startS3Local({ port: 0, directory: tmp() })) as S3Local;
  process.env.S3_ENDPOINT = s3.endpoint;
  const dataDir = tmp();
  const convex = await startConvexLocal({
    dir: path.join(ROOT, "convex"),
    dataDir,
    port: 0,
    sitePort: 0,
    log: () => {},
    announce: () => {},
  });
  let edge: ChildProcess | undefined;
  try {
    edge = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "edge-api/src/node.ts")], {
      cwd: ROOT,
      env: {
        ...process.env,
        ...edgeKeys(),
        LOCAL_MODE: "1",
        EDGE_API_PORT: String(edgePort),
        PUBLIC_URL: edgeUrl,
        CONVEX_URL: convex.url,
        S3_ENDPOINT: s3.endpoint,
        PIXORLY_EDGE_AUDIENCE: "pixorly",
        ...(options.corsOrigins ? { CORS_ORIGINS: options.corsOrigins.join(",") } : {}),
      },
      stdio: "ignore",
    });
    await waitFor(`${edgeUrl}/.well-known/jwks.json`, 25_000);
  } catch (error) {
    edge?.kill("SIGTERM");
    await convex.close();
    await s3.close();
    throw error;
  }
  return {
    convex,
    edgeUrl,
    dataDir,
    tmp,
    async close() {
      edge?.kill("SIGTERM");
      await convex.close();
      await s3.close();
      for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
