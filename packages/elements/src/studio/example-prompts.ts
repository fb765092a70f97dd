/**
 * Prompts the studio's empty state offers to start from, and the pick behind "Surprise me".
 * They are written for what the built-in models paint well (skies, landscapes, space) and read as
 * sensible requests to any cloud model too.
 */

/** Shown as chips in the empty state (the first few) and drawn from by "Surprise me" (all). */
export const EXAMPLE_PROMPTS: readonly string[] = [
  "Aurora over a frozen fjord, stars and a crescent moon",
  "Low-poly mountains at sunset, warm orange light",
  "A nebula shaped like a seahorse, deep violet and teal",
  "Misty emerald forest at dawn, soft light through the trees",
  "Neon city skyline at night, rain on the streets",
  "Golden desert dunes under a storm sky",
  "A quiet pastel spring morning over a lake",
  "Ocean waves at night under a full moon",
  "Icy glacier cave glowing turquoise",
  "Volcanic island at dusk, lava rivers and ash clouds",
];

/** How many examples the empty state shows as chips. */
export const SHOWN_EXAMPLES = 4;

/**
 * A prompt for "Surprise me": any example but the one in the prompt box now, so pressing the
 * button twice always changes something. `random` is injectable for tests.
 */
export function surprisePrompt(current: string, random: () => number = Math.random): string {
  const others = EXAMPLE_PROMPTS.filter((prompt) => prompt !== current.trim());
  return others[Math.floor(random() * others.length)] ?? EXAMPLE_PROMPTS[0]!;
}
