import { type Subject, lookUp, subjectWords } from "./lexicon";
import { type Palette, buildPalette } from "./palette";
import { type RandomStream, fnv1a, mixHashes, promptWords, randomStream } from "./prompt";

/** Everything a style needs to know about a request, derived deterministically from prompt and seed. */
export interface Scene {
  palette: Palette;
  subjects: ReadonlySet<Subject>;
  /** Random numbers for composition; the same prompt and seed always give the same stream. */
  random: RandomStream;
}

export function readPrompt(prompt: string, seed: number): Scene {
  const words = promptWords(prompt);
  // Each word's hash is folded in order, so word choice and order both move the composition.
  let promptHash = 0x9747b28c;
  for (const word of words) promptHash = mixHashes(promptHash, fnv1a(word));
  const random = randomStream(mixHashes(promptHash, seed));
  // The palette draws from its own stream so that a new seed varies the layout, not the colours.
  const palette = buildPalette(words, randomStream(promptHash));
  const subjects = new Set<Subject>();
  for (const word of words) {
    const subject = lookUp(subjectWords, word);
    if (subject) subjects.add(subject);
  }
  return { palette, subjects, random };
}
