import { tokenClaims, tokenExpiry, TokenUrlError, type TokenProvider } from "./token.js";

/**
 * `signing-in` until the first token, `signed-in` while tokens work, `expired` when
 * tokens ran out or were refused and no fresh one could be had, `failed` when the
 * provider never produced a usable token.
 */
export type AuthState = "signing-in" | "signed-in" | "expired" | "failed";

export interface AuthSessionOptions {
  /** Waits between attempts; one attempt more than there are delays. */
  retryDelaysMs?: readonly number[];
  /** A token is refreshed once less than this much of its life is left. */
  refreshMarginMs?: number;
  now?: () => number;
}

/**
 * Gets tokens from a provider for both the Convex socket and the edge API calls:
 * caches the current one, refreshes it before it expires (from its `exp` claim),
 * retries a failing provider a bounded number of times and then gives up with a
 * final state that the UI shows.
 */
export class AuthSession {
  state: AuthState = "signing-in";
  /** A sentence for people when `state` is `expired` or `failed`. */
  message = "";

  private current: { token: string; expiresAt: number | null } | null = null;
  private inflight: Promise<string | null> | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly retryDelaysMs: readonly number[];
  private readonly refreshMarginMs: number;
  private readonly now: () => number;

  constructor(
    private readonly provider: TokenProvider,
    options: AuthSessionOptions = {},
  ) {
    this.retryDelaysMs = options.retryDelaysMs ?? [500, 2000];
    this.refreshMarginMs = options.refreshMarginMs ?? 30_000;
    this.now = options.now ?? Date.now;
  }

  /** Calls `listener` whenever `state` changes; returns the unsubscribe. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * A token that is valid for a while yet, or null when none can be had (the state
   * then says why). `forceRefresh` skips the cache, as Convex asks after a refusal.
   */
  token(forceRefresh = false): Promise<string | null> {
    // A provider that never produced a token is not asked again by this session (the Convex client
    // asks once more at once, which made a failing token URL answer six requests per load); the
    // studio's "Sign in again" starts a new session.
    if (this.state === "failed") return Promise.resolve(null);
    if (!forceRefresh && this.current && !this.expiresSoon(this.current.expiresAt)) {
      return Promise.resolve(this.current.token);
    }
    this.inflight ??= this.fetchWithRetries().finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  /** A claim of the current token (unverified: the server enforces; the UI only follows it), or undefined. */
  claim(name: string): unknown {
    return this.current ? tokenClaims(this.current.token)?.[name] : undefined;
  }

  /** The server accepted or refused the last token (from the Convex client's `setAuth` `onChange`). */
  serverVerdict(accepted: boolean): void {
    if (accepted) this.setState("signed-in");
    else if (this.state !== "failed") this.setState("expired", "Your session has expired. Sign in again to continue.");
  }

  private async fetchWithRetries(): Promise<string | null> {
    let lastProblem = "";
    for (let attempt = 0; attempt <= this.retryDelaysMs.length; attempt++) {
      if (attempt > 0) await sleep(this.retryDelaysMs[attempt - 1]!);
      try {
        const token = await this.provider();
        if (typeof token !== "string" || token === "") {
          lastProblem = "The token provider returned no token.";
          continue;
        }
        const expiresAt = tokenExpiry(token);
        if (expiresAt !== null && expiresAt <= this.now()) {
          lastProblem = "expired";
          continue;
        }
        this.current = { token, expiresAt };
        if (this.state !== "signed-in") this.setState("signed-in");
        return token;
      } catch (error) {
        lastProblem = `The token provider failed: ${error instanceof Error ? error.message : String(error)}`;
        if (error instanceof TokenUrlError && error.permanent) break;
      }
    }
    this.current = null;
    if (lastProblem === "expired" || this.state === "signed-in") {
      this.setState("expired", "Your session has expired. Sign in again to continue.");
    } else {
      this.setState("failed", `Could not sign in. ${lastProblem}`);
    }
    return null;
  }

  private expiresSoon(expiresAt: number | null): boolean {
    return expiresAt !== null && expiresAt - this.refreshMarginMs <= this.now();
  }

  private setState(state: AuthState, message = ""): void {
    if (state === this.state && message === this.message) return;
    this.state = state;
    this.message = message;
    for (const listener of this.listeners) listener();
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
