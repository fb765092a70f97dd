import { type Tone, colourWords, lookUp, toneWords } from "./lexicon";
import { type RandomStream, between } from "./prompt";

/** A colour as red, green, blue in [0, 1]. */
export type Rgb = [number, number, number];

export interface Palette {
  /** Main colours: the prompt's colour words in the order given, else hues from its hash. */
  colors: Rgb[];
  /** A deep, dark tint of the first colour, for skies and space. */
  background: Rgb;
  /** A pale tint of the first colour, for glows and highlights. */
  highlight: Rgb;
  /** Overall lightness (0.2–0.82) and saturation (0–1) after tone words. */
  lightness: number;
  saturation: number;
}

const MAX_HUES = 4;
/** Hues closer than this are one colour ("blue ocean" should not count blue twice). */
const SAME_HUE_DEGREES = 14;

/**
 * Builds the palette for a prompt. Colour words give hues; tone words (and tones attached to
 * colour words, such as "night" → dark) shift lightness and saturation. A prompt without
 * colour words gets a colour scheme (analogous, complementary, triadic…) from its hash.
 */
export function buildPalette(words: readonly string[], random: RandomStream): Palette {
  const hues: number[] = [];
  const tones: Tone[] = [];
  for (const word of words) {
    const colour = lookUp(colourWords, word);
    if (colour) {
      for (const hue of colour.hues) {
        if (hues.length < MAX_HUES && hues.every((known) => hueDistance(known, hue) >= SAME_HUE_DEGREES))
          hues.push(hue);
      }
      if (colour.tone) tones.push(colour.tone);
    }
    const tone = lookUp(toneWords, word);
    if (tone) tones.push(tone);
  }
  if (hues.length === 0) hues.push(...schemeHues(random));
  // Single-hue prompts get neighbours so the picture still has depth ("red" → red, crimson, orange-red).
  if (hues.length === 1) hues.push(hues[0] + between(random, 18, 34), hues[0] - between(random, 14, 28));
  else if (hues.length === 2) hues.push(hues[0] + between(random, -18, 18));

  let saturation = 0.78;
  let lightness = 0.52;
  // Each tone counts once: "pastel spring" should not be twice as pale as "pastel".
  for (const tone of new Set(tones)) {
    if (tone === "dark") lightness -= 0.13;
    else if (tone === "light") lightness += 0.12;
    else if (tone === "vivid") saturation += 0.2;
    else if (tone === "pastel") {
      saturation -= 0.28;
      lightness += 0.13;
    } else if (tone === "muted") saturation -= 0.32;
  }
  saturation = tones.includes("mono") ? 0 : clamp(saturation, 0.08, 1);
  lightness = clamp(lightness, 0.2, 0.82);

  const colors = hues.map((hue) =>
    hslToRgb(
      hue + between(random, -5, 5),
      clamp(saturation * between(random, 0.85, 1.08), 0, 1),
      clamp(lightness + between(random, -0.09, 0.09), 0.08, 0.9),
    ),
  );
  return {
    colors,
    background: hslToRgb(hues[0], saturation * 0.7, Math.max(0.025, lightness * 0.14)),
    highlight: hslToRgb(hues[0], saturation * 0.45, Math.min(0.96, lightness + 0.4)),
    lightness,
    saturation,
  };
}

/** Two to four related hues from a classic colour scheme chosen at random. */
function schemeHues(random: RandomStream): number[] {
  const base = random() * 360;
  const schemes = [
    [0, 32, -28],
    [0, 180, 25],
    [0, 120, 240],
    [0, 150, 210],
    [0, 40, 200, 80],
  ];
  return schemes[Math.floor(random() * schemes.length)].map((offset) => base + offset);
}

function hueDistance(a: number, b: number): number {
  const d = Math.abs((((a - b) % 360) + 360) % 360);
  return Math.min(d, 360 - d);
}

export function hslToRgb(hueDegrees: number, saturation: number, lightness: number): Rgb {
  const h = ((((hueDegrees % 360) + 360) % 360) / 360) * 6;
  const chroma = (1 - Math.abs(2 * lightness - 1)) * saturation;
  const x = chroma * (1 - Math.abs((h % 2) - 1));
  const m = lightness - chroma / 2;
  const sector = Math.floor(h);
  const [r, g, b] =
    sector === 0
      ? [chroma, x, 0]
      : sector === 1
        ? [x, chroma, 0]
        : sector === 2
          ? [0, chroma, x]
          : sector === 3
            ? [0, x, chroma]
            : sector === 4
              ? [x, 0, chroma]
              : [chroma, 0, x];
  return [r + m, g + m, b + m];
}

export function mixRgb(a: Rgb, b: Rgb, t: number): Rgb {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}

export function clamp(value: number, min: number, max: number): number {
  return value < min ? min : value > max ? max : value;
}
