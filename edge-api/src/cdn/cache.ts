/**
 * Transformed variants kept in memory, least recently used first out, bounded by the bytes
 * of the bodies. A variant is named by its object key, its canonical transform parameters
 * and the format it was encoded in (which `f=auto` negotiates per request).
 */
export const DEFAULT_VARIANT_CACHE_BYTES = 256 * 1024 * 1024;

export interface CachedVariant {
  body: Uint8Array;
  contentType: string;
  /** Strong ETag: a SHA-256 of the body, quoted. */
  etag: string;
}

export function variantKey(s3Key: string, canonicalParams: string, format: string): string {
  return `${s3Key}\n${canonicalParams}\n${format}`;
}

/** A strong ETag for these exact bytes. */
export async function strongEtag(body: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", body as Uint8Array<ArrayBuffer>));
  let binary = "";
  for (const byte of digest) binary += String.fromCharCode(byte);
  return `"${btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "")}"`;
}

export class VariantCache {
  private readonly entries = new Map<string, CachedVariant>();
  private used = 0;

  constructor(readonly maxBytes: number = DEFAULT_VARIANT_CACHE_BYTES) {}

  /** Bytes of the bodies held. */
  get bytes(): number {
    return this.used;
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string): CachedVariant | undefined {
    const entry = this.entries.get(key);
    if (entry) {
      // Map keeps insertion order: re-inserting marks the entry most recently used.
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  /** Stores a variant (replacing one under the same key); one larger than the whole cache is not kept. */
  set(key: string, variant: CachedVariant): void {
    this.delete(key);
    if (variant.body.byteLength > this.maxBytes) return;
    this.entries.set(key, variant);
    this.used += variant.body.byteLength;
    for (const [oldest, entry] of this.entries) {
      if (this.used <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.used -= entry.body.byteLength;
    }
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.used -= entry.body.byteLength;
  }
}
