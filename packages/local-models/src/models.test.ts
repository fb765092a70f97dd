import { cpuUsage } from "node:process";
import { describe, expect, it } from "vitest";
import { type LocalStyle, localModels, renderLocalImage } from "./models";
import { decodePng } from "./testing/decode-png";

const SIZE = 160;

function render(style: LocalStyle, prompt: string, seed = 1, width = SIZE, height = SIZE) {
  return renderLocalImage({ model: `local/${style}`, prompt, seed, width, height });
}

function pixels(style: LocalStyle, prompt: string, seed = 1) {
  return decodePng(render(style, prompt, seed).png).data;
}

function meanColour(data: Uint8Array): [number, number, number] {
  const sum = [0, 0, 0];
  for (let i = 0; i < data.length; i += 3) {
    sum[0] += data[i];
    sum[1] += data[i + 1];
    sum[2] += data[i + 2];
  }
  const count = data.length / 3;
  return [sum[0] / count, sum[1] / count, sum[2] / count];
}

/** Mean absolute difference per channel, 0–255. */
function pixelDifference(a: Uint8Array, b: Uint8Array): number {
  let total = 0;
  for (let i = 0; i < a.length; i++) total += Math.abs(a[i] - b[i]);
  return total / a.length;
}

function colourDistance(a: number[], b: number[]): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}

const styles = localModels.map((model) => model.style);

describe("localModels", () => {
  it("offers at least three distinct styles with local ids", () => {
    expect(new Set(styles).size).toBeGreaterThanOrEqual(3);
    expect(new Set(localModels.map((model) => model.id)).size).toBe(localModels.length);
    for (const model of localModels) {
      expect(model.id).toBe(`local/${model.style}`);
      expect(model.provider).toBe("local");
      expect(model.name.length).toBeGreaterThan(0);
      expect(model.description.length).toBeGreaterThan(20);
      expect(Number.isInteger(model.costPerImageCredits)).toBe(true);
      expect(model.costPerImageCredits).toBeGreaterThanOrEqual(1);
      expect(model.costPerImageCredits).toBeLessThanOrEqual(3);
      expect(model.estimatedMs).toBeGreaterThan(0);
      expect(model).toMatchObject({ minWidth: 64, maxWidth: 2048, minHeight: 64, maxHeight: 2048 });
    }
  });
});

describe.each(styles)("local/%s", (style) => {
  it("returns a PNG of the requested size", () => {
    const result = render(style, "a red kite over green hills", 3, 200, 120);
    expect(result).toMatchObject({ width: 200, height: 120, mimeType: "image/png" });
    expect(decodePng(result.png)).toMatchObject({ width: 200, height: 120, channels: 3 });
  });

  it("is deterministic for prompt, seed and size", () => {
    const first = render(style, "blue ocean at night", 42).png;
    const second = render(style, "blue ocean at night", 42).png;
    expect(first.length).toBe(second.length);
    expect(first.every((byte, i) => byte === second[i])).toBe(true);
  });

  it("varies with the seed", () => {
    expect(
      pixelDifference(pixels(style, "blue ocean at night", 1), pixels(style, "blue ocean at night", 2)),
    ).toBeGreaterThan(3);
  });

  it("gives clearly different pictures for different prompts", () => {
    const ocean = pixels(style, "blue ocean at night");
    const fire = pixels(style, "red fire and gold");
    expect(pixelDifference(ocean, fire)).toBeGreaterThan(15);
    expect(colourDistance(meanColour(ocean), meanColour(fire))).toBeGreaterThan(15);
    // Prompts without colour words differ too: their hashes choose the palette.
    expect(pixelDifference(pixels(style, "a castle made of glass"), pixels(style, "an old library"))).toBeGreaterThan(
      10,
    );
  });

  it("follows colour words", () => {
    const [oceanRed, , oceanBlue] = meanColour(pixels(style, "blue ocean"));
    expect(oceanBlue).toBeGreaterThan(oceanRed);
    const [fireRed, , fireBlue] = meanColour(pixels(style, "red fire"));
    expect(fireRed).toBeGreaterThan(fireBlue);
    const [forestRed, forestGreen, forestBlue] = meanColour(pixels(style, "green forest"));
    expect(forestGreen).toBeGreaterThan(Math.max(forestRed, forestBlue));
  });

  it("follows mood words", () => {
    const brightness = (data: Uint8Array) => meanColour(data).reduce((sum, channel) => sum + channel, 0);
    expect(brightness(pixels(style, "bright sunny yellow"))).toBeGreaterThan(
      brightness(pixels(style, "dark gloomy yellow")),
    );
  });

  it("renders an empty prompt and the extreme sizes", () => {
    expect(() => render(style, "", 0, 64, 64)).not.toThrow();
    expect(decodePng(render(style, "tall", 0xffff_ffff, 64, 2048).png)).toMatchObject({ width: 64, height: 2048 });
  });
});

describe("styles", () => {
  it("look clearly different from each other for the same prompt", () => {
    for (const prompt of ["blue ocean at night", "golden desert"]) {
      const images = styles.map((style) => pixels(style, prompt));
      for (let a = 0; a < images.length; a++) {
        for (let b = a + 1; b < images.length; b++) {
          expect(pixelDifference(images[a], images[b]), `${styles[a]} vs ${styles[b]} for "${prompt}"`).toBeGreaterThan(
            15,
          );
        }
      }
    }
  });
});

describe("renderLocalImage input checks", () => {
  const valid = { model: "local/aurora", prompt: "sky", seed: 1, width: 64, height: 64 };

  it.each([
    [{ model: "local/unknown" }, /Unknown local model "local\/unknown"; expected one of local\/aurora/],
    [{ model: "google/gemini-2.5-flash-image" }, /Unknown local model/],
    [{ width: 63 }, /width must be a whole number of pixels from 64 to 2048, got 63/],
    [{ width: 2049 }, /width must be/],
    [{ height: 100.5 }, /height must be/],
    [{ height: Number.NaN }, /height must be/],
    [{ seed: -1 }, /seed must be a whole number from 0 to 4294967295, got -1/],
    [{ seed: 2 ** 32 }, /seed must be/],
    [{ seed: 0.5 }, /seed must be/],
    [{ prompt: 42 }, /prompt must be a string/],
  ])("rejects %j", (change, message) => {
    expect(() => renderLocalImage({ ...valid, ...change } as never)).toThrow(message);
  });
});

describe("performance", () => {
  /** The least CPU time (user + system, ms) of three runs after a warm-up. */
  function bestCpuMs(run: (i: number) => unknown): number {
    run(-1);
    let best = Number.POSITIVE_INFINITY;
    for (let i = 0; i < 3; i++) {
      const started = cpuUsage();
      run(i);
      const used = cpuUsage(started);
      best = Math.min(best, (used.user + used.system) / 1000);
    }
    return best;
  }

  // The 300 ms budget per 1024×1024 image is measured and checked by `npm run bench -- pipeline`
  // (bench/pipeline.bench.ts, per style, PNG included): nebula sits at 200–310 ms of it depending on
  // how busy the shared machine is, too close for a pass/fail test on an unknown CI machine. This
  // guards against a gross regression only (an accidental quadratic loop, a lost fast path): five
  // times the budget, in this process's CPU time, so other processes cannot fail it.
  it.each(styles)("renders local/%s at 1024×1024 within five times the 300 ms budget", (style) => {
    const prompts = ["blue ocean at night", "fiery sunset over the mountains", "emerald forest"];
    const best = bestCpuMs((i) => render(style, prompts[i] ?? "warm up", Math.max(0, i), 1024, 1024));
    expect(best, `best of three: ${best.toFixed(0)} ms`).toBeLessThan(1_500);
  });
});
