/**
 * REST API keys (`px_…`). A key is verified by Convex (`apiKeys:verify`, through the service
 * identity); the edge API then acts as the key's owner with a short-lived token of its own
 * carrying the key's permissions as scopes and the key's id as `akid` (Convex refuses key
 * management to such tokens).
 *
 * Verifications are kept in memory for 30 seconds, keyed by the SHA-256 of the key so the
 * key itself is never held; a revoked key therefore stops working within 30 seconds.
 */
import { isPlanId, type PlanId } from "@pixorly/core";
import { api } from "./convex-api";
import type { ConvexGateway } from "./convex";
import type { CryptoProvider } from "./crypto-provider";
import type { SignedToken, TokenService } from "./tokens";

export interface VerifiedKey {
  keyId: string;
  /** The owner's subject: the token acts as them. */
  subject: string;
  permissions: string[];
  plan: PlanId;
}

export const apiKeysVerify = api.apiKeys.verify;

/** `px_` and 43 base64url characters (32 random bytes), as `apiKeys:create` makes them. */
export const API_KEY_PATTERN = /^px_[A-Za-z0-9_-]{43}$/;

export const VERIFICATION_TTL_MS = 30_000;
/** The token minted per key lives longer than the cache entry holding it, so it never expires in use. */
export const KEY_TOKEN_TTL_SECONDS = 5 * 60;
/** At most this many verifications are kept; random keys sprayed at the API cannot grow memory beyond it. */
const MAX_ENTRIES = 10_000;

/** A verified key and the token to call Convex as its owner. */
export interface ApiKeyCaller {
  key: VerifiedKey;
  token: SignedToken;
}

interface Entry {
  at: number;
  caller: Promise<ApiKeyCaller | null>;
}

export class ApiKeyAuthenticator {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly convex: ConvexGateway,
    private readonly tokens: TokenService,
    private readonly now: () => number,
    private readonly cryptoProvider: CryptoProvider,
  ) {}

  /** The caller for a presented key, or null when it is malformed, unknown, revoked or expired. */
  async authenticate(presented: string): Promise<ApiKeyCaller | null> {
    if (!API_KEY_PATTERN.test(presented)) return null;
    const id = await this.cryptoProvider.sha256(presented);
    const cached = this.entries.get(id);
    if (cached && this.now() - cached.at < VERIFICATION_TTL_MS) return await cached.caller;

    // Concurrent requests with one key share the verification in flight.
    const caller = this.verify(presented);
    this.remember(id, { at: this.now(), caller });
    try {
      return await caller;
    } catch (error) {
      // A failed call to Convex is not an answer about the key: ask again next time.
      this.entries.delete(id);
      throw error;
    }
  }

  private async verify(presented: string): Promise<ApiKeyCaller | null> {
    const key = await (await this.convex.asService()).mutation(apiKeysVerify, { key: presented });
    if (!key || !isPlanId(key.plan)) return null;
    const token = await this.tokens.signToken({
      sub: key.subject,
      scp: key.permissions,
      ttlSeconds: KEY_TOKEN_TTL_SECONDS,
      extra: { akid: key.keyId },
    });
    return { key, token };
  }

  private remember(id: string, entry: Entry) {
    this.entries.delete(id);
    if (this.entries.size >= MAX_ENTRIES) {
      // Maps iterate in insertion order: the first entry is the oldest.
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(id, entry);
  }
}
