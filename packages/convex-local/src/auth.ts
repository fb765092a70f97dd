/**
 * Verifies client tokens against `auth.config.ts`, as Convex does:
 * `customJwt` providers (issuer, JWKS URL, algorithm, applicationID) and OIDC
 * providers (domain + applicationID, keys found through discovery).
 * A token that fails any check never yields an identity.
 */
import { createRemoteJWKSet, decodeJwt, jwtVerify, type JWTPayload } from "jose";

type CustomJwtProvider = {
  type: "customJwt";
  issuer: string;
  jwks: string;
  algorithm: string;
  applicationID?: string;
};
type OidcProvider = { type?: undefined; domain: string; applicationID: string };
type Provider = CustomJwtProvider | OidcProvider;

export type UserIdentity = Record<string, unknown> & {
  tokenIdentifier: string;
  subject: string;
  issuer: string;
};

export class AuthError extends Error {}

const STANDARD_CLAIMS: Record<string, string> = {
  name: "name",
  given_name: "givenName",
  family_name: "familyName",
  nickname: "nickname",
  preferred_username: "preferredUsername",
  profile: "profileUrl",
  picture: "pictureUrl",
  email: "email",
  email_verified: "emailVerified",
  gender: "gender",
  birthdate: "birthday",
  zoneinfo: "timezone",
  locale: "language",
  phone_number: "phoneNumber",
  phone_number_verified: "phoneNumberVerified",
  address: "address",
  updated_at: "updatedAt",
};
const DROPPED_CLAIMS = new Set(["iss", "sub", "aud", "exp", "iat", "nbf"]);

function sameIssuer(a: string, b: string) {
  return a.replace(/\/+$/, "") === b.replace(/\/+$/, "");
}

export function identityFromClaims(payload: JWTPayload): UserIdentity {
  const identity: UserIdentity = {
    tokenIdentifier: `${payload.iss}|${payload.sub}`,
    subject: String(payload.sub),
    issuer: String(payload.iss),
  };
  for (const [claim, value] of Object.entries(payload)) {
    if (DROPPED_CLAIMS.has(claim)) continue;
    identity[STANDARD_CLAIMS[claim] ?? claim] = value;
  }
  return identity;
}

export class AuthVerifier {
  private providers: Provider[];
  private keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();
  private discovered = new Map<string, Promise<string>>();

  constructor(config: { providers?: unknown[] } | null) {
    this.providers = (config?.providers ?? []) as Provider[];
    for (const p of this.providers) {
      if (p.type === "customJwt") {
        if (!p.issuer || !p.jwks || !p.algorithm) {
          throw new Error("auth.config.ts: a customJwt provider needs issuer, jwks and algorithm");
        }
      } else if (!p.domain || !p.applicationID) {
        throw new Error("auth.config.ts: an OIDC provider needs domain and applicationID");
      }
    }
  }

  private keySet(url: string) {
    let set = this.keySets.get(url);
    if (!set) {
      set = createRemoteJWKSet(new URL(url), { cooldownDuration: 1000, timeoutDuration: 5000 });
      this.keySets.set(url, set);
    }
    return set;
  }

  private jwksFromDiscovery(domain: string): Promise<string> {
    let found = this.discovered.get(domain);
    if (!found) {
      found = (async () => {
        const res = await fetch(`${domain.replace(/\/+$/, "")}/.well-known/openid-configuration`);
        if (!res.ok) throw new AuthError(`OIDC discovery for ${domain} failed with HTTP ${res.status}`);
        const doc = (await res.json()) as { jwks_uri?: string };
        if (!doc.jwks_uri) throw new AuthError(`OIDC discovery for ${domain} has no jwks_uri`);
        return doc.jwks_uri;
      })();
      found.catch(() => this.discovered.delete(domain));
      this.discovered.set(domain, found);
    }
    return found;
  }

  /** Verifies a token; returns the identity and its expiry (ms since epoch). */
  async verify(token: string): Promise<{ identity: UserIdentity; expiresAt: number | null }> {
    if (typeof token !== "string" || token.split(".").length !== 3) {
      throw new AuthError("Could not parse the auth token: it is not a JWT");
    }
    let unverified: JWTPayload;
    try {
      unverified = decodeJwt(token);
    } catch {
      throw new AuthError("Could not parse the auth token: it is not a JWT");
    }
    const iss = unverified.iss;
    if (!iss) throw new AuthError("The auth token has no issuer (iss) claim");
    const candidates = this.providers.filter((p) => sameIssuer(p.type === "customJwt" ? p.issuer : p.domain, iss));
    if (candidates.length === 0) {
      throw new AuthError(
        `No auth provider found matching the given token: issuer ${JSON.stringify(iss)} is not in auth.config.ts`,
      );
    }
    let lastError: unknown;
    for (const p of candidates) {
      try {
        const jwksUrl = p.type === "customJwt" ? p.jwks : await this.jwksFromDiscovery(p.domain);
        const { payload } = await jwtVerify(token, this.keySet(jwksUrl), {
          issuer: p.type === "customJwt" ? p.issuer : [p.domain, p.domain.replace(/\/+$/, ""), p.domain.replace(/\/*$/, "/")],
          audience: p.applicationID,
          algorithms: p.type === "customJwt" ? [p.algorithm] : undefined,
        });
        if (!payload.sub) throw new AuthError("The auth token has no subject (sub) claim");
        return { identity: identityFromClaims(payload), expiresAt: payload.exp ? payload.exp * 1000 : null };
      } catch (e) {
        lastError = e;
      }
    }
    const reason = lastError instanceof Error ? lastError.message : String(lastError);
    throw new AuthError(`Could not verify the auth token: ${reason}`);
  }
}
