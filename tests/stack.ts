/**
 * The backend as the end-to-end tests in tests/ run it: convex-local serving convex/, s3rver for images, and a
 * token issuer Convex trusts — each on a free port, with data in temporary folders removed by `close()`.
 * One place, so every suite starts the same stack and none forgets a piece of the teardown.
 */
import { ConvexClient } from "convex/browser";
import { ConvexError } from "convex/values";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "vitest";
import { api } from "../convex/_generated/api.js";
import { startConvexLocal, type ConvexLocal } from "../packages/convex-local/src/index.js";
import { startIssuer, type Issuer, type MintOptions } from "../packages/convex-local/test/harness.js";
// @ts-expect-error a plain ESM script without types
import { startS3Local } from "../scripts/s3-local.mjs";

export interface BackendStack {
  server: ConvexLocal;
  issuer: Issuer;
  s3: { endpoint: string; bucket: string; close(): Promise<void> };
  /** A fresh temporary folder, removed with the stack. */
  tmp(): string;
  /** A live `ConvexClient` signed in as `sub` (extra claims optional), closed with the stack. */
  clientFor(sub: string, claims?: Omit<MintOptions, "sub">): Promise<ConvexClient>;
  close(): Promise<void>;
}

/** Starts the stack; `name` prefixes its temporary folders. Sets the env the backend reads (S3 endpoint, issuer). */
export async function startBackendStack(name: string): Promise<BackendStack> {
  const dirs: string[] = [];
  const clients: ConvexClient[] = [];
  const tmp = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `pixorly-${name}-`));
    dirs.push(dir);
    return dir;
  };
  const issuer = await startIssuer();
  const s3 = await startS3Local({ port: 0, directory: tmp() });
  process.env.S3_ENDPOINT = s3.endpoint;
  process.env.PIXORLY_EDGE_ISSUER = issuer.url;
  process.env.PIXORLY_EDGE_AUDIENCE = "convex-local-test";
  const server = await startConvexLocal({
    dir: path.resolve("convex"),
    dataDir: tmp(),
    port: 0,
    sitePort: 0,
    log: () => {},
  });
  return {
    server,
    issuer,
    s3,
    tmp,
    async clientFor(sub, claims = {}) {
      const client = new ConvexClient(server.url, { unsavedChangesWarning: false, logger: false });
      clients.push(client);
      const token = await issuer.mint({ ...claims, sub });
      client.setAuth(async () => token);
      return client;
    },
    async close() {
      await Promise.all(clients.map((client) => client.close()));
      await server.close();
      await s3.close();
      await issuer.close();
      for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The `code` of the ConvexError a call is refused with (fails the test if it succeeds or throws anything else). */
export async function codeOf(call: Promise<unknown>): Promise<string> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConvexError);
  return (error as ConvexError<{ code: string }>).data.code;
}

/** The job once it is completed, failed or cancelled (polled every 100 ms, for up to 30 s). */
export async function finishedJob(client: ConvexClient, jobId: string) {
  for (let i = 0; i < 300; i++) {
    const job = await client.query(api.jobs.get, { jobId });
    if (job && ["completed", "failed", "cancelled"].includes(job.status)) return job;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`job ${jobId} did not finish`);
}
