/**
 * Every partner's allowed origins, for CORS. Asked of Convex with the service identity and
 * kept for a minute, so a preflight costs no Convex call most of the time. If Convex cannot
 * answer, the last known list stays in use (or none, the safe side for CORS).
 */
import type { ConvexGateway } from "./convex";
import { partnersOrigins } from "./convex-functions";
import { describeError, type Logger } from "./logger";

const TTL_MS = 60_000;

export class PartnerOrigins {
  private cached: { origins: Set<string>; at: number } | null = null;
  private pending: Promise<Set<string>> | null = null;

  constructor(
    private readonly convex: ConvexGateway,
    private readonly now: () => number,
    private readonly log: Logger,
  ) {}

  /**
   * Whether `origin` is a partner's. Answered at once while the list is fresh (every request
   * with an `Origin` asks); a promise only when the list must be loaded again.
   */
  has(origin: string): boolean | Promise<boolean> {
    if (this.cached && this.now() - this.cached.at < TTL_MS) return this.cached.origins.has(origin);
    this.pending ??= this.load().finally(() => {
      this.pending = null;
    });
    return this.pending.then((origins) => origins.has(origin));
  }

  private async load(): Promise<Set<string>> {
    try {
      const origins = await (await this.convex.asService()).query(partnersOrigins, {});
      this.cached = { origins: new Set(origins), at: this.now() };
    } catch (error) {
      this.log({ level: "warn", msg: "partner origins unavailable", ...describeError(error) });
      // Retry after a short pause instead of on every request while Convex is down.
      this.cached = { origins: this.cached?.origins ?? new Set(), at: this.now() - TTL_MS + 5_000 };
    }
    return this.cached.origins;
  }
}
