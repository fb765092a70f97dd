/**
 * Verifies Clerk session tokens (first-party sign-in) with @clerk/backend: networkless with the
 * instance's PEM public key (`CLERK_JWT_KEY`), or with keys from the instance's JWKS URL. Either
 * way the checks are Clerk's own: signature, expiry, not-before, issuer and `azp` (the origin
 * the session belongs to).
 */
import { verifyToken } from "@clerk/backend";
import { decodeJwt, verifyJwt } from "@clerk/backend/jwt";
import type { ClerkConfig } from "../env";
import { ApiError } from "./errors";

const JWKS_TTL_MS = 10 * 60_000;
/** An unknown `kid` refetches the JWKS (Clerk rotated), but not more often than this. */
const JWKS_REFETCH_MS = 30_000;

type Jwk = JsonWebKey & { kid?: string };

export class ClerkVerifier {
  private jwks: { keys: Jwk[]; at: number } | null = null;

  constructor(
    private readonly config: ClerkConfig,
    private readonly fetchFn: typeof fetch,
    private readonly now: () => number,
  ) {}

  /** The Clerk user id (`sub`) of a valid session token; otherwise 401. */
  async verify(token: string): Promise<string> {
    const options = {
      authorizedParties: this.config.authorizedParties,
      ...(this.config.issuer ? { issuer: this.config.issuer } : {}),
    };
    // Outside the try below: a JWKS that cannot be fetched is our failure (500), not the caller's.
    const key = this.config.jwtKey ? null : await this.keyFor(token);
    let payload: { sub?: string };
    try {
      payload = key
        ? await verifyJwt(token, { ...options, key })
        : await verifyToken(token, { ...options, jwtKey: this.config.jwtKey });
    } catch (error) {
      if (error instanceof ApiError) throw error;
      const reason =
        error instanceof Error && /expired/i.test(error.message)
          ? "The Clerk session token has expired."
          : "The Clerk session token is not valid.";
      throw new ApiError("UNAUTHENTICATED", reason);
    }
    if (!payload.sub) throw new ApiError("UNAUTHENTICATED", "The Clerk session token has no subject.");
    return payload.sub;
  }

  private async keyFor(token: string): Promise<Jwk> {
    let kid: string | undefined;
    try {
      kid = decodeJwt(token).header.kid;
    } catch {
      throw new ApiError("UNAUTHENTICATED", "The Clerk session token is not valid.");
    }
    let keys = await this.keys(false);
    let key = keys.find((k) => k.kid === kid);
    if (!key && this.jwks && this.now() - this.jwks.at > JWKS_REFETCH_MS) {
      keys = await this.keys(true);
      key = keys.find((k) => k.kid === kid);
    }
    if (!key) throw new ApiError("UNAUTHENTICATED", "The Clerk session token was signed by an unknown key.");
    return key;
  }

  private async keys(refresh: boolean): Promise<Jwk[]> {
    if (!refresh && this.jwks && this.now() - this.jwks.at < JWKS_TTL_MS) return this.jwks.keys;
    const res = await this.fetchFn(this.config.jwksUrl!, { headers: { Accept: "application/json" } });
    if (!res.ok) throw new Error(`Clerk JWKS answered HTTP ${res.status}`);
    const body = (await res.json()) as { keys?: Jwk[] };
    this.jwks = { keys: Array.isArray(body.keys) ? body.keys : [], at: this.now() };
    return this.jwks.keys;
  }
}
