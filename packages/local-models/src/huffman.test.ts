import { describe, expect, it } from "vitest";
import { canonicalCodes, huffmanCodeLengths } from "./huffman";

/** Sum of 2^-length over used symbols: 1 for a complete prefix code. */
function kraftSum(lengths: Uint8Array): number {
  let sum = 0;
  for (const length of lengths) if (length > 0) sum += 2 ** -length;
  return sum;
}

describe("huffmanCodeLengths", () => {
  it("gives frequent symbols shorter codes and unused symbols none", () => {
    const lengths = huffmanCodeLengths(Uint32Array.from([100, 50, 25, 12, 6, 0, 3]), 15);
    expect([...lengths]).toEqual([1, 2, 3, 4, 5, 0, 5]);
    expect(kraftSum(lengths)).toBe(1);
  });

  it("handles no symbols and one symbol", () => {
    expect([...huffmanCodeLengths(new Uint32Array(4), 15)]).toEqual([0, 0, 0, 0]);
    expect([...huffmanCodeLengths(Uint32Array.from([0, 9, 0]), 15)]).toEqual([0, 1, 0]);
  });

  it("respects the length limit on skewed (Fibonacci) frequencies", () => {
    const fibonacci = [1, 1];
    while (fibonacci.length < 30) fibonacci.push(fibonacci[fibonacci.length - 1] + fibonacci[fibonacci.length - 2]);
    const unlimited = huffmanCodeLengths(Uint32Array.from(fibonacci), 64);
    expect(Math.max(...unlimited)).toBeGreaterThan(15);
    for (const limit of [7, 15]) {
      const lengths = huffmanCodeLengths(Uint32Array.from(fibonacci), limit);
      expect(Math.max(...lengths)).toBeLessThanOrEqual(limit);
      expect(kraftSum(lengths)).toBe(1);
    }
  });
});

describe("canonicalCodes", () => {
  it("follows the RFC 1951 example, bit-reversed", () => {
    // RFC 1951 §3.2.2: lengths (3, 3, 3, 3, 3, 2, 4, 4) give codes 010, 011, 100, 101, 110, 00, 1110, 1111.
    const codes = canonicalCodes(Uint8Array.from([3, 3, 3, 3, 3, 2, 4, 4]));
    const reverse = (code: number, bits: number) =>
      parseInt(code.toString(2).padStart(bits, "0").split("").reverse().join(""), 2);
    expect([...codes]).toEqual(
      [0b010, 0b011, 0b100, 0b101, 0b110, 0b00, 0b1110, 0b1111].map((code, i) =>
        reverse(code, [3, 3, 3, 3, 3, 2, 4, 4][i]),
      ),
    );
  });
});
