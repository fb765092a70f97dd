import { thumbHashToDataURL } from "thumbhash";

/**
 * Decoded placeholders by ThumbHash, newest last: decoding one (and encoding it as a PNG data URL)
 * takes about a millisecond, and an image renders again whenever it loads or its tile is recycled
 * by the gallery's virtualizer — so a tile scrolled back into view should not pay it twice.
 */
const cache = new Map<string, string | undefined>();
const CACHE_SIZE = 600;

/** A data URL for a ThumbHash (base64, as the backend stores it), or undefined when there is none or it is corrupt. */
export function placeholderDataUrl(thumbHash: string | undefined): string | undefined {
  if (!thumbHash) return undefined;
  if (cache.has(thumbHash)) {
    const url = cache.get(thumbHash);
    // Refresh its place: the least recently used goes first.
    cache.delete(thumbHash);
    cache.set(thumbHash, url);
    return url;
  }
  let url: string | undefined;
  try {
    const bytes = Uint8Array.from(atob(thumbHash), (c) => c.charCodeAt(0));
    url = thumbHashToDataURL(bytes);
  } catch {
    url = undefined;
  }
  cache.set(thumbHash, url);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return url;
}
