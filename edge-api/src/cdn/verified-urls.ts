/**
 * CDN request URLs already admitted, with what they name, so a cache hit repeats neither the URL
 * parsing nor the RSA check of its signature. A gallery page is dozens of `/cdn` requests at once
 * for URLs the same browser fetched before: without this, each one would verify its signature
 * again (RSA, ~100 µs of CPU), which cost more than serving the bytes.
 *
 * Safe because a CloudFront signature is a pure function of the URL: the same bytes, checked
 * against the same trusted keys, always give the same answer. So:
 * - the key is the full request URL, signature parameters included, byte for byte: any other
 *   spelling is another key and is verified on its own;
 * - only URLs that passed are stored (never a refusal), and only until their own `Expires`: an
 *   entry at or past it is dropped and answered as expired, as the verifier would;
 * - bounded, least recently used out first, so a flood of distinct URLs (valid or not) costs
 *   memory only up to the bound and never lets anything through.
 * Revocation does not depend on this memory: deleted images stop being served through
 * `object-freshness.ts` (a HEAD at most every 5 s), whatever URLs were issued.
 */
export const VERIFIED_URLS_MAX = 10_000;

export class VerifiedUrls<T extends { expires: number }> {
  private readonly entries = new Map<string, T>();

  constructor(readonly max: number = VERIFIED_URLS_MAX) {}

  get size(): number {
    return this.entries.size;
  }

  /** The entry for `url` while `nowSeconds` is before its expiry; an expired one is dropped. */
  get(url: string, nowSeconds: number): T | undefined {
    const entry = this.entries.get(url);
    if (entry === undefined) return undefined;
    this.entries.delete(url);
    if (nowSeconds >= entry.expires) return undefined;
    // Map keeps insertion order: re-inserting marks the entry most recently used.
    this.entries.set(url, entry);
    return entry;
  }

  /** Remembers a URL that was just admitted (its signature verified, or its image found public). */
  set(url: string, entry: T): void {
    this.entries.delete(url);
    this.entries.set(url, entry);
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
  }
}
