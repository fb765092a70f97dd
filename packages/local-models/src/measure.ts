import { renderLocalImage } from "./models";

/** The side of the square image measured; 1024×1024 is the size the studio offers by default. */
const MEASURE_SIZE = 1024;

// `performance` is not in every runtime this package targets, and not in the ES library types.
const clock: { now(): number } = (globalThis as { performance?: { now(): number } }).performance ?? Date;

/**
 * Renders `runs` 1024×1024 images with `model` (after one untimed warm-up, so the JIT has
 * compiled the hot loops) and returns the median milliseconds per megapixel (10^6 pixels),
 * PNG encoding included. Prompts and seeds vary per run so no run is unusually easy.
 */
export function measureRenderMsPerMegapixel(model: string, runs: number): number {
  if (!Number.isInteger(runs) || runs < 1) throw new RangeError(`runs must be a positive whole number, got ${runs}`);
  const prompts = ["blue ocean at night", "fiery sunset over the mountains", "emerald forest in the mist"];
  const render = (run: number) =>
    renderLocalImage({
      model,
      prompt: prompts[run % prompts.length],
      seed: run,
      width: MEASURE_SIZE,
      height: MEASURE_SIZE,
    });
  render(runs);
  const timings: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = clock.now();
    render(run);
    timings.push(clock.now() - started);
  }
  timings.sort((a, b) => a - b);
  const middle = timings.length >> 1;
  const median = timings.length % 2 === 1 ? timings[middle] : (timings[middle - 1] + timings[middle]) / 2;
  return median / ((MEASURE_SIZE * MEASURE_SIZE) / 1_000_000);
}
