import { ValueNoise } from "../noise";
import { type Rgb, clamp, mixRgb } from "../palette";
import { between, wholeBetween } from "../prompt";
import type { RgbCanvas } from "../raster";
import type { Scene } from "../scene";

interface Vertex {
  x: number;
  y: number;
  /** Height above the picture plane, for lighting the facets. */
  z: number;
}

/**
 * "Mosaic": a low-poly relief. A jittered grid of points is split into triangles, each
 * filled with one colour from a gradient across the palette and lit by a directional light,
 * so the picture reads as folded paper or cut glass. Prompt words set the palette, the grain
 * (minimal ↔ detailed) and whether a sun or moon sits in the field.
 */
export function paintMosaic(canvas: RgbCanvas, scene: Scene): void {
  const { width, height } = canvas;
  const { subjects, random } = scene;
  const noise = new ValueNoise(random);

  const grain = subjects.has("detailed") ? 1.8 : subjects.has("minimal") ? 0.55 : 1;
  const columns = Math.max(3, Math.round(wholeBetween(random, 8, 13) * grain));
  const rows = Math.max(3, Math.round(columns * (height / width) * 1.15));
  const relief = between(random, 0.6, 1.4) * (subjects.has("turbulent") ? 1.8 : subjects.has("calm") ? 0.5 : 1);
  const jitter = subjects.has("calm") ? 0.25 : 0.36;

  const vertices: Vertex[] = [];
  for (let j = 0; j <= rows; j++) {
    for (let i = 0; i <= columns; i++) {
      // Border points only slide along their border, so the triangles always cover the frame.
      const dx = i === 0 || i === columns ? 0 : between(random, -jitter, jitter);
      const dy = j === 0 || j === rows ? 0 : between(random, -jitter, jitter);
      const u = (i + dx) / columns;
      const v = (j + dy) / rows;
      vertices.push({
        x: u * width,
        y: v * height,
        z: relief * (noise.fractal(u * 2.5, v * 2.5, 3) + 0.35 * random()),
      });
    }
  }

  const field = colourField(scene, noise);
  const light = normalize([between(random, -0.6, 0.6), -0.7, 0.9]);
  const scale = Math.min(width, height) / Math.max(columns, rows);
  for (let j = 0; j < rows; j++) {
    for (let i = 0; i < columns; i++) {
      const a = vertices[j * (columns + 1) + i];
      const b = vertices[j * (columns + 1) + i + 1];
      const c = vertices[(j + 1) * (columns + 1) + i];
      const d = vertices[(j + 1) * (columns + 1) + i + 1];
      const triangles =
        random() < 0.5
          ? [
              [a, b, d],
              [a, d, c],
            ]
          : [
              [a, b, c],
              [b, d, c],
            ];
      for (const [p, q, r] of triangles) {
        const u = (p.x + q.x + r.x) / 3 / width;
        const v = (p.y + q.y + r.y) / 3 / height;
        const shade = facetShade(p, q, r, light, scale);
        const base = field(u, v);
        const variation = 1 + between(random, -0.05, 0.05);
        fillTriangle(canvas, p, q, r, base.map((channel) => clamp(channel * shade * variation, 0, 1)) as Rgb);
      }
    }
  }
}

/** The colour behind the facets: a warped gradient across the palette plus a glowing spot. */
function colourField(scene: Scene, noise: ValueNoise): (u: number, v: number) => Rgb {
  const { palette, subjects, random } = scene;
  // From a deep tone through the named colours to a pale one; the pale stop is tinted so a
  // gradient never ends in a wide patch of white.
  const stops = [
    mixRgb(palette.background, palette.colors[0], 0.35),
    ...palette.colors,
    mixRgb(palette.highlight, palette.colors[palette.colors.length - 1], 0.45),
  ];
  const angle = random() * Math.PI * 2;
  const dirX = Math.cos(angle);
  const dirY = Math.sin(angle);
  const warp = between(random, 0.1, 0.3);
  const spot = { u: between(random, 0.2, 0.8), v: between(random, 0.15, 0.5), radius: between(random, 0.1, 0.16) };
  const bodyColor = mixRgb(palette.highlight, palette.colors[0], 0.25);
  const hasBody = subjects.has("celestialBody");
  return (u, v) => {
    const t = clamp(
      0.5 + (u - 0.5) * dirX + (v - 0.5) * dirY + (noise.fractal(u * 2 + 9, v * 2 + 4, 2) - 0.5) * warp * 2,
      0,
      0.999,
    );
    const position = t * (stops.length - 1);
    const index = Math.floor(position);
    const color = mixRgb(stops[index], stops[index + 1], position - index);
    // A sun or moon is a bright, tight glow rather than a hard disc: the facets give it edges.
    const distance = Math.hypot(u - spot.u, v - spot.v) / spot.radius;
    const glow = hasBody ? 0.95 * Math.exp(-(distance ** 4)) : 0.35 * Math.exp(-distance * distance);
    return mixRgb(color, hasBody ? bodyColor : palette.highlight, glow);
  };
}

/** Brightness of a facet from the angle between its normal and the light. */
function facetShade(p: Vertex, q: Vertex, r: Vertex, light: number[], scale: number): number {
  const ux = (q.x - p.x) / scale;
  const uy = (q.y - p.y) / scale;
  const uz = q.z - p.z;
  const vx = (r.x - p.x) / scale;
  const vy = (r.y - p.y) / scale;
  const vz = r.z - p.z;
  const normal = normalize([uy * vz - uz * vy, uz * vx - ux * vz, ux * vy - uy * vx]);
  if (normal[2] < 0) for (let k = 0; k < 3; k++) normal[k] = -normal[k];
  const lambert = normal[0] * light[0] + normal[1] * light[1] + normal[2] * light[2];
  // Kept within a narrow band: thin facets can have steep normals, and shading them fully
  // dark would look like cracks.
  return 0.62 + 0.53 * Math.max(0, lambert);
}

function normalize(vector: number[]): number[] {
  const length = Math.hypot(vector[0], vector[1], vector[2]) || 1;
  return vector.map((component) => component / length);
}

/**
 * Fills the pixels whose centres lie in triangle pqr, in one flat colour (no dither: flat
 * facets are the look, and they compress to almost nothing). Shared edges are filled by both
 * neighbours, within a tiny tolerance, so rounding can never leave a gap.
 */
function fillTriangle(canvas: RgbCanvas, p: Vertex, q: Vertex, r: Vertex, color: Rgb): void {
  const { width, height, data } = canvas;
  const area = (q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x);
  if (area === 0) return;
  const sign = area > 0 ? 1 : -1;
  const tolerance = -1e-6 * Math.abs(area);
  const x0 = Math.max(0, Math.floor(Math.min(p.x, q.x, r.x)));
  const x1 = Math.min(width - 1, Math.ceil(Math.max(p.x, q.x, r.x)));
  const y0 = Math.max(0, Math.floor(Math.min(p.y, q.y, r.y)));
  const y1 = Math.min(height - 1, Math.ceil(Math.max(p.y, q.y, r.y)));
  const red = Math.round(color[0] * 255);
  const green = Math.round(color[1] * 255);
  const blue = Math.round(color[2] * 255);
  const edge = (a: Vertex, b: Vertex, x: number, y: number) =>
    sign * ((b.x - a.x) * (y - a.y) - (b.y - a.y) * (x - a.x));
  for (let y = y0; y <= y1; y++) {
    const cy = y + 0.5;
    for (let x = x0; x <= x1; x++) {
      const cx = x + 0.5;
      if (edge(p, q, cx, cy) >= tolerance && edge(q, r, cx, cy) >= tolerance && edge(r, p, cx, cy) >= tolerance) {
        const i = (y * width + x) * 3;
        data[i] = red;
        data[i + 1] = green;
        data[i + 2] = blue;
      }
    }
  }
}
