import { ValueNoise, fractalWeight } from "../noise";
import { type Rgb, mixRgb } from "../palette";
import { type RandomStream, between, wholeBetween } from "../prompt";
import type { RgbCanvas } from "../raster";
import type { Scene } from "../scene";

/** Slowly varying fields are computed on a grid this many pixels apart and interpolated. */
const FIELD_CELL_BITS = 2;
const FIELD_CELL = 1 << FIELD_CELL_BITS;
const FIELD_CHANNELS = 5;
/** The gas is fractal noise of this many layers; the coarse ones come from the grid. */
const GAS_LAYERS = 5;
const COARSE_GAS_LAYERS = 3;
const GAS_GAIN = 0.52;
/** Steps of the tabulated gas colour ramp. */
const RAMP_STEPS = 256;

/**
 * "Nebula": glowing clouds of gas threaded with dark dust, over a star field. The clouds are
 * fractal noise seen through a warped lens (domain warping), gathered around a few bright
 * centres. Colour words tint the gas; turbulent words twist it further.
 */
export function paintNebula(canvas: RgbCanvas, scene: Scene): void {
  const { width, height } = canvas;
  const { palette, subjects, random } = scene;
  const noise = new ValueNoise(random);
  const size = Math.min(width, height);

  const lens: Lens = {
    size,
    scale: between(random, 2.2, 3.4),
    originX: random() * 100,
    originY: random() * 100,
    centres: Array.from({ length: wholeBetween(random, 1, 3) }, () => ({
      x: between(random, 0.2, 0.8) * width,
      y: between(random, 0.2, 0.8) * height,
      radius: between(random, 0.3, 0.55) * size,
    })),
  };
  const warpStrength = between(random, 0.8, 1.4) * (subjects.has("turbulent") ? 1.8 : subjects.has("calm") ? 0.5 : 1);
  const field = lowFrequencyField(noise, width, height, lens, warpStrength);
  const gasNormaliser = 1 / fractalWeight(GAS_LAYERS, GAS_GAIN);

  const gas = gasColourRamp(palette.colors.map((color) => mixRgb(color, palette.highlight, 0.1)));
  const core = mixRgb(palette.highlight, [1, 1, 1], 0.3);
  const space = mixRgb(palette.background, [0, 0, 0], 0.35);
  const brightness = 1.1 + palette.lightness;
  const gridWidth = Math.ceil(width / FIELD_CELL) + 1;
  const row = new Float32Array(gridWidth * FIELD_CHANNELS);
  const pixelToLens = lens.scale / size;

  for (let y = 0; y < height; y++) {
    // Interpolate the grid vertically once per row; per pixel only the horizontal step remains.
    const gy = y / FIELD_CELL;
    const gy0 = Math.floor(gy);
    const fy = gy - gy0;
    const above = gy0 * gridWidth * FIELD_CHANNELS;
    const below = above + gridWidth * FIELD_CHANNELS;
    for (let k = 0; k < row.length; k++) row[k] = field[above + k] + (field[below + k] - field[above + k]) * fy;
    const v = y * pixelToLens + lens.originY;
    for (let x = 0; x < width; x++) {
      const gx0 = x >> FIELD_CELL_BITS;
      const fx = (x & (FIELD_CELL - 1)) / FIELD_CELL;
      const left = gx0 * FIELD_CHANNELS;
      const right = left + FIELD_CHANNELS;
      const qx = row[left] + (row[right] - row[left]) * fx;
      const qy = row[left + 1] + (row[right + 1] - row[left + 1]) * fx;
      const dust = row[left + 2] + (row[right + 2] - row[left + 2]) * fx;
      const gathered = row[left + 3] + (row[right + 3] - row[left + 3]) * fx;
      const coarseGas = row[left + 4] + (row[right + 4] - row[left + 4]) * fx;

      const u = x * pixelToLens + lens.originX;
      const fineGas = noise.layers(
        u + warpStrength * qx,
        v + warpStrength * qy,
        COARSE_GAS_LAYERS,
        GAS_LAYERS - COARSE_GAS_LAYERS,
        GAS_GAIN,
      );
      const density = (coarseGas + fineGas) * gasNormaliser * (0.5 + 0.8 * gathered);
      // No upper clamp: dense cores keep the texture of the finer layers, and the tone
      // mapping below rolls their brightness off.
      const t = density <= 0.3 ? 0 : (density - 0.3) / 0.75;
      const glow = (t * t * (1 - 0.8 * dust) + 0.12 * gathered) * brightness;

      // Hue drifts across the gas with the warp field; the densest parts burn towards white.
      const hue = (Math.min(0.999, Math.max(0, qx * 1.25 - 0.12)) * RAMP_STEPS) | 0;
      const hot = glow > 0.8 ? (glow - 0.8) * 0.8 : 0;
      const r = glow * gas[hue * 3] + hot * core[0];
      const g = glow * gas[hue * 3 + 1] + hot * core[1];
      const b = glow * gas[hue * 3 + 2] + hot * core[2];
      // Reinhard tone mapping: faint gas stays almost linear, bright cores roll off instead of clipping.
      canvas.setPixel(
        x,
        y,
        space[0] + (1.3 * r) / (1 + r),
        space[1] + (1.3 * g) / (1 + g),
        space[2] + (1.3 * b) / (1 + b),
      );
    }
  }
  paintStars(canvas, random, subjects.has("stars") ? 1.5 : 1);
}

interface Lens {
  size: number;
  scale: number;
  originX: number;
  originY: number;
  /** Where the gas gathers: its brightness falls off around these. */
  centres: { x: number; y: number; radius: number }[];
}

/**
 * The slowly varying parts of the picture, sampled every FIELD_CELL pixels: the warp (x, y),
 * dark dust, how close the gas is to a centre, and the coarse layers of the gas itself. Interpolating them costs far less than
 * evaluating three more fractal noises per pixel, and they have no fine detail to lose.
 */
function lowFrequencyField(
  noise: ValueNoise,
  width: number,
  height: number,
  lens: Lens,
  warpStrength: number,
): Float32Array {
  const gridWidth = Math.ceil(width / FIELD_CELL) + 1;
  const gridHeight = Math.ceil(height / FIELD_CELL) + 2;
  const field = new Float32Array(gridWidth * gridHeight * FIELD_CHANNELS);
  for (let j = 0; j < gridHeight; j++) {
    for (let i = 0; i < gridWidth; i++) {
      const x = i * FIELD_CELL;
      const y = j * FIELD_CELL;
      const u = (x / lens.size) * lens.scale + lens.originX;
      const v = (y / lens.size) * lens.scale + lens.originY;
      const k = (j * gridWidth + i) * FIELD_CHANNELS;
      const qx = noise.fractal(u * 0.9 + 5.2, v * 0.9 + 1.3, 4);
      const qy = noise.fractal(u * 0.9 + 8.3, v * 0.9 + 2.8, 4);
      let presence = 0;
      for (const centre of lens.centres) {
        const dx = (x - centre.x) / centre.radius;
        const dy = (y - centre.y) / centre.radius;
        presence += Math.exp(-(dx * dx + dy * dy));
      }
      field[k] = qx;
      field[k + 1] = qy;
      field[k + 2] = smoothstep(0.5, 0.72, noise.fractal(u * 1.3 - qy * 0.6 + 40, v * 1.3 + qx * 0.6, 3));
      field[k + 3] = Math.min(1, presence);
      field[k + 4] = noise.layers(u + warpStrength * qx, v + warpStrength * qy, 0, COARSE_GAS_LAYERS, GAS_GAIN);
    }
  }
  return field;
}

/** Faint dust of tiny stars plus a few bright ones with halos; the brightest get spikes. */
function paintStars(canvas: RgbCanvas, random: RandomStream, abundance: number): void {
  const { width, height, data } = canvas;
  const tiny = Math.round(width * height * 0.0012 * abundance);
  for (let n = 0; n < tiny; n++) {
    const i = (Math.floor(random() * height) * width + Math.floor(random() * width)) * 3;
    const light = 90 + random() * 165;
    data[i] = Math.max(data[i], light);
    data[i + 1] = Math.max(data[i + 1], light);
    data[i + 2] = Math.max(data[i + 2], light);
  }
  const size = Math.min(width, height);
  const bright = Math.round(wholeBetween(random, 12, 30) * abundance);
  for (let n = 0; n < bright; n++) {
    const cx = random() * width;
    const cy = random() * height;
    const radius = (0.002 + 0.006 * random() ** 3) * size;
    const tint: Rgb = random() < 0.5 ? [1, 0.93, 0.85] : [0.82, 0.9, 1];
    const reach = Math.ceil(radius * 3.5);
    for (let y = Math.max(0, Math.floor(cy - reach)); y <= Math.min(height - 1, cy + reach); y++) {
      for (let x = Math.max(0, Math.floor(cx - reach)); x <= Math.min(width - 1, cx + reach); x++) {
        const dx = x + 0.5 - cx;
        const dy = y + 0.5 - cy;
        screen(data, (y * width + x) * 3, Math.exp(-(dx * dx + dy * dy) / (radius * radius)), tint);
      }
    }
    // Diffraction spikes: a fading cross through the centre pixel, for the largest stars only.
    const spikes = radius > 0.005 * size ? Math.round(radius * 9) : 0;
    const px = Math.floor(cx);
    const py = Math.floor(cy);
    for (let d = 1; d <= spikes; d++) {
      const light = 0.6 * (1 - d / spikes);
      for (const [x, y] of [
        [px - d, py],
        [px + d, py],
        [px, py - d],
        [px, py + d],
      ]) {
        if (x >= 0 && x < width && y >= 0 && y < height) screen(data, (y * width + x) * 3, light, tint);
      }
    }
  }
}

/** "Screen" blending: keeps stars bright on bright gas without clipping to flat white blobs. */
function screen(data: Uint8Array, i: number, light: number, tint: Rgb): void {
  if (light < 0.01) return;
  data[i] = 255 - (255 - data[i]) * (1 - Math.min(1, light * tint[0]));
  data[i + 1] = 255 - (255 - data[i + 1]) * (1 - Math.min(1, light * tint[1]));
  data[i + 2] = 255 - (255 - data[i + 2]) * (1 - Math.min(1, light * tint[2]));
}

/** The palette's colours blended evenly along RAMP_STEPS steps, as flat RGB triples. */
function gasColourRamp(colors: Rgb[]): Float32Array {
  const ramp = new Float32Array(RAMP_STEPS * 3);
  for (let step = 0; step < RAMP_STEPS; step++) {
    const position = (step / RAMP_STEPS) * (colors.length - 1);
    const index = Math.floor(position);
    const color = mixRgb(colors[index], colors[Math.min(index + 1, colors.length - 1)], position - index);
    ramp.set(color, step * 3);
  }
  return ramp;
}

function smoothstep(edge0: number, edge1: number, value: number): number {
  const t = value <= edge0 ? 0 : value >= edge1 ? 1 : (value - edge0) / (edge1 - edge0);
  return t * t * (3 - 2 * t);
}
