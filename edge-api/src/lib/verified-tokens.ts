/**
 * Tokens this app has already verified, so a browser that sends the same token with every
 * request (a gallery asking for signed URLs) costs one ES256 verification, not one per request.
 *
 * Entries are keyed by the SHA-256 of the exact token string (the cache holds no bearer
 * credential and no two tokens share an entry) and hold the verified claims. An entry is only
 * used before the token's `exp`; at `exp` it is dropped and the token is verified again, which
 * then refuses it. Least recently used entries go first once `max` are held.
 */
import type { TokenClaims } from "./tokens";

export const VERIFIED_TOKENS_MAX = 10_000;

export class VerifiedTokens {
  private readonly entries = new Map<string, TokenClaims>();

  constructor(private readonly max = VERIFIED_TOKENS_MAX) {}

  get size(): number {
    return this.entries.size;
  }

  /** The claims of the token hashed to `id`, while `nowSeconds` is before its `exp`. */
  get(id: string, nowSeconds: number): TokenClaims | undefined {
    const claims = this.entries.get(id);
    if (!claims) return undefined;
    this.entries.delete(id);
    if (nowSeconds >= claims.exp) return undefined;
    // Maps iterate in insertion order: re-inserting marks the entry most recently used.
    this.entries.set(id, claims);
    return claims;
  }

  /** Keeps verified claims (frozen: every request that hits the entry shares them). */
  set(id: string, claims: TokenClaims): void {
    this.entries.delete(id);
    if (this.entries.size >= this.max) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    if (claims.scp) Object.freeze(claims.scp);
    this.entries.set(id, Object.freeze(claims));
  }
}
