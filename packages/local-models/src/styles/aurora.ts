import { ValueNoise } from "../noise";
import { type Rgb, clamp, mixRgb } from "../palette";
import { between, wholeBetween } from "../prompt";
import type { RgbCanvas } from "../raster";
import type { Scene } from "../scene";

/** Curtain profiles are tabulated at this many steps per row. */
const PROFILE_STEPS_PER_ROW = 2;

/** One curtain of light: where it hangs per column and how bright it is at each distance. */
interface Curtain {
  /** Centre line per column, in profile steps. */
  centre: Float32Array;
  /** Brightness per column: the vertical rays of an aurora curtain. */
  rays: Float32Array;
  /** Light added at each distance from the centre line (index = steps + offset), per channel. */
  red: Float32Array;
  green: Float32Array;
  blue: Float32Array;
  /** Opacity at each distance, for blending over pale skies instead of adding light. */
  alpha: Float32Array;
  offset: number;
}

/**
 * "Aurora": flowing curtains of light over a graded sky, with stars, a sun or moon and
 * mountain ridges when the prompt asks for them. Colour words pick curtain and sky colours;
 * calm or turbulent words change how much the curtains wave.
 */
export function paintAurora(canvas: RgbCanvas, scene: Scene): void {
  const { width, height } = canvas;
  const { palette, subjects, random } = scene;
  const noise = new ValueNoise(random);
  const colors = palette.colors;
  const turbulence = subjects.has("turbulent") ? 1.7 : subjects.has("calm") ? 0.55 : 1;

  // Sky: dark at the top, glowing towards the horizon. Light moods lift the whole sky, and
  // their curtains blend over it rather than add to it, since added light washes out to white.
  const lift = clamp((palette.lightness - 0.45) * 1.8, 0, 0.8);
  const skyTop = mixRgb(palette.background, palette.highlight, lift * 0.55);
  const skyHorizon = mixRgb(mixRgb(palette.background, colors[colors.length - 1], 0.5), palette.highlight, lift);
  const curtainStrength = 1 - lift * 0.3;

  const curtainCount = Math.max(2, Math.round(wholeBetween(random, 3, 5) * Math.sqrt(turbulence)));
  const curtains: Curtain[] = [];
  for (let k = 0; k < curtainCount; k++) {
    curtains.push(
      makeCurtain(
        noise,
        width,
        height,
        turbulence,
        colors[k % colors.length],
        colors[(k + 1) % colors.length],
        curtainStrength,
        {
          base: between(random, 0.2, 0.6),
          slope: between(random, -0.3, 0.3),
          rayFrequency: between(random, 30, 90),
          rayOffset: random() * 200,
          fadeUp: between(random, 0.08, 0.2),
          lowerEdge: between(random, 0.012, 0.03),
          waves: [1, 2, 3].map((harmonic) => ({
            frequency: between(random, 0.4, 1.6) * harmonic * turbulence,
            amplitude: (between(random, 0.03, 0.1) / harmonic) * Math.sqrt(turbulence),
            phase: random() * Math.PI * 2,
          })),
        },
      ),
    );
  }

  const starSalt = Math.floor(random() * 0x7fffffff);
  const starChance = subjects.has("stars") || palette.lightness < 0.46 ? 0.0016 : 0;
  const body = subjects.has("celestialBody")
    ? {
        x: between(random, 0.2, 0.8) * width,
        y: between(random, 0.12, 0.38) * height,
        radius: between(random, 0.04, 0.08) * Math.min(width, height),
      }
    : undefined;
  // Without water the scene stands on land; with water, the sky is mirrored below a horizon.
  const water = subjects.has("water") ? between(random, 0.7, 0.8) * height : undefined;
  const hasTerrain = subjects.has("terrain") || !water;
  const farRidge = hasTerrain ? ridgeLine(noise, width, height, between(random, 0.6, 0.7), 0) : undefined;
  const nearRidge = hasTerrain && !water ? ridgeLine(noise, width, height, between(random, 0.76, 0.86), 1) : undefined;
  const farColor = mixRgb(palette.background, skyHorizon, 0.4 + lift * 0.3);
  const nearColor = mixRgb(palette.background, [0, 0, 0], 0.5 - lift * 0.3);

  for (let y = 0; y < height; y++) {
    const t = y / (height - 1 || 1);
    const skyT = t * t * (3 - 2 * t);
    const skyR = skyTop[0] + (skyHorizon[0] - skyTop[0]) * skyT;
    const skyG = skyTop[1] + (skyHorizon[1] - skyTop[1]) * skyT;
    const skyB = skyTop[2] + (skyHorizon[2] - skyTop[2]) * skyT;
    const rowStep = y * PROFILE_STEPS_PER_ROW;
    for (let x = 0; x < width; x++) {
      if (nearRidge && y >= nearRidge[x]) {
        const shade = 1 - 0.6 * Math.min(1, (y - nearRidge[x]) / (height * 0.2));
        canvas.setPixel(x, y, nearColor[0] * shade, nearColor[1] * shade, nearColor[2] * shade);
        continue;
      }
      let r = skyR;
      let g = skyG;
      let b = skyB;
      if (starChance > 0 && pixelHash(x, y, starSalt) < starChance) {
        const star = (1 - t) * (0.35 + 0.65 * pixelHash(y, x, starSalt));
        r += star;
        g += star;
        b += star;
      }
      for (let c = 0; c < curtains.length; c++) {
        const curtain = curtains[c];
        const index = (rowStep - curtain.centre[x] + curtain.offset) | 0;
        if (index < 0 || index >= curtain.red.length) continue;
        const rays = curtain.rays[x];
        // Dark skies add the curtain's light; pale skies (lift near 1) blend towards its colour.
        const cover = curtain.alpha[index] * lift;
        r += (curtain.red[index] - cover * r) * rays;
        g += (curtain.green[index] - cover * g) * rays;
        b += (curtain.blue[index] - cover * b) * rays;
      }
      if (farRidge && y >= farRidge[x]) {
        const haze = Math.min(1, (y - farRidge[x]) / (height * 0.3));
        r = farColor[0] + (r - farColor[0]) * 0.15 * (1 - haze);
        g = farColor[1] + (g - farColor[1]) * 0.15 * (1 - haze);
        b = farColor[2] + (b - farColor[2]) * 0.15 * (1 - haze);
      }
      canvas.setPixel(x, y, softClip(r), softClip(g), softClip(b));
    }
  }
  if (body) paintCelestialBody(canvas, body, palette.highlight, farRidge);
  if (water) paintReflection(canvas, Math.round(water), noise);
}

/** Mirrors everything above `horizon` into the rows below it, darkened and rippled. */
function paintReflection(canvas: RgbCanvas, horizon: number, noise: ValueNoise): void {
  const { width, height, data } = canvas;
  const stride = width * 3;
  for (let y = horizon; y < height; y++) {
    const depth = (y - horizon) / (height - horizon);
    // Mirrored at double speed, so the reflection reaches up to the curtains.
    const source = Math.max(0, horizon - 1 - 2 * (y - horizon));
    const darken = 0.55 - 0.25 * depth;
    // Ripples: each row shifts sideways a little, more so towards the viewer.
    const shift = Math.round((noise.fractal(y * 0.35, 3.3, 2) - 0.5) * width * 0.03 * (0.3 + depth));
    for (let x = 0; x < width; x++) {
      const sx = Math.min(width - 1, Math.max(0, x + shift));
      const from = source * stride + sx * 3;
      const to = y * stride + x * 3;
      data[to] = data[from] * darken;
      data[to + 1] = data[from + 1] * darken;
      data[to + 2] = data[from + 2] * darken + 4 * (1 - depth);
    }
  }
}

interface CurtainShape {
  base: number;
  slope: number;
  rayFrequency: number;
  rayOffset: number;
  fadeUp: number;
  lowerEdge: number;
  waves: { frequency: number; amplitude: number; phase: number }[];
}

function makeCurtain(
  noise: ValueNoise,
  width: number,
  height: number,
  turbulence: number,
  color: Rgb,
  topColor: Rgb,
  strength: number,
  shape: CurtainShape,
): Curtain {
  const centre = new Float32Array(width);
  const rays = new Float32Array(width);
  for (let x = 0; x < width; x++) {
    const u = x / width;
    let v = shape.base + shape.slope * (u - 0.5);
    for (const wave of shape.waves) v += wave.amplitude * Math.sin(wave.phase + u * wave.frequency * Math.PI * 2);
    centre[x] = v * height * PROFILE_STEPS_PER_ROW;
    const streak = noise.fractal(u * shape.rayFrequency, shape.rayOffset, 3);
    const swell = noise.sample(u * 3 * turbulence + shape.rayOffset, 5.5);
    rays[x] = strength * (0.25 + 1.2 * streak * streak) * (0.3 + 0.7 * swell);
  }
  // Light fades slowly upwards and ends sharply below, like a real curtain's lower edge.
  const fadeUp = shape.fadeUp * height * PROFILE_STEPS_PER_ROW;
  const lowerEdge = shape.lowerEdge * height * PROFILE_STEPS_PER_ROW;
  const offset = Math.ceil(fadeUp * 6);
  const length = offset + Math.ceil(lowerEdge * 3);
  const red = new Float32Array(length);
  const green = new Float32Array(length);
  const blue = new Float32Array(length);
  const alpha = new Float32Array(length);
  for (let i = 0; i < length; i++) {
    const d = i - offset;
    const light = d > 0 ? Math.exp(-(d * d) / (lowerEdge * lowerEdge)) : Math.exp(d / fadeUp);
    const up = d < 0 ? Math.min(1, -d / (fadeUp * 2.5)) : 0;
    red[i] = light * (color[0] + (topColor[0] - color[0]) * up);
    green[i] = light * (color[1] + (topColor[1] - color[1]) * up);
    blue[i] = light * (color[2] + (topColor[2] - color[2]) * up);
    alpha[i] = light;
  }
  return { centre, rays, red, green, blue, alpha, offset };
}

/** A sun or moon with a soft halo, drawn behind the far ridge. */
function paintCelestialBody(
  canvas: RgbCanvas,
  body: { x: number; y: number; radius: number },
  color: Rgb,
  ridge: Float32Array | undefined,
): void {
  const { width, height, data } = canvas;
  const reach = body.radius * 4;
  const x0 = Math.max(0, Math.floor(body.x - reach));
  const x1 = Math.min(width - 1, Math.ceil(body.x + reach));
  const y0 = Math.max(0, Math.floor(body.y - reach));
  const y1 = Math.min(height - 1, Math.ceil(body.y + reach));
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      if (ridge && y >= ridge[x]) continue;
      const distance = Math.hypot(x - body.x, y - body.y) / body.radius;
      const disc = clamp((1 - distance) * body.radius * 0.7, 0, 1);
      const glow = distance < 1 ? 0.4 : 0.4 * Math.exp(-(distance - 1) * 1.6);
      const light = disc + (1 - disc) * glow;
      const i = (y * width + x) * 3;
      // Blend onto what is already painted ("screen"), so the halo lights the sky and curtains.
      const r = data[i] / 255;
      const g = data[i + 1] / 255;
      const b = data[i + 2] / 255;
      canvas.setPixel(
        x,
        y,
        1 - (1 - r) * (1 - color[0] * light),
        1 - (1 - g) * (1 - color[1] * light),
        1 - (1 - b) * (1 - color[2] * light),
      );
    }
  }
}

/** A mountain ridge: the row where land starts, per column. */
function ridgeLine(noise: ValueNoise, width: number, height: number, level: number, index: number): Float32Array {
  const rows = new Float32Array(width);
  const roughness = 2.2 + index * 1.8;
  for (let x = 0; x < width; x++) {
    const u = x / width;
    const peaks = noise.fractal(u * roughness + index * 40, 90.5 + index * 13, 6, 0.45);
    rows[x] = (level - (peaks - 0.5) * (0.3 - index * 0.06)) * height;
  }
  return rows;
}

/** Compresses light above 0.8 smoothly instead of clipping it flat. */
function softClip(value: number): number {
  return value <= 0.8 ? value : 0.8 + 0.2 * (1 - Math.exp((0.8 - value) * 5));
}

/** A well-mixed value in [0, 1) per pixel and salt, for sparse stars. */
function pixelHash(x: number, y: number, salt: number): number {
  let h = Math.imul(x, 0x27d4eb2d) ^ Math.imul(y, 0x165667b1) ^ salt;
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return ((h ^ (h >>> 16)) >>> 0) / 4_294_967_296;
}
