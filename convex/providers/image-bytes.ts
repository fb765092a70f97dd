/**
 * Decodes images that providers return as base64 or `data:` URLs, with only the
 * APIs the Convex default runtime has (`atob`, no `Buffer`).
 */
import type { ProviderImage } from "./types";

export function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64.replace(/\s+/g, ""));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Bare base64 carries no type, so look at the magic bytes; PNG is what most models send. */
export function sniffImageType(bytes: Uint8Array): string {
  const starts = (...magic: number[]) => magic.every((byte, i) => bytes[i] === byte);
  if (starts(0xff, 0xd8, 0xff)) return "image/jpeg";
  if (
    starts(0x52, 0x49, 0x46, 0x46) &&
    bytes[8] === 0x57 &&
    bytes[9] === 0x45 &&
    bytes[10] === 0x42 &&
    bytes[11] === 0x50
  ) {
    return "image/webp";
  }
  if (starts(0x47, 0x49, 0x46, 0x38)) return "image/gif";
  return "image/png";
}

const DATA_URL = /^data:(image\/[a-z0-9.+-]+)?(?:;[^,;]+)*;base64,(.*)$/is;

/** Decodes a `data:image/…;base64,…` URL; returns undefined for any other URL. */
export function imageFromDataUrl(url: string): ProviderImage | undefined {
  const match = DATA_URL.exec(url);
  if (!match) return undefined;
  const bytes = base64ToBytes(match[2] ?? "");
  return { bytes, mimeType: match[1]?.toLowerCase() ?? sniffImageType(bytes) };
}

export function imageFromBase64(base64: string): ProviderImage {
  const bytes = base64ToBytes(base64);
  return { bytes, mimeType: sniffImageType(bytes) };
}

/** Bytes as base64 with `btoa` (no `Buffer` in the default runtime), in chunks so large images do not overflow the call stack. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
