/**
 * Offline upscaling ×4 of a 1024² image (issue 16's benchmark): `local/upscale` end to end on
 * convex-local + s3rver (create → completed through the official ConvexClient: the Node action reads
 * the source from S3, enlarges it with sharp — Lanczos3 and a light sharpen — encodes the 4096² PNG
 * and its placeholder, stores it and completes the job) against the baseline measured in the same
 * run, interleaved: sharp called directly with the same operations on the same bytes (resize,
 * sharpen, PNG). Target: the pipeline runs at ≥ 90 % of sharp's own speed (sharp ÷ pipeline, p50).
 * `npm run bench -- upscale`; `BENCH_ROUNDS` (default 10).
 */
import sharp from "sharp";
import { pct, printTable, startImageInputBackend } from "./image-input-backend";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const backend = await startImageInputBackend();
const { imageId } = await backend.timeJob({
  prompt: "a harbour at noon, boats and gulls",
  model: "local/aurora",
  parameters: { width: 1024, height: 1024, seed: 1 },
});
const source = await backend.imageBytes(imageId);
const upscale = () =>
  backend.timeJob({
    prompt: "",
    model: "local/upscale",
    parameters: { width: 1024, height: 1024 },
    input: { operation: "upscale", imageId, scale: 4 },
  });
/** What local/upscale does to the bytes, without the pipeline around it. */
async function sharpDirect(): Promise<number> {
  const started = performance.now();
  await sharp(source, { limitInputPixels: false })
    .resize(4096, 4096, { kernel: "lanczos3" })
    .sharpen({ sigma: 0.6, m1: 0.5, m2: 2 })
    .png({ compressionLevel: 6 })
    .toBuffer();
  return performance.now() - started;
}

await upscale();
await sharpDirect();
const pipeline: number[] = [];
const direct: number[] = [];
for (let i = 0; i < ROUNDS; i++) {
  pipeline.push((await upscale()).ms);
  direct.push(await sharpDirect());
}
await backend.close();

const ratio = pct(direct, 50) / pct(pipeline, 50);
const ms = (xs: number[], p: number) => `${pct(xs, p).toFixed(0)} ms`;
printTable(
  `upscale bench: ${ROUNDS} rounds, 1024² → 4096², node ${process.version}`,
  ["Metric", "Value", "Target", "Result"],
  [
    ["upscale ×4 through the pipeline, p50", ms(pipeline, 50), "-", "info"],
    ["upscale ×4 through the pipeline, p95", ms(pipeline, 95), "-", "info"],
    ["baseline: sharp directly, p50", ms(direct, 50), "-", "info"],
    ["baseline: sharp directly, p95", ms(direct, 95), "-", "info"],
    ["pipeline speed vs sharp (p50)", `${(ratio * 100).toFixed(0)} %`, "≥ 90 %", ratio >= 0.9 ? "PASS" : "FAIL"],
  ],
);
