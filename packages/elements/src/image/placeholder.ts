import { thumbHashToDataURL } from 'thumbhash';

/** A data URL for a ThumbHash (base64, as the backend stores it), or undefined when there is none or it is corrupt. */
export function placeholderDataUrl(thumbHash: string | undefined): string | undefined {
  if (!thumbHash) return undefined;
  try {
    const bytes = Uint8Array.from(atob(thumbHash), (c) => c.charCodeAt(0));
    return thumbHashToDataURL(bytes);
  } catch {
    return undefined;
  }
}
