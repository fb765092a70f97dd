import { describe, expect, it } from "vitest";
import { ValueNoise, fractalWeight } from "./noise";
import { randomStream } from "./prompt";

describe("ValueNoise", () => {
  const noise = new ValueNoise(randomStream(5));

  it("stays in [0, 1] and is continuous", () => {
    for (let i = 0; i < 2000; i++) {
      const x = i * 0.137 - 50;
      const y = i * 0.071 + 3;
      const value = noise.sample(x, y);
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(1);
      expect(Math.abs(noise.sample(x + 1e-4, y) - value)).toBeLessThan(1e-2);
      const fractal = noise.fractal(x, y, 5);
      expect(fractal).toBeGreaterThanOrEqual(0);
      expect(fractal).toBeLessThanOrEqual(1);
    }
  });

  it("is the same for the same random stream", () => {
    const again = new ValueNoise(randomStream(5));
    const other = new ValueNoise(randomStream(6));
    expect(again.fractal(1.5, 2.5, 4)).toBe(noise.fractal(1.5, 2.5, 4));
    expect(other.fractal(1.5, 2.5, 4)).not.toBe(noise.fractal(1.5, 2.5, 4));
  });

  it("splits into coarse and fine layers that add up to the fractal", () => {
    const whole = noise.fractal(3.3, -7.1, 5, 0.52);
    const split = (noise.layers(3.3, -7.1, 0, 2, 0.52) + noise.layers(3.3, -7.1, 2, 3, 0.52)) / fractalWeight(5, 0.52);
    expect(split).toBeCloseTo(whole, 10);
    expect(fractalWeight(3, 1)).toBe(3);
    expect(fractalWeight(2, 0.5)).toBe(1.5);
  });
});
