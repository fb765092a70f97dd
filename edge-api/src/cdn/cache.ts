/**
 * Transformed variants kept in memory, least recently used first out, bounded by the bytes
 * of the bodies. A variant is named by its object key, its canonical transform parameters
 * and the format it was encoded in (which `f=auto` negotiates per request). The variants of
 * one object can be dropped together (`deleteObject`) once the object is gone from S3.
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

/** The object key a variant key starts with (object keys hold no control characters: the CDN route refuses them). */
function objectKeyOfVariant(key: string): string {
  return key.slice(0, key.indexOf("\n"));
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
  /** Variant keys by object key, to drop every variant of a deleted object at once. */
  private readonly byObject = new Map<string, Set<string>>();
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
    const objectKey = objectKeyOfVariant(key);
    let keys = this.byObject.get(objectKey);
    if (!keys) this.byObject.set(objectKey, (keys = new Set()));
    keys.add(key);
    for (const oldest of this.entries.keys()) {
      if (this.used <= this.maxBytes) break;
      this.delete(oldest);
    }
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.used -= entry.body.byteLength;
    const objectKey = objectKeyOfVariant(key);
    const keys = this.byObject.get(objectKey);
    keys?.delete(key);
    if (keys?.size === 0) this.byObject.delete(objectKey);
  }

  /** Drops every variant of the object stored under `s3Key`. */
  deleteObject(s3Key: string): void {
    for (const key of [...(this.byObject.get(s3Key) ?? [])]) this.delete(key);
  }
}
