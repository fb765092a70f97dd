/**
 * Base64 with web APIs only (`btoa`/`atob`), so the Worker needs no `Buffer`. JWS uses the
 * URL-safe alphabet without padding; CloudFront has its own variant (see `cdn/signer.ts`).
 */

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]!);
  return btoa(binary);
}

/** The bytes of standard base64 (whitespace ignored); throws on anything else. */
export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64.replace(/\s+/g, ""));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

const urlSafe = (base64: string) => base64.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

export function bytesToBase64Url(bytes: Uint8Array): string {
  return urlSafe(bytesToBase64(bytes));
}

const ASCII = /^[\x00-\x7f]*$/;
const encoder = new TextEncoder();

/** base64url of the text's UTF-8 bytes (ASCII text, such as most JSON, skips the encoder). */
export function textToBase64Url(text: string): string {
  return urlSafe(ASCII.test(text) ? btoa(text) : bytesToBase64(encoder.encode(text)));
}
