/** Transform parameters the edge API applies to a delivered image. */
export interface ImageTransform {
  w?: number;
  h?: number;
  f?: "webp" | "avif" | "jpeg" | "png" | "auto";
  q?: number;
  fit?: "cover" | "contain" | "fill" | "inside" | "outside";
}

export interface SignedUrl {
  id: string;
  url: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

export interface SignedUrlServiceOptions {
  apiUrl: string;
  /** The caller's current token, or null when signed out. */
  getToken: () => Promise<string | null>;
  fetch?: typeof fetch;
  /** How long requests are collected into one call. */
  batchWindowMs?: number;
  /** Ids per call at most (the edge API's limit). */
  maxBatch?: number;
  /** A cached URL is replaced once it has less than this left. */
  refreshMarginMs?: number;
  now?: () => number;
}

/**
 * The URL call failed. `reason`: the edge API could not be reached or is not Pixorly's
 * (`api-unreachable`), refused this page's origin (`origin`), or something else (`unknown`).
 */
export class ImageLinkError extends Error {
  constructor(
    message: string,
    readonly reason: "api-unreachable" | "origin" | "unknown",
  ) {
    super(message);
    this.name = "ImageLinkError";
  }
}

interface Waiter {
  resolve: (url: SignedUrl | null) => void;
  reject: (error: Error) => void;
}

/**
 * Signed image URLs from `POST {apiUrl}/v1/images/urls`. Requests made within one
 * batch window become one call (at most `maxBatch` ids each), identical requests
 * share one answer, and answers are cached until shortly before they expire.
 * Ids the caller may not read resolve to null.
 */
export class SignedUrlService {
  private readonly cache = new Map<string, SignedUrl>();
  private readonly inflight = new Map<string, Promise<SignedUrl | null>>();
  /** Per transform, the ids waiting for the next flush. */
  private readonly queued = new Map<string, Map<string, Waiter[]>>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly fetchFn: typeof fetch;
  private readonly batchWindowMs: number;
  private readonly maxBatch: number;
  private readonly refreshMarginMs: number;
  private readonly now: () => number;

  /** HTTP calls made so far (for tests and the benchmark). */
  calls = 0;

  constructor(private readonly options: SignedUrlServiceOptions) {
    this.fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
    this.batchWindowMs = options.batchWindowMs ?? 16;
    this.maxBatch = options.maxBatch ?? 100;
    this.refreshMarginMs = options.refreshMarginMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  /** The cached URL for an image if it is still fresh, without asking the network. */
  peek(id: string, transform: ImageTransform = {}): SignedUrl | undefined {
    const cached = this.cache.get(cacheKey(id, transform));
    return cached && this.isFresh(cached) ? cached : undefined;
  }

  /**
   * Checks, before any job is run, that `api-url` is the Pixorly edge API and accepts this page's
   * origin with this token: the smallest request through the same checks as image links (no ids:
   * past the origin and token checks it is refused as invalid, 400). A wrong `api-url` used to show
   * up only after credits were spent, as images that could not load. Null when all is well.
   */
  async preflight(): Promise<"api-unreachable" | "origin" | null> {
    const token = await this.options.getToken();
    if (!token) return null;
    let status: number;
    try {
      const response = await this.fetchFn(`${this.options.apiUrl.replace(/\/$/, "")}/v1/images/urls`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ ids: [] }),
      });
      status = response.status;
    } catch {
      return "api-unreachable";
    }
    if (status === 403) return "origin";
    if (status === 404 || status === 405) return "api-unreachable";
    return null;
  }

  /** Drops the cached URLs of `id` (every transform), so the next `get` asks the API again. */
  forget(id: string): void {
    for (const key of this.cache.keys()) if (key.startsWith(`${id}|`)) this.cache.delete(key);
  }

  /** A signed URL for one image, or null when the caller may not read it. */
  get(id: string, transform: ImageTransform = {}): Promise<SignedUrl | null> {
    const key = cacheKey(id, transform);
    const cached = this.peek(id, transform);
    if (cached) return Promise.resolve(cached);
    const pending = this.inflight.get(key);
    if (pending) return pending;
    const promise = new Promise<SignedUrl | null>((resolve, reject) => {
      const tKey = transformKey(transform);
      const ids = this.queued.get(tKey) ?? new Map<string, Waiter[]>();
      this.queued.set(tKey, ids);
      ids.set(id, [...(ids.get(id) ?? []), { resolve, reject }]);
      this.timer ??= setTimeout(() => this.flush(), this.batchWindowMs);
    }).finally(() => this.inflight.delete(key));
    this.inflight.set(key, promise);
    return promise;
  }

  private flush(): void {
    this.timer = null;
    const queued = [...this.queued];
    this.queued.clear();
    for (const [tKey, ids] of queued) {
      const entries = [...ids];
      for (let start = 0; start < entries.length; start += this.maxBatch) {
        void this.request(JSON.parse(tKey) as ImageTransform, new Map(entries.slice(start, start + this.maxBatch)));
      }
    }
  }

  private async request(transform: ImageTransform, waiters: Map<string, Waiter[]>): Promise<void> {
    const settle = (fn: (w: Waiter) => void) => {
      for (const list of waiters.values()) list.forEach(fn);
    };
    try {
      const token = await this.options.getToken();
      if (!token) throw new Error("Not signed in.");
      this.calls++;
      const hasTransform = Object.keys(transform).length > 0;
      const response = await this.fetchFn(`${this.options.apiUrl.replace(/\/$/, "")}/v1/images/urls`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ ids: [...waiters.keys()], ...(hasTransform ? { transform } : {}) }),
      }).catch(() => {
        // A network error, or CORS refusing this origin (the browser does not say which).
        throw new ImageLinkError("The image API cannot be reached.", "api-unreachable");
      });
      if (!response.ok) {
        // 403 here is the origin check (the token names another origin); a 404 or 405 means `api-url` is not the Pixorly API.
        const reason =
          response.status === 403
            ? "origin"
            : response.status === 404 || response.status === 405
              ? "api-unreachable"
              : "unknown";
        throw new ImageLinkError(`Image links are unavailable (${response.status}).`, reason);
      }
      const body = (await response.json()) as { urls?: { id: string; url: string; expiresAt: unknown }[] };
      const found = new Map<string, SignedUrl>();
      for (const entry of body.urls ?? []) {
        const signed = { id: entry.id, url: entry.url, expiresAt: toMillis(entry.expiresAt) };
        found.set(entry.id, signed);
        this.cache.set(cacheKey(entry.id, transform), signed);
      }
      for (const [id, list] of waiters) list.forEach((w) => w.resolve(found.get(id) ?? null));
    } catch (error) {
      settle((w) => w.reject(error instanceof Error ? error : new Error(String(error))));
    }
  }

  private isFresh(url: SignedUrl): boolean {
    return url.expiresAt - this.refreshMarginMs > this.now();
  }
}

function transformKey(transform: ImageTransform): string {
  const sorted = Object.fromEntries(
    Object.entries(transform)
      .filter(([, value]) => value !== undefined)
      .sort(([a], [b]) => a.localeCompare(b)),
  );
  return JSON.stringify(sorted);
}

function cacheKey(id: string, transform: ImageTransform): string {
  return `${id}|${transformKey(transform)}`;
}

/** `expiresAt` as milliseconds, whether the API sends ms, seconds or an ISO date. */
function toMillis(value: unknown): number {
  if (typeof value === "number") return value < 1e12 ? value * 1000 : value;
  if (typeof value === "string") {
    const parsed = Date.parse(value);
    if (!Number.isNaN(parsed)) return parsed;
  }
  // Unknown expiry: assume a short life so the URL is fetched again soon.
  return Date.now() + 2 * 60_000;
}
