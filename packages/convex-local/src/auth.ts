/**
 * Verifies client tokens against `auth.config.ts` the way the Convex backend
 * does (crates/authentication in get-convex/convex-backend): the provider is
 * picked by issuer (and audience), then `customJwt` tokens are checked with the
 * provider's JWKS (a `kid` header is required; exp / nbf / iat with Convex's
 * 5-second tolerance) and OIDC tokens with keys found through discovery (no
 * tolerance). Every refusal carries Convex's code and message. A token that
 * fails any check never yields an identity.
 */
import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify, type JWTPayload } from "jose";
import { identityFromClaims, type UserIdentity } from "./identity.js";

export { identityFromClaims, type UserIdentity };

type CustomJwtProvider = { type: "customJwt"; issuer: string; jwks: string; algorithm: string; applicationID?: string };
type OidcProvider = { type?: undefined; domain: string; applicationID: string };
type Provider = CustomJwtProvider | OidcProvider;

/** Convex's tolerance for customJwt `exp`, `nbf` and `iat` (biscuit's epsilon in the backend). */
export const TOKEN_CLOCK_SKEW_SECONDS = 5;

export type AuthErrorCode = "InvalidAuthHeader" | "NoAuthProvider" | "Unauthenticated" | "AuthProviderDiscoveryFailed";

export class AuthError extends Error {
  constructor(
    readonly code: AuthErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The HTTP answer Convex gives to a refused token: 401 and `{ code, message }`. */
export function authErrorBody(e: unknown): { status: number; body: { code: string; message: string } } {
  if (e instanceof AuthError) return { status: 401, body: { code: e.code, message: e.message } };
  return { status: 401, body: { code: "Unauthenticated", message: "Could not verify token claim" } };
}

const invalid = (message: string) => new AuthError("InvalidAuthHeader", message);
const withProtocol = (iss: string) => (/^https?:\/\//.test(iss) ? iss : `https://${iss}`);
const trimSlash = (s: string) => s.replace(/\/+$/, "");
const OIDC_FAILED =
  "Could not verify OIDC token claim. Check that the token signature is valid and the token hasn't expired.";
const CLAIMS_FAILED =
  "Could not verify token claim. Check that the JWT contains valid claims and matches your auth provider configuration.";

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
        const res = await fetch(`${trimSlash(domain)}/.well-known/openid-configuration`);
        if (!res.ok)
          throw new AuthError(
            "AuthProviderDiscoveryFailed",
            `Auth provider discovery of ${domain} failed: ${res.status}`,
          );
        const doc = (await res.json()) as { jwks_uri?: string };
        if (!doc.jwks_uri)
          throw new AuthError("AuthProviderDiscoveryFailed", `Auth provider discovery of ${domain} failed`);
        return doc.jwks_uri;
      })();
      found.catch(() => this.discovered.delete(domain));
      this.discovered.set(domain, found);
    }
    return found;
  }

  private noProvider(): AuthError {
    const list = this.providers.map((p) =>
      p.type === "customJwt"
        ? `CustomJWT(issuer=${p.issuer}, app_id=${p.applicationID ?? "none"})`
        : `OIDC(domain=${p.domain}, app_id=${p.applicationID})`,
    );
    return new AuthError(
      "NoAuthProvider",
      list.length === 0
        ? "No auth provider found matching the given token (no providers configured). Check convex/auth.config.ts."
        : `No auth provider found matching the given token. Check that your JWT's issuer and audience match one of your configured providers: [${list.join(", ")}]`,
    );
  }

  /** `Authorization` header → identity (none without a header), as Convex's extract_bearer_token. */
  async verifyHeader(header: string | undefined): Promise<UserIdentity | null> {
    if (header === undefined) return null;
    if (header.length <= 7 || header.slice(0, 7).toLowerCase() !== "bearer ") {
      throw invalid("Header must begin with `bearer `");
    }
    return (await this.verify(header.slice(7).trim())).identity;
  }

  /** Verifies a token; returns the identity and its expiry (ms since epoch). */
  async verify(token: string): Promise<{ identity: UserIdentity; expiresAt: number }> {
    let payload: JWTPayload;
    try {
      if (typeof token !== "string") throw new Error("not a string");
      payload = decodeJwt(token);
    } catch {
      throw invalid(
        "Could not parse JWT payload. Check that the token is a valid JWT format with three base64-encoded parts separated by dots.",
      );
    }
    const iss = payload.iss;
    if (typeof iss !== "string" || !iss) {
      throw invalid(
        "Missing issuer claim ('iss') in JWT payload. The JWT must include an 'iss' claim that matches one of your configured auth providers.",
      );
    }
    const audiences = payload.aud === undefined ? [] : Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    const provider = this.providers.find((p) =>
      p.type === "customJwt"
        ? trimSlash(withProtocol(iss)) === trimSlash(p.issuer) &&
          (!p.applicationID || audiences.includes(p.applicationID))
        : trimSlash(p.domain) === trimSlash(iss) && audiences.includes(p.applicationID),
    );
    if (!provider) throw this.noProvider();
    const verified =
      provider.type === "customJwt" ? await this.verifyCustom(token, provider) : await this.verifyOidc(token, provider);
    if (typeof verified.sub !== "string" || !verified.sub || typeof verified.exp !== "number") {
      throw provider.type === "customJwt" ? invalid(CLAIMS_FAILED) : new AuthError("Unauthenticated", OIDC_FAILED);
    }
    return { identity: identityFromClaims(verified), expiresAt: verified.exp * 1000 };
  }

  private async verifyCustom(token: string, p: CustomJwtProvider): Promise<JWTPayload> {
    let kid: string | undefined;
    try {
      kid = decodeProtectedHeader(token).kid;
    } catch {
      throw invalid("Could not decode token. The JWT header is not valid base64-encoded JSON.");
    }
    if (!kid) throw invalid("Could not decode token. JWT may be missing a 'kid' (key ID) header.");
    let payload: JWTPayload;
    try {
      // Times are checked below with Convex's wording; here only the signature.
      ({ payload } = await jwtVerify(token, this.keySet(p.jwks), {
        algorithms: [p.algorithm],
        clockTolerance: Number.MAX_SAFE_INTEGER,
      }));
    } catch {
      throw invalid(
        `Could not decode token. The JWT's 'kid' (key ID) header is '${kid}', does this key match any key in the provider's JWKS?`,
      );
    }
    const now = Math.floor(Date.now() / 1000);
    const skew = TOKEN_CLOCK_SKEW_SECONDS;
    if (typeof payload.exp === "number" && now - skew > payload.exp) {
      throw invalid(`Could not validate token: Token expired ${now - payload.exp} seconds ago`);
    }
    for (const claim of ["nbf", "iat"] as const) {
      const at = payload[claim];
      if (typeof at === "number" && at > now + skew)
        throw invalid(`Could not validate token: Token will be valid in ${at - now} seconds`);
    }
    return payload;
  }

  private async verifyOidc(token: string, p: OidcProvider): Promise<JWTPayload> {
    const jwksUrl = await this.jwksFromDiscovery(p.domain);
    try {
      const { payload } = await jwtVerify(token, this.keySet(jwksUrl), {
        issuer: [p.domain, trimSlash(p.domain), `${trimSlash(p.domain)}/`],
        audience: p.applicationID,
        requiredClaims: ["exp", "iat", "sub"],
      });
      return payload;
    } catch {
      throw new AuthError("Unauthenticated", OIDC_FAILED);
    }
  }
}
