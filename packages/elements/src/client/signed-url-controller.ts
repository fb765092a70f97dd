import type { ReactiveController, ReactiveControllerHost } from "lit";
import { ImageLinkError, type ImageTransform } from "./signed-urls.js";
import type { StudioClient } from "./studio-client.js";

/** Where one image's URL stands. */
export type SignedUrlState =
  | { status: "loading" }
  | { status: "ready"; url: string }
  /** The caller may not read the image (or it is gone). */
  | { status: "missing" }
  | { status: "error"; message: string; reason: "api-unreachable" | "origin" | "unknown" };

/**
 * Signed URLs for the images an element shows. `get()` during render answers from
 * the cache or starts a (batched) fetch and re-renders the host when it lands;
 * a URL is fetched again before it expires.
 */
export class SignedUrlController implements ReactiveController {
  private readonly states = new Map<string, SignedUrlState>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private client: StudioClient | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly getClient: () => StudioClient | undefined,
    private readonly transform: () => ImageTransform = () => ({}),
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.timers.forEach(clearTimeout);
    this.timers.clear();
    this.states.clear();
  }

  /** The URL state of `imageId` (in `transform`, by default the controller's own), starting a fetch when there is none yet. */
  get(imageId: string, transform: ImageTransform = this.transform()): SignedUrlState {
    const client = this.getClient();
    if (client !== this.client) {
      this.client = client;
      this.states.clear();
    }
    if (!client) return { status: "loading" };
    const key = `${imageId}|${JSON.stringify(transform)}`;
    const known = this.states.get(key);
    if (known) return known;
    const cached = client.cachedSignedUrl(imageId, transform);
    if (cached) {
      const ready = { status: "ready", url: cached.url } as const;
      this.states.set(key, ready);
      this.refreshAt(key, cached.expiresAt);
      return ready;
    }
    this.states.set(key, { status: "loading" });
    client.signedUrl(imageId, transform).then(
      (signed) => {
        if (this.client !== client) return;
        this.states.set(key, signed ? { status: "ready", url: signed.url } : { status: "missing" });
        if (signed) this.refreshAt(key, signed.expiresAt);
        this.host.requestUpdate();
      },
      (error: Error) => {
        if (this.client !== client) return;
        this.states.set(key, {
          status: "error",
          message: error.message,
          reason: error instanceof ImageLinkError ? error.reason : "unknown",
        });
        this.host.requestUpdate();
      },
    );
    return { status: "loading" };
  }

  /** Asks for fresh URLs of `imageId` (every transform) on the next `get()`: after a URL failed to load. */
  refresh(imageId: string): void {
    this.client?.forgetSignedUrl(imageId);
    for (const key of [...this.states.keys()]) if (key.startsWith(`${imageId}|`)) this.states.delete(key);
    this.host.requestUpdate();
  }

  /** Forgets every failed URL so the next `get()` asks again. */
  retryFailed(): void {
    for (const [key, state] of this.states) if (state.status === "error") this.states.delete(key);
    this.host.requestUpdate();
  }

  private refreshAt(key: string, expiresAt: number): void {
    // A minute before expiry the service no longer serves the URL from cache, so
    // dropping our copy then makes the next render fetch a fresh one.
    const delay = Math.max(0, expiresAt - 60_000 - Date.now());
    if (delay > 2 ** 31 - 1) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.states.delete(key);
      this.host.requestUpdate();
    }, delay);
    this.timers.add(timer);
  }
}
