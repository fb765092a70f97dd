import type { RandomStream } from './prompt';

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
    let sum = 0;
    let amplitude = 1;
    let total = 0;
    for (let octave = 0; octave < octaves; octave++) {
      sum += amplitude * this.sample(x, y);
      total += amplitude;
      amplitude *= gain;
      const turnedX = 1.6 * x - 1.2 * y;
      y = 1.2 * x + 1.6 * y + 17.3;
      x = turnedX + 31.7;
    }
    return sum / total;
  }
}
