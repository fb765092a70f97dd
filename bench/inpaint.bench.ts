/**
 * Offline inpainting, measured end to end (issue 16): on convex-local + s3rver, through the official
 * ConvexClient, `jobs.create` with `input: { operation: "inpaint", imageId, maskInputId }` until the
 * job is completed — the Node action reads the source and the mask from S3, re-renders the masked
 * region with local/aurora, blends it by the mask and stores the result — at 512² and 1024². The
 * baseline, measured in the same run and interleaved round by round, is text-to-image of the same
 * size and model through the same pipeline, so the figure left is what inpainting adds.
 * The mask (right half white) is stored the way the edge API stores uploads.
 * `npm run bench -- inpaint`; `BENCH_ROUNDS` (default 20) rounds per size.
 */
import { pct, printTable, startImageInputBackend } from "./image-input-backend";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
const SIZES = [512, 1024];
const MODEL = "local/aurora";
const rows: string[][] = [];

const backend = await startImageInputBackend();
const textToImage = (size: number, seed: number) => ({
  prompt: `a lighthouse on a cliff at dusk, waves ${seed}`,
  model: MODEL,
  parameters: { width: size, height: size, seed },
});

for (const size of SIZES) {
  const { imageId } = await backend.timeJob(textToImage(size, 0));
  const maskInputId = await backend.storeMask(size);
  const inpaint = (seed: number) => ({
    prompt: `a stone tower with a red roof ${seed}`,
    model: MODEL,
    parameters: { width: size, height: size, seed },
    input: { operation: "inpaint" as const, imageId, maskInputId },
  });
  // One first, so the action's first sharp load is not in the figures.
  await backend.timeJob(inpaint(0));
  const inpainting: number[] = [];
  const baseline: number[] = [];
  for (let i = 1; i <= ROUNDS; i++) {
    inpainting.push((await backend.timeJob(inpaint(i))).ms);
    baseline.push((await backend.timeJob(textToImage(size, i))).ms);
  }
  const label = `${size}×${size}`;
  const ms = (xs: number[], p: number) => `${pct(xs, p).toFixed(0)} ms`;
  rows.push(
    [`inpaint ${label} e2e, p50`, ms(inpainting, 50)],
    [`inpaint ${label} e2e, p95`, ms(inpainting, 95)],
    [`baseline: text-to-image ${label} e2e, p50`, ms(baseline, 50)],
    [`baseline: text-to-image ${label} e2e, p95`, ms(baseline, 95)],
    [
      `inpaint over text-to-image ${label} (p50)`,
      `+${(pct(inpainting, 50) - pct(baseline, 50)).toFixed(0)} ms (×${(pct(inpainting, 50) / pct(baseline, 50)).toFixed(2)})`,
    ],
  );
}
await backend.close();

printTable(`inpaint bench: ${ROUNDS} rounds per size, ${MODEL}, node ${process.version}`, ["Metric", "Value"], rows);
