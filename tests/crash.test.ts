/** A crash during generation: kill -9 convex-local mid-job, restart, and the job must end, never stay stuck. */
import { ConvexHttpClient } from "convex/browser";
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { api } from "../convex/_generated/api.js";
import { startIssuer, waitFor, type Issuer } from "../packages/convex-local/test/harness.js";
// @ts-expect-error a plain ESM script without types
import { startS3Local } from "../scripts/s3-local.mjs";
import { jobIdOf } from "../convex/jobResult.testing";

const BIN = path.resolve("packages/convex-local/bin/convex-local.mjs");
let issuer: Issuer;
let s3: { endpoint: string; close(): Promise<void> };
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "pixorly-crash-"));
const procs: ChildProcess[] = [];

async function launch(): Promise<{ proc: ChildProcess; url: string }> {
  const proc = spawn(
    process.execPath,
    [BIN, "--dir", "convex", "--data", dataDir, "--port", "0", "--site-port", "0", "--no-watch"],
    {
      env: {
        ...process.env,
        S3_ENDPOINT: s3.endpoint,
        PIXORLY_EDGE_ISSUER: issuer.url,
        PIXORLY_EDGE_AUDIENCE: "convex-local-test",
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  procs.push(proc);
  let out = "";
  proc.stdout!.on("data", (d) => (out += d));
  proc.stderr!.on("data", (d) => (out += d));
  const url = await waitFor(() => out.match(/API (http:\/\/127\.0\.0\.1:\d+)/)?.[1], `convex-local:\n${out}`, 20_000);
  return { proc, url };
}

beforeAll(async () => {
  issuer = await startIssuer();
  s3 = await startS3Local({ port: 0, directory: fs.mkdtempSync(path.join(os.tmpdir(), "pixorly-crash-s3-")) });
});
afterAll(async () => {
  for (const p of procs) if (p.exitCode === null && p.signalCode === null) p.kill("SIGKILL");
  await s3.close();
  await issuer.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it("a job cut off by kill -9 ends completed or failed-and-refunded after the restart", async () => {
  const first = await launch();
  const client = new ConvexHttpClient(first.url);
  client.setAuth(await issuer.mint({ sub: "crash-user" }));
  const before = (await client.mutation(api.users.ensure, {})).credits;
  const jobId = await client
    .mutation(api.jobs.create, {
      prompt: "a storm over a neon city",
      model: "local/nebula",
      parameters: { width: 2048, height: 2048, numImages: 4 },
    })
    .then(jobIdOf);
  await waitFor(async () => (await client.query(api.jobs.get, { jobId }))?.status === "processing", "processing");
  await new Promise<void>((r) => {
    first.proc.once("exit", () => r());
    first.proc.kill("SIGKILL");
  });

  const second = await launch();
  const again = new ConvexHttpClient(second.url);
  again.setAuth(await issuer.mint({ sub: "crash-user" }));
  const job = await waitFor(
    async () => {
      const j = await again.query(api.jobs.get, { jobId });
      return j && (j.status === "completed" || j.status === "failed") ? j : null;
    },
    "a final state after the restart",
    25_000,
  );
  const after = (await again.query(api.jobs.me, {}))!.credits;
  if (job.status === "failed") {
    expect(after).toBe(before);
    expect(job.resultImageIds).toEqual([]);
    expect(job.error?.message).toMatch(/interrupted/);
  } else {
    expect(after).toBe(before - job.actualCost!);
  }
}, 60_000);
