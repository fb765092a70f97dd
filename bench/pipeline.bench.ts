/**
 * The generation pipeline, measured: end-to-end local generation on
 * convex-local + s3rver (jobs.create → completed, 1024×1024, one image) through
 * the official ConvexClient, against the renderer alone as the baseline measured
 * in the same run; and each local style's render time per megapixel.
 * Targets: e2e p50 < 1 s; a 1024×1024 render < 300 ms.
 */
import { ConvexClient } from "convex/browser";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { localModels, measureRenderMsPerMegapixel, renderLocalImage } from "@pixorly/local-models";
import { api } from "../convex/_generated/api.js";
import { startConvexLocal } from "../packages/convex-local/src/index.ts";
import { startIssuer } from "../packages/convex-local/test/harness.ts";
// @ts-expect-error a plain ESM script without types
import { startS3Local } from "../scripts/s3-local.mjs";
import { jobIdOf } from "../convex/jobResult.testing";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "pixorly-bench-"));
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const rows: [string, string, string, string][] = [];
const row = (metric: string, value: string, target = "-", ok?: boolean) =>
  rows.push([metric, value, target, ok === undefined ? "info" : ok ? "PASS" : "FAIL"]);

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
const client = new ConvexClient(server.url, { unsavedChangesWarning: false, logger: false });
const token = await issuer.mint({ sub: "bench" });
client.setAuth(async () => token);
const { userId } = await client.mutation(api.users.ensure, {});
await server.engine.runMutation("users:updateAccount", { userId, plan: "enterprise", credits: 1_000_000 }, null, {
  publicOnly: false,
});

async function generateOnce(seed: number): Promise<number> {
  const started = performance.now();
  const jobId = await client
    .mutation(api.jobs.create, {
      prompt: `a lighthouse on a cliff at dusk, waves ${seed}`,
      model: "local/aurora",
      parameters: { width: 1024, height: 1024, seed },
    })
    .then(jobIdOf);
  return await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("job did not complete within 10 s")), 10_000);
    const stop = client.onUpdate(api.jobs.get, { jobId }, (job) => {
      if (job?.status === "completed" || job?.status === "failed") {
        clearTimeout(timer);
        stop();
        if (job.status === "failed") reject(new Error(job.error?.message));
        else resolve(performance.now() - started);
      }
    });
  });
}

await generateOnce(0);
const e2e: number[] = [];
for (let i = 1; i <= ROUNDS; i++) e2e.push(await generateOnce(i));
const renderOnly: number[] = [];
for (let i = 1; i <= ROUNDS; i++) {
  const t = performance.now();
  renderLocalImage({
    model: "local/aurora",
    prompt: `a lighthouse on a cliff at dusk, waves ${i}`,
    seed: i,
    width: 1024,
    height: 1024,
  });
  renderOnly.push(performance.now() - t);
}
row("e2e create → completed, 1024×1024 aurora, p50", `${pct(e2e, 50).toFixed(0)} ms`, "< 1000 ms", pct(e2e, 50) < 1000);
row("e2e create → completed, p95", `${pct(e2e, 95).toFixed(0)} ms`);
row("baseline: the same render alone, p50", `${pct(renderOnly, 50).toFixed(0)} ms`);
row("pipeline overhead over the render (p50)", `${(pct(e2e, 50) - pct(renderOnly, 50)).toFixed(0)} ms`);
for (const model of localModels) {
  const ms = measureRenderMsPerMegapixel(model.id, 5);
  row(
    `${model.id} render per megapixel (PNG included)`,
    `${ms.toFixed(0)} ms/MP`,
    "< 286 ms/MP (300 ms per 1024²)",
    ms * 1.048576 < 300,
  );
}

await client.close();
await server.close();
await s3.close();
await issuer.close();

const widths = [0, 1, 2, 3].map((i) =>
  Math.max(...rows.map((r) => r[i].length), ["Metric", "Value", "Target", "Result"][i].length),
);
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
console.log(`pipeline bench: ${ROUNDS} rounds, node ${process.version}\n`);
console.log(line(["Metric", "Value", "Target", "Result"]));
console.log(line(widths.map((w) => "-".repeat(w))));
for (const r of rows) console.log(line(r));
