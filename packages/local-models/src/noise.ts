import type { RandomStream } from "./prompt";

const LATTICE_BITS = 8;
const LATTICE_SIZE = 1 << LATTICE_BITS;
const LATTICE_MASK = LATTICE_SIZE - 1;

/**
 * Smooth 2D value noise on a random 256×256 lattice that repeats (far beyond what one image
 * shows at the scales we use), with quintic interpolation so its gradient has no creases.
 */
export class ValueNoise {
  private readonly lattice = new Float32Array(LATTICE_SIZE * LATTICE_SIZE);

  constructor(random: RandomStream) {
    for (let i = 0; i < this.lattice.length; i++) this.lattice[i] = random();
  }

  /** Noise in [0, 1] at (x, y); features are about one unit across. */
  sample(x: number, y: number): number {
    const xi = Math.floor(x);
    const yi = Math.floor(y);
    let tx = x - xi;
    let ty = y - yi;
    tx = tx * tx * tx * (tx * (tx * 6 - 15) + 10);
    ty = ty * ty * ty * (ty * (ty * 6 - 15) + 10);
    const x0 = xi & LATTICE_MASK;
    const x1 = (xi + 1) & LATTICE_MASK;
    const y0 = (yi & LATTICE_MASK) << LATTICE_BITS;
    const y1 = ((yi + 1) & LATTICE_MASK) << LATTICE_BITS;
    const lattice = this.lattice;
    const a = lattice[y0 + x0];
    const b = lattice[y0 + x1];
    const c = lattice[y1 + x0];
    const d = lattice[y1 + x1];
    return a + (b - a) * tx + (c - a) * ty + (a - b - c + d) * tx * ty;
  }

  /**
   * Fractal sum of `octaves` layers in [0, 1]. Each layer doubles the frequency and turns
   * by about 37°, which hides the lattice's axis-aligned grain.
   */
  fractal(x: number, y: number, octaves: number, gain = 0.5): number {
    return this.layers(x, y, 0, octaves, gain) / fractalWeight(octaves, gain);
  }

  /**
   * The unnormalised sum of layers `first` to `first + count - 1` of `fractal`, so a caller
   * can compute the coarse layers on a sparse grid and only the fine ones per pixel:
   * fractal(x, y, n, g) = (layers(x, y, 0, k, g) + layers(x, y, k, n - k, g)) / fractalWeight(n, g).
   */
  layers(x: number, y: number, first: number, count: number, gain = 0.5): number {
    // The body of sample() is repeated inline: this is the hottest loop of every style, and
    // V8 does not reliably inline a method call inside it.
    const lattice = this.lattice;
    let amplitude = 1;
    for (let octave = 0; octave < first; octave++) {
      amplitude *= gain;
      const turnedX = 1.6 * x - 1.2 * y + 31.7;
      y = 1.2 * x + 1.6 * y + 17.3;
      x = turnedX;
    }
    let sum = 0;
    for (let octave = 0; octave < count; octave++) {
      // Each layer is read on axes turned by the same ~37° (a pure rotation here), so even the
      // coarsest layer shows no edges along the lattice axes.
      const axisX = 0.8 * x - 0.6 * y;
      const axisY = 0.6 * x + 0.8 * y;
      const xi = Math.floor(axisX);
      const yi = Math.floor(axisY);
      let tx = axisX - xi;
      let ty = axisY - yi;
      tx = tx * tx * tx * (tx * (tx * 6 - 15) + 10);
      ty = ty * ty * ty * (ty * (ty * 6 - 15) + 10);
      const x0 = xi & LATTICE_MASK;
      const x1 = (xi + 1) & LATTICE_MASK;
      const y0 = (yi & LATTICE_MASK) << LATTICE_BITS;
      const y1 = ((yi + 1) & LATTICE_MASK) << LATTICE_BITS;
      const a = lattice[y0 + x0];
      const b = lattice[y0 + x1];
      const c = lattice[y1 + x0];
      const d = lattice[y1 + x1];
      sum += amplitude * (a + (b - a) * tx + (c - a) * ty + (a - b - c + d) * tx * ty);
      amplitude *= gain;
      const turnedX = 1.6 * x - 1.2 * y + 31.7;
      y = 1.2 * x + 1.6 * y + 17.3;
      x = turnedX;
    }
    return sum;
  }
}

/** The sum of the amplitudes of `octaves` layers: what `fractal` divides by to stay in [0, 1]. */
export function fractalWeight(octaves: number, gain = 0.5): number {
  return gain === 1 ? octaves : (1 - gain ** octaves) / (1 - gain);
}
