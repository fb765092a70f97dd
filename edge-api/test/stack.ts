/**
 * The whole backend for end-to-end tests: convex-local running /work/main/convex, s3rver, and
 * the edge API on a real 127.0.0.1 port, so convex-local can fetch the edge API's JWKS and
 * trust its tokens exactly as Convex would.
 */
import { createAdaptorServer } from "@hono/node-server";
import { ConvexClient } from "convex/browser";
import type { Server } from "node:http";
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startConvexLocal, type ConvexLocal } from "../../packages/convex-local/src/index.js";
// @ts-expect-error a plain ESM script without types
import { startS3Local } from "../../scripts/s3-local.mjs";
import { createApp, type EdgeApp } from "../src/app";
import type { EdgeDeps, EdgeEnv } from "../src/app";
import type { LogEntry } from "../src/lib/logger";
import { testEnv } from "./helpers";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export interface Stack {
  edgeUrl: string;
  convexUrl: string;
  s3: { endpoint: string; bucket: string };
  env: EdgeEnv;
  app: EdgeApp;
  convex: ConvexLocal;
  logs: LogEntry[];
  /** Creates a partner through the internal `partners:create` mutation. */
  createPartner(args: { name: string; allowedOrigins: string[]; allowedScopes: string[]; plan?: string }): Promise<{
    partnerId: string;
    publishableKey: string;
    secretKey: string;
  }>;
  /** A local user's token from the edge API's offline sign-in (`POST /v1/dev/token`); throws unless 200. */
  devToken(userId: string): Promise<string>;
  /** A live `ConvexClient` signed in with `token`, closed with the stack. */
  clientFor(token: string): ConvexClient;
  close(): Promise<void>;
}

export async function startStack(options: { env?: Partial<EdgeEnv>; deps?: Partial<EdgeDeps> } = {}): Promise<Stack> {
  const dirs: string[] = [];
  const tmp = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pixorly-edge-e2e-"));
    dirs.push(dir);
    return dir;
  };

  // The edge API listens first: its URL is the issuer convex-local must trust.
  let app: EdgeApp | undefined;
  const http = createAdaptorServer({
    // The Node bindings (`incoming`, `outgoing`) go through, as `node.ts` serves the app.
    fetch: (req: Request, bindings: unknown) =>
      app ? app.fetch(req, bindings) : new Response("starting", { status: 503 }),
    hostname: "127.0.0.1",
  }) as Server;
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const edgeUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;

  const s3 = await startS3Local({ port: 0, directory: tmp() });
  // convex-local reads auth.config.ts's environment when it loads the app.
  process.env.PIXORLY_EDGE_ISSUER = edgeUrl;
  process.env.PIXORLY_EDGE_AUDIENCE = "pixorly";
  process.env.S3_ENDPOINT = s3.endpoint;
  const convex = await startConvexLocal({
    dir: path.join(ROOT, "convex"),
    dataDir: tmp(),
    port: 0,
    sitePort: 0,
    log: () => {},
  });

  const env = await testEnv({
    PUBLIC_URL: edgeUrl,
    PIXORLY_EDGE_AUDIENCE: "pixorly",
    CONVEX_URL: convex.url,
    S3_ENDPOINT: s3.endpoint,
    S3_BUCKET: s3.bucket,
    AWS_ACCESS_KEY_ID: "S3RVER",
    AWS_SECRET_ACCESS_KEY: "S3RVER",
    ...options.env,
  });
  const logs: LogEntry[] = [];
  const clients: ConvexClient[] = [];
  app = createApp(env, { logger: (e) => logs.push(e), ...options.deps });

  return {
    edgeUrl,
    convexUrl: convex.url,
    s3: { endpoint: s3.endpoint, bucket: s3.bucket },
    env,
    app,
    convex,
    logs,
    async createPartner(args) {
      const outcome = await convex.engine.runMutation("partners:create", args, null, { publicOnly: false });
      return outcome.value as never;
    },
    async devToken(userId) {
      const res = await fetch(`${edgeUrl}/v1/dev/token`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ userId }),
      });
      if (res.status !== 200) throw new Error(`POST /v1/dev/token for ${userId}: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { token: string }).token;
    },
    clientFor(token) {
      const client = new ConvexClient(convex.url, { unsavedChangesWarning: false, logger: false });
      clients.push(client);
      client.setAuth(async () => token);
      return client;
    },
    async close() {
      await Promise.all(clients.map((client) => client.close()));
      await convex.close();
      await s3.close();
      await new Promise<void>((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      });
      for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
