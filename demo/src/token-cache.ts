/**
 * A Pixorly session token kept until a minute before it expires (they live 15 minutes), so every call
 * of a page shares one token and one request for the next: concurrent callers wait for the same fetch.
 */
export interface IssuedToken {
  token: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

export const REFRESH_BEFORE_MS = 60_000;

export class TokenCache {
  private cached: IssuedToken | null = null;
  private pending: Promise<IssuedToken> | null = null;
  /** Bumped by `clear()`: a fetch started before it is not cached after it. */
  private generation = 0;

  constructor(
    private readonly fetchToken: () => Promise<IssuedToken>,
    private readonly now: () => number = Date.now,
  ) {}

  async get(forceRefresh = false): Promise<string> {
    if (!forceRefresh && this.cached && this.cached.expiresAt - this.now() > REFRESH_BEFORE_MS)
      return this.cached.token;
    if (!this.pending) {
      const generation = this.generation;
      this.pending = this.fetchToken().then(
        (issued) => {
          if (generation === this.generation) {
            this.cached = issued;
            this.pending = null;
          }
          return issued;
        },
        (error: unknown) => {
          if (generation === this.generation) this.pending = null;
          throw error;
        },
      );
    }
    return (await this.pending).token;
  }

  /** Forgets the token (sign-out, another user). */
  clear(): void {
    this.generation++;
    this.cached = null;
    this.pending = null;
  }
}
