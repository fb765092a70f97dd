/**
 * The image type of an object, read from its first bytes. Originals are served only as what
 * their bytes are, never with the Content-Type S3 holds: an object uploaded as `text/html`
 * (or an SVG, which can carry script) would otherwise run as a page on the API's origin.
 */
export type SniffedImage = "png" | "jpeg" | "webp" | "avif" | "gif";

export const SNIFFED_CONTENT_TYPES: Readonly<Record<SniffedImage, string>> = {
  png: "image/png",
  jpeg: "image/jpeg",
  webp: "image/webp",
  avif: "image/avif",
  gif: "image/gif",
};

const ascii = (bytes: Uint8Array, start: number, end: number) => String.fromCharCode(...bytes.subarray(start, end));

/** The raster type these bytes start with, or null for anything else (HTML, SVG, PDF, text, …). */
export function sniffImageType(bytes: Uint8Array): SniffedImage | null {
  if (bytes.length < 12) return null;
  if (bytes[0] === 0x89 && ascii(bytes, 1, 8) === "PNG\r\n\x1a\n") return "png";
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "jpeg";
  if (ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 12) === "WEBP") return "webp";
  if (ascii(bytes, 0, 6) === "GIF87a" || ascii(bytes, 0, 6) === "GIF89a") return "gif";
  // ISO-BMFF: a `ftyp` box whose major brand is AVIF (still or sequence).
  if (ascii(bytes, 4, 8) === "ftyp" && ["avif", "avis"].includes(ascii(bytes, 8, 12))) return "avif";
  return null;
}
