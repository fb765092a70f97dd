/**
 * Keeps the variant cache honest about deletions: a cached variant is served only while its
 * object still exists, unchanged, in S3. On a cache hit the object is looked up with a HEAD at
 * most once per `REVALIDATE_MS` per object (concurrent hits share one lookup); when it is gone or
 * its ETag changed, every variant of it is dropped and the request goes on as a miss (a deleted
 * image then answers 404). A deleted image therefore stops being served by this instance within
 * `REVALIDATE_MS`, whatever URLs were issued for it.
 *
 * When S3 cannot answer, the cached variant is served (an outage is not a deletion) and the next
 * hit asks again.
 */
import type { VariantCache } from "../../cdn/cache";
import { describeError, type Logger } from "../../lib/logger";
import type { ImageObjectReader } from "./object-store";

export const REVALIDATE_MS = 5_000;
const TRACKED_MAX = 10_000;

export class ObjectFreshness {
  private readonly checked = new Map<string, { at: number; etag: string }>();
  private readonly pending = new Map<string, Promise<boolean>>();

  constructor(
    private readonly objects: ImageObjectReader,
    private readonly cache: VariantCache,
    private readonly now: () => number,
    private readonly logger: Logger,
    private readonly intervalMs = REVALIDATE_MS,
  ) {}

  /** A variant was just made from the object as S3 holds it now (`etag`). */
  remember(s3Key: string, etag: string): void {
    if (this.checked.size >= TRACKED_MAX) this.checked.clear();
    this.checked.set(s3Key, { at: this.now(), etag });
  }

  /** True when `s3Key` was found current within the interval: cached variants may be served without asking S3. */
  recentlyChecked(s3Key: string): boolean {
    const known = this.checked.get(s3Key);
    return known !== undefined && this.now() - known.at < this.intervalMs;
  }

  /** Whether cached variants of `s3Key` may be served; when not, they have been dropped. */
  async stillCurrent(s3Key: string): Promise<boolean> {
    const known = this.checked.get(s3Key);
    if (known && this.now() - known.at < this.intervalMs) return true;
    let lookup = this.pending.get(s3Key);
    if (!lookup) {
      lookup = this.revalidate(s3Key, known?.etag).finally(() => this.pending.delete(s3Key));
      this.pending.set(s3Key, lookup);
    }
    return lookup;
  }

  private async revalidate(s3Key: string, etag: string | undefined): Promise<boolean> {
    let current: string | null;
    try {
      current = await this.objects.head(s3Key);
    } catch (error) {
      this.logger({
        level: "warn",
        msg: "object revalidation failed; serving the cached variant",
        s3Key,
        ...describeError(error),
      });
      return true;
    }
    // An ETag only one side knows ("" from a store that gives none) proves nothing either way.
    if (current === null || (etag && current && current !== etag)) {
      this.cache.deleteObject(s3Key);
      this.checked.delete(s3Key);
      return false;
    }
    this.remember(s3Key, current);
    return true;
  }
}
