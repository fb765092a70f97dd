import { normalizePrompt } from "./text";

/**
 * Limits on the image library (tags, collections, presets, bulk calls). The backend enforces
 * them; the elements read them for input hints and to split large selections into calls.
 */
export const LIBRARY_LIMITS = {
  tagsPerImage: 20,
  /** UTF-16 code units after `normalizeTag`. */
  tag: { minLength: 1, maxLength: 32 },
  /** Ids one bulk call may name (tag, favorite, visibility, add to or remove from a collection). */
  idsPerCall: 100,
  /** Ids one bulk delete may name; past the first batch the backend deletes in scheduled batches. */
  removeManyIds: 1_000,
  collectionName: { minLength: 1, maxLength: 100 },
  collectionsPerUser: 200,
  presetName: { minLength: 1, maxLength: 60 },
  presetsPerUser: 50,
  /** Distinct prompts `prompts:recent` returns. */
  recentPrompts: 20,
} as const;

/**
 * A tag as the library stores it: the prompt rules (NFC, no control or invisible characters),
 * lower case, one space between words, without leading `#`s — so "#Sunset ", "sunset" and
 * "SUNSET" are one tag. Blank input gives "" (the caller reports it).
 */
export function normalizeTag(text: string): string {
  return normalizePrompt(text).toLowerCase().replace(/^#+/, "").replace(/\s+/g, " ").trim();
}
