import { ValueNoise } from '../noise';
import { type Rgb, clamp, mixRgb } from '../palette';
import { between, wholeBetween } from '../prompt';
import { type RgbCanvas, putPixel } from '../raster';
import type { Scene } from '../scene';

interface Curtain {
  color: Rgb;
  topColor: Rgb;
  /** Centre line per column, in rows. */
  centre: Float32Array;
  /** Brightness per column: the vertical rays of an aurora curtain. */
  rays: Float32Array;
  /** How far the light fades upwards, and how sharp its lower edge is, in rows. */
  fadeUp: number;
  lowerEdge: number;
}

/**
 * "Aurora": flowing curtains of light over a graded sky, with optional stars, a sun or moon
 * and a mountain silhouette. Colour words pick the curtain and sky colours; calm or turbulent
 * words change how much the curtains wave.
 */
export function paintAurora(canvas: RgbCanvas, scene: Scene): void {
  const { width, height } = canvas;
  const { palette, subjects, random } = scene;
  const noise = new ValueNoise(random);
  const colors = palette.colors;
  const turbulence = subjects.has('turbulent') ? 1.7 : subjects.has('calm') ? 0.55 : 1;

  // Sky: dark at the top, glowing towards the horizon; light moods lift the whole sky.
  const lift = clamp((palette.lightness - 0.45) * 1.6, 0, 0.7);
  const skyTop = mixRgb(palette.background, palette.highlight, lift * 0.6);
  const skyHorizon = mixRgb(mixRgb(palette.background, colors[colors.length - 1], 0.5), palette.highlight, lift);

  const curtainCount = Math.round(wholeBetween(random, 3, 5) * (turbulence > 1 ? 1.4 : turbulence < 1 ? 0.7 : 1));
  const curtains: Curtain[] = [];
  for (let k = 0; k < curtainCount; k++) {
    const base = between(random, 0.2, 0.62);
    const slope = between(random, -0.3, 0.3);
    const waves = [0, 1, 2].map((i) => ({
      frequency: between(random, 0.4, 1.6) * (i + 1) * turbulence,
      amplitude: (between(random, 0.03, 0.1) / (i + 1)) * Math.sqrt(turbulence),
      phase: random() * Math.PI * 2,
    }));
    const rayFrequency = between(random, 30, 90);
    const rayOffset = random() * 200;
    const centre = new Float32Array(width);
    const rays = new Float32Array(width);
    for (let x = 0; x < width; x++) {
      const u = x / width;
      let v = base + slope * (u - 0.5);
      for (const wave of waves) v += wave.amplitude * Math.sin(wave.phase + u * wave.frequency * Math.PI * 2);
      centre[x] = v * height;
      const streak = noise.fractal(u * rayFrequency, rayOffset, 3);
      const swell = noise.sample(u * 3 + rayOffset, 5.5);
      rays[x] = (0.25 + 0.75 * streak * streak * 1.6) * (0.35 + 0.65 * swell);
    }
    curtains.push({
      color: colors[k % colors.length],
      topColor: colors[(k + 1) % colors.length],
      centre,
      rays,
      fadeUp: between(random, 0.08, 0.2) * height,
      lowerEdge: between(random, 0.012, 0.03) * height,
    });
  }

  const showStars = subjects.has('stars') || palette.lightness < 0.46;
  const starThreshold = 1 - 0.0016;
  const body = subjects.has('celestialBody')
    ? { x: between(random, 0.2, 0.8) * width, y: between(random, 0.12, 0.4) * height, r: between(random, 0.04, 0.08) * Math.min(width, height) }
    : undefined;
  const hasTerrain = subjects.has('terrain') || random() < 0.45;
  const ridges = hasTerrain ? [0.62, 0.78].map((level, i) => ridgeLine(noise, width, height, level + between(random, -0.06, 0.06), i)) : [];
  const ridgeColors: Rgb[] = [mixRgb(palette.background, skyHorizon, 0.35), mixRgb(palette.background, [0, 0, 0], 0.45)];

  for (let y = 0; y < height; y++) {
    const t = y / (height - 1 || 1);
    const skyT = t * t * (3 - 2 * t);
    const skyR = skyTop[0] + (skyHorizon[0] - skyTop[0]) * skyT;
    const skyG = skyTop[1] + (skyHorizon[1] - skyTop[1]) * skyT;
    const skyB = skyTop[2] + (skyHorizon[2] - skyTop[2]) * skyT;
    for (let x = 0; x < width; x++) {
      let r = skyR;
      let g = skyG;
      let b = skyB;
      if (showStars && hash2(x, y) > starThreshold) {
        const star = (1 - t) * 0.9 * ((hash2(y, x) * 0.7) + 0.3);
        r += star;
        g += star;
        b += star;
      }
      if (body) {
        const dx = x - body.x;
        const dy = y - body.y;
        const distance = Math.sqrt(dx * dx + dy * dy) / body.r;
        const glow = distance < 1 ? 1 : 0.35 * Math.exp(-(distance - 1) * 1.8);
        const edge = clamp((1 - distance) * body.r * 0.8, 0, 1);
        r += palette.highlight[0] * (glow * (1 - edge) + edge);
        g += palette.highlight[1] * (glow * (1 - edge) + edge);
        b += palette.highlight[2] * (glow * (1 - edge) + edge);
      }
      for (const curtain of curtains) {
        const d = y - curtain.centre[x];
        const light = d > 0 ? Math.exp(-(d * d) / (curtain.lowerEdge * curtain.lowerEdge)) : Math.exp(d / curtain.fadeUp);
        if (light < 0.004) continue;
        const intensity = light * curtain.rays[x];
        const up = d < 0 ? clamp(-d / (curtain.fadeUp * 2.5), 0, 1) : 0;
        r += intensity * (curtain.color[0] + (curtain.topColor[0] - curtain.color[0]) * up);
        g += intensity * (curtain.color[1] + (curtain.topColor[1] - curtain.color[1]) * up);
        b += intensity * (curtain.color[2] + (curtain.topColor[2] - curtain.color[2]) * up);
      }
      for (let i = ridges.length - 1; i >= 0; i--) {
        if (y >= ridges[i][x]) {
          const shade = 1 - 0.5 * clamp((y - ridges[i][x]) / (height * 0.25), 0, 1);
          r = ridgeColors[i][0] * shade;
          g = ridgeColors[i][1] * shade;
          b = ridgeColors[i][2] * shade;
          break;
        }
      }
      putPixel(canvas, x, y, softClip(r), softClip(g), softClip(b));
    }
  }
}

/** A mountain ridge: the row where land starts, per column. */
function ridgeLine(noise: ValueNoise, width: number, height: number, level: number, index: number): Float32Array {
  const rows = new Float32Array(width);
  const roughness = 4 + index * 3;
  for (let x = 0; x < width; x++) {
    const u = x / width;
    const peaks = noise.fractal(u * roughness + index * 40, 90.5 + index * 13, 5, 0.55);
    rows[x] = (level - (peaks - 0.5) * 0.35) * height;
  }
  return rows;
}

/** Compresses light above 0.8 smoothly instead of clipping it flat. */
function softClip(value: number): number {
  return value <= 0.8 ? value : 0.8 + 0.2 * (1 - Math.exp((0.8 - value) * 5));
}

/** A well-mixed value in [0, 1) per pixel, for sparse stars. */
function hash2(x: number, y: number): number {
  let h = Math.imul(x, 0x27d4eb2d) ^ Math.imul(y, 0x165667b1);
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
  h ^= h >>> 13;
  return (h >>> 0) / 4_294_967_296;
}
