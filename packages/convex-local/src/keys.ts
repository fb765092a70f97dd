/**
 * Order-preserving binary encoding of Convex values.
 *
 * Index entries are stored in SQLite as BLOBs that compare with memcmp, so the
 * encoding must sort exactly like Convex orders values:
 * undefined < null < int64 < float64 < boolean < string < bytes < array < object.
 * Every encoding is self-delimiting and every type tag is below 0xff, so
 * `prefix ‖ 0xff` is an exclusive upper bound for all keys starting with `prefix`.
 */
import type { Value } from "convex/values";

const TAG = {
  undefined: 0x01,
  null: 0x02,
  int64: 0x03,
  float64: 0x04,
  boolean: 0x05,
  string: 0x06,
  bytes: 0x07,
  array: 0x08,
  object: 0x09,
} as const;

export const KEY_END = 0xff;
const textEncoder = new TextEncoder();

class KeyWriter {
  private parts: number[] = [];
  byte(b: number) {
    this.parts.push(b);
  }
  escaped(bytes: Uint8Array) {
    for (const b of bytes) {
      this.parts.push(b);
      if (b === 0) this.parts.push(0xff);
    }
    this.parts.push(0, 0);
  }
  raw(bytes: Uint8Array) {
    for (const b of bytes) this.parts.push(b);
  }
  finish(): Buffer {
    return Buffer.from(this.parts);
  }
}

function writeValue(w: KeyWriter, v: Value | undefined): void {
  if (v === undefined) return w.byte(TAG.undefined);
  if (v === null) return w.byte(TAG.null);
  if (typeof v === "bigint") {
    w.byte(TAG.int64);
    const buf = new DataView(new ArrayBuffer(8));
    buf.setBigUint64(0, BigInt.asUintN(64, v + (1n << 63n)));
    return w.raw(new Uint8Array(buf.buffer));
  }
  if (typeof v === "number") {
    w.byte(TAG.float64);
    const buf = new DataView(new ArrayBuffer(8));
    buf.setFloat64(0, Object.is(v, -0) ? 0 : v);
    const bytes = new Uint8Array(buf.buffer);
    if (bytes[0] & 0x80) for (let i = 0; i < 8; i++) bytes[i] ^= 0xff;
    else bytes[0] ^= 0x80;
    return w.raw(bytes);
  }
  if (typeof v === "boolean") {
    w.byte(TAG.boolean);
    return w.byte(v ? 1 : 0);
  }
  if (typeof v === "string") {
    w.byte(TAG.string);
    return w.escaped(textEncoder.encode(v));
  }
  if (v instanceof ArrayBuffer) {
    w.byte(TAG.bytes);
    return w.escaped(new Uint8Array(v));
  }
  if (Array.isArray(v)) {
    w.byte(TAG.array);
    for (const item of v) writeValue(w, item);
    return w.byte(0);
  }
  w.byte(TAG.object);
  for (const key of Object.keys(v).sort()) {
    const field = (v as Record<string, Value | undefined>)[key];
    if (field === undefined) continue;
    w.byte(TAG.string);
    w.escaped(textEncoder.encode(key));
    writeValue(w, field);
  }
  w.byte(0);
}

/** Encodes a tuple of values (an index key or a prefix of one). */
export function encodeKey(values: ReadonlyArray<Value | undefined>): Buffer {
  const w = new KeyWriter();
  for (const v of values) writeValue(w, v);
  return w.finish();
}

/** Total order over Convex values, the same one indexes use. */
export function compareValues(a: Value | undefined, b: Value | undefined): number {
  return Buffer.compare(encodeKey([a]), encodeKey([b]));
}

/** The smallest key strictly greater than every key that starts with `prefix`. */
export function afterPrefix(prefix: Buffer): Buffer {
  return Buffer.concat([prefix, Buffer.from([KEY_END])]);
}
