/** Writes an LSB-first bit stream, as DEFLATE packs its data (RFC 1951 §3.1.1). */
export class BitWriter {
  private buffer: Uint8Array;
  private length = 0;
  private bits = 0;
  private bitCount = 0;

  constructor(initialCapacity: number) {
    this.buffer = new Uint8Array(Math.max(64, initialCapacity));
  }

  /** Appends the low `count` bits of `value`; `count` must be at most 16. */
  writeBits(value: number, count: number): void {
    this.bits |= value << this.bitCount;
    this.bitCount += count;
    // Flushing two bytes at a time halves the work per symbol; at most 15 bits stay
    // pending, so a 16-bit write still fits the 32-bit accumulator.
    if (this.bitCount >= 16) {
      if (this.length + 2 > this.buffer.length) this.grow(2);
      this.buffer[this.length++] = this.bits & 0xff;
      this.buffer[this.length++] = (this.bits >>> 8) & 0xff;
      this.bits >>>= 16;
      this.bitCount -= 16;
    }
  }

  /** Pads to a byte boundary with zero bits. */
  alignToByte(): void {
    if (this.bitCount % 8 !== 0) this.writeBits(0, 8 - (this.bitCount % 8));
    if (this.bitCount === 8) {
      if (this.length === this.buffer.length) this.grow(1);
      this.buffer[this.length++] = this.bits & 0xff;
      this.bits = 0;
      this.bitCount = 0;
    }
  }

  /** Appends whole bytes; the stream must be byte-aligned. */
  writeBytes(bytes: Uint8Array): void {
    if (this.bitCount !== 0) throw new Error("BitWriter.writeBytes needs a byte-aligned stream");
    if (this.length + bytes.length > this.buffer.length) this.grow(bytes.length);
    this.buffer.set(bytes, this.length);
    this.length += bytes.length;
  }

  /** The bytes written so far (a view, not a copy). */
  finish(): Uint8Array {
    this.alignToByte();
    return this.buffer.subarray(0, this.length);
  }

  private grow(needed: number): void {
    const next = new Uint8Array(Math.max(this.buffer.length * 2, this.length + needed));
    next.set(this.buffer.subarray(0, this.length));
    this.buffer = next;
  }
}
