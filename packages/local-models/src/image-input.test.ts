import { describe, expect, it } from "vitest";
import { renderLocalPixelsFromInput } from "./image-input";

const W = 64;
const H = 64;
/** A left-dark, right-light source: its layout should survive img2img. */
function gradient(): Uint8Array {
  const rgb = new Uint8Array(W * H * 3);
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) rgb.set([(x / W) * 255, 40, 200 - (x / W) * 150], (y * W + x) * 3);
  return rgb;
}
const base = { model: "local/aurora", prompt: "northern lights", seed: 7, width: W, height: H, source: gradient() };
const meanOf = (rgb: Uint8Array, channel: number, x0: number, x1: number) => {
  let sum = 0;
  let n = 0;
  for (let y = 0; y < H; y++) for (let x = x0; x < x1; x++, n++) sum += rgb[(y * W + x) * 3 + channel]!;
  return sum / n;
};

describe("renderLocalPixelsFromInput", () => {
  it("is deterministic and keeps the source's layout at low strength", () => {
    const a = renderLocalPixelsFromInput({ ...base, operation: "img2img", strength: 0.3 });
    const b = renderLocalPixelsFromInput({ ...base, operation: "img2img", strength: 0.3 });
    expect(a.rgb).toEqual(b.rgb);
    // Red rises left to right in the source, and still does.
    expect(meanOf(a.rgb, 0, W - 16, W)).toBeGreaterThan(meanOf(a.rgb, 0, 0, 16) + 60);
  });

  it("moves further from the source as strength grows, and a new seed gives a new variation", () => {
    const diff = (rgb: Uint8Array) => rgb.reduce((sum, v, i) => sum + Math.abs(v - base.source[i]!), 0);
    const light = renderLocalPixelsFromInput({ ...base, operation: "img2img", strength: 0.2 });
    const strong = renderLocalPixelsFromInput({ ...base, operation: "img2img", strength: 0.9 });
    expect(diff(strong.rgb)).toBeGreaterThan(diff(light.rgb) * 2);
    expect(renderLocalPixelsFromInput({ ...base, operation: "img2img", strength: 0 }).rgb).toEqual(base.source);
    const v1 = renderLocalPixelsFromInput({ ...base, operation: "variations" });
    const v2 = renderLocalPixelsFromInput({ ...base, operation: "variations", seed: 8 });
    expect(v1.rgb).not.toEqual(v2.rgb);
  });

  it("repaints only where the mask is white", () => {
    const mask = new Uint8Array(W * H);
    for (let y = 0; y < H; y++) for (let x = W / 2; x < W; x++) mask[y * W + x] = 255;
    const out = renderLocalPixelsFromInput({ ...base, operation: "inpaint", mask }).rgb;
    for (let y = 0; y < H; y++)
      for (let x = 0; x < W / 2; x++)
        for (let c = 0; c < 3; c++) expect(out[(y * W + x) * 3 + c]).toBe(base.source[(y * W + x) * 3 + c]);
    let changed = 0;
    for (let y = 0; y < H; y++)
      for (let x = W / 2; x < W; x++) if (out[(y * W + x) * 3] !== base.source[(y * W + x) * 3]) changed++;
    expect(changed).toBeGreaterThan((W / 2) * H * 0.5);
  });

  it("refuses pixels of the wrong size and inpainting without a mask", () => {
    expect(() => renderLocalPixelsFromInput({ ...base, operation: "img2img", source: new Uint8Array(3) })).toThrow(
      /source must hold/,
    );
    expect(() => renderLocalPixelsFromInput({ ...base, operation: "inpaint" })).toThrow(/needs a mask/);
  });
});
