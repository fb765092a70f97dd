/**
 * Document ids. Like Convex's, an id string carries its table number, so
 * `normalizeId` and `v.id("table")` can tell which table an id belongs to
 * without a lookup. Layout: 16 random bytes ‖ varint(table number) ‖ 2-byte
 * Fletcher-16 checksum, in lowercase base32.
 */
import { randomBytesPooled } from "./random.js";

const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
const DECODE = new Map([...ALPHABET].map((c, i) => [c, i]));

function base32Encode(bytes: Uint8Array): string {
  let out = "";
  let buffer = 0;
  let bits = 0;
  for (const b of bytes) {
    buffer = (buffer << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

function base32Decode(s: string): Uint8Array | null {
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const c of s) {
    const v = DECODE.get(c);
    if (v === undefined) return null;
    buffer = ((buffer << 5) | v) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((buffer >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Uint8Array.from(out);
}

function fletcher16(bytes: Uint8Array): [number, number] {
  let a = 0;
  let b = 0;
  for (const x of bytes) {
    a = (a + x) % 255;
    b = (b + a) % 255;
  }
  return [a, b];
}

export function makeId(tableNumber: number): string {
  const body: number[] = [...randomBytesPooled(16)];
  let n = tableNumber;
  do {
    let byte = n & 0x7f;
    n = Math.floor(n / 128);
    if (n > 0) byte |= 0x80;
    body.push(byte);
  } while (n > 0);
  const bytes = Uint8Array.from(body);
  return base32Encode(Uint8Array.from([...bytes, ...fletcher16(bytes)]));
}

/** The table number an id encodes, or null if the string is not a valid id. */
export function tableNumberOf(id: string): number | null {
  if (typeof id !== "string" || id.length < 31 || id.length > 37) return null;
  const bytes = base32Decode(id);
  if (!bytes || bytes.length < 19) return null;
  const body = bytes.subarray(0, bytes.length - 2);
  const [a, b] = fletcher16(body);
  if (bytes[bytes.length - 2] !== a || bytes[bytes.length - 1] !== b) return null;
  let n = 0;
  let scale = 1;
  for (let i = 16; i < body.length; i++) {
    n += (body[i] & 0x7f) * scale;
    scale *= 128;
    if (!(body[i] & 0x80)) return i === body.length - 1 ? n : null;
  }
  return null;
}
