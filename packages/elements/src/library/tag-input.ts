/**
 * Checking a tag someone typed, before it is sent: normalised exactly as the backend stores it
 * (core's `normalizeTag`), with a sentence naming what is wrong — so the lightbox and the
 * gallery's bulk bar refuse the same inputs the same way, and never truncate silently.
 */
import { LIBRARY_LIMITS, normalizeTag } from "@pixorly/core";
import { msg, str } from "../i18n/localize.js";

export type TagCheck = { tag: string; error?: undefined } | { tag?: undefined; error: string };

/** `text` as a tag for an image holding `existing` (pass none for a bulk tag). */
export function checkTag(text: string, existing: readonly string[] = []): TagCheck {
  const tag = normalizeTag(text);
  const { maxLength } = LIBRARY_LIMITS.tag;
  if (!tag) return { error: msg("Type a tag first.") };
  if (tag.length > maxLength)
    return { error: msg(str`A tag is at most ${maxLength} characters; this one has ${tag.length}.`) };
  if (existing.includes(tag)) return { error: msg(str`This image is already tagged “${tag}”.`) };
  if (existing.length >= LIBRARY_LIMITS.tagsPerImage) {
    return { error: msg(str`An image has at most ${LIBRARY_LIMITS.tagsPerImage} tags. Remove one to add another.`) };
  }
  return { tag };
}
