/** Turning a prompt and seed into the numbers that drive a render: words, hashes, random streams. */

/** Lower-cased words of a prompt; letters and digits in any script, everything else separates. */
export function promptWords(prompt: string): string[] {
  return prompt.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** 32-bit FNV-1a over UTF-16 code units: tiny, fast and well spread for short strings. */
export function fnv1a(text: string, basis = 0x811c9dc5): number {
  let hash = basis;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Mixes two 32-bit values into one (murmur3's finaliser over a combination). */
export function mixHashes(a: number, b: number): number {
  let h = (a ^ Math.imul(b, 0x9e3779b1)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A seeded random stream in [0, 1): mulberry32, small and good enough for pictures. */
export type RandomStream = () => number;

export function randomStream(seed: number): RandomStream {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A number in [min, max) from a stream. */
export function between(random: RandomStream, min: number, max: number): number {
  return min + (max - min) * random();
}

/** A whole number in [min, max] from a stream. */
export function wholeBetween(random: RandomStream, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}
