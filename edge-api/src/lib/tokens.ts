/**
 * Pixorly tokens: ES256 JWTs signed with the edge API's own keys, trusted by Convex
 * (`convex/auth.config.ts`) through the JWKS. Verification accepts only our issuer, our
 * audience, our keys and ES256: `alg: none`, HS256 (with the public key as the secret) and
 * keys we do not publish are refused.
 *
 * Signing assembles the compact JWS itself (the header is encoded once per key, the signature
 * comes from the runtime's fastest ES256, see `crypto-provider.ts`): a token is issued on every
 * embed, dev and session token request. Verification stays with jose, once per distinct token:
 * verified tokens are remembered until their `exp` (`verified-tokens.ts`).
 */
import { TOKEN_CLOCK_SKEW_SECONDS } from "@pixorly/core";
import { errors as joseErrors, jwtVerify, type JWTHeaderParameters, type JWTPayload } from "jose";
import type { EdgeConfig } from "../env";
import { bytesToBase64Url, textToBase64Url } from "./base64";
import { webCryptoProvider, type CryptoProvider } from "./crypto-provider";
import { ApiError } from "./errors";
import { SIGNING_ALGORITHM, type SigningKeys } from "./keys";
import { VerifiedTokens } from "./verified-tokens";

export interface MintClaims {
  sub: string;
  /** Scopes; leave out for a first-party token (Convex then allows every user scope). */
  scp?: string[];
  /** Partner id, for partner-scoped users. */
  pid?: string;
  /** The partner's token version (`partners:authenticate`); Convex refuses the token once the partner revokes it. */
  pver?: number;
  /** The only browser origin the token may be used from. */
  origin?: string;
  ttlSeconds: number;
  /** Further claims (e.g. `akid` on API-key tokens); they cannot override the standard ones. */
  extra?: Record<string, unknown>;
}

export interface TokenClaims extends JWTPayload {
  iss: string;
  aud: string | string[];
  sub: string;
  iat: number;
  exp: number;
  jti: string;
  scp?: string[];
  pid?: string;
  pver?: number;
  origin?: string;
}

export interface SignedToken {
  token: string;
  /** Milliseconds since the Unix epoch. */
  expiresAt: number;
  claims: TokenClaims;
}

const encoder = new TextEncoder();

/** jose measures time in whole seconds; tokens are issued on our clock (injectable for tests). */
export class TokenService {
  private readonly verified = new VerifiedTokens();

  constructor(
    private readonly config: Pick<EdgeConfig, "issuer" | "audience">,
    private readonly keys: SigningKeys,
    private readonly now: () => number,
    private readonly cryptoProvider: CryptoProvider = webCryptoProvider,
  ) {}

  async signToken(claims: MintClaims): Promise<SignedToken> {
    const signer = this.keys.signer;
    const iat = Math.floor(this.now() / 1000);
    const payload: TokenClaims = {
      ...claims.extra,
      iss: this.config.issuer,
      aud: this.config.audience,
      sub: claims.sub,
      iat,
      exp: iat + claims.ttlSeconds,
      jti: crypto.randomUUID(),
      ...(claims.scp ? { scp: claims.scp } : {}),
      ...(claims.pid ? { pid: claims.pid } : {}),
      ...(claims.pver !== undefined ? { pver: claims.pver } : {}),
      ...(claims.origin ? { origin: claims.origin } : {}),
    };
    const signingInput = `${signer.encodedHeader}.${textToBase64Url(JSON.stringify(payload))}`;
    const signature = await signer.sign(encoder.encode(signingInput));
    return { token: `${signingInput}.${bytesToBase64Url(signature)}`, expiresAt: payload.exp * 1000, claims: payload };
  }

  /** The claims of a token we issued; any other token is `UNAUTHENTICATED` (401). */
  async verifyToken(token: string): Promise<TokenClaims> {
    const id = await this.cryptoProvider.sha256(token);
    const known = this.verified.get(id, Math.floor(this.now() / 1000));
    if (known) return known;
    const claims = await this.verifySignedToken(token);
    this.verified.set(id, claims);
    return claims;
  }

  private async verifySignedToken(token: string): Promise<TokenClaims> {
    try {
      const { payload } = await jwtVerify(token, (header: JWTHeaderParameters) => this.keyFor(header), {
        issuer: this.config.issuer,
        audience: this.config.audience,
        algorithms: [SIGNING_ALGORITHM],
        currentDate: new Date(this.now()),
        // The tolerance covers `iat`/`nbf` a little in the future (another clock); `exp` gets none,
        // below: a token Convex would refuse must not pass here (contract: one clock rule for both).
        clockTolerance: TOKEN_CLOCK_SKEW_SECONDS,
        requiredClaims: ["sub", "exp", "iat", "jti"],
      });
      if (Math.floor(this.now() / 1000) >= (payload.exp as number))
        throw new ApiError("UNAUTHENTICATED", "The token has expired.");
      if (
        payload.scp !== undefined &&
        !(Array.isArray(payload.scp) && payload.scp.every((s) => typeof s === "string"))
      ) {
        throw new ApiError("UNAUTHENTICATED", "The token's scopes are malformed.");
      }
      return payload as TokenClaims;
    } catch (error) {
      if (error instanceof ApiError) throw error;
      if (error instanceof joseErrors.JWTExpired) throw new ApiError("UNAUTHENTICATED", "The token has expired.");
      if (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === "aud") {
        throw new ApiError("UNAUTHENTICATED", "The token is for another audience.");
      }
      throw new ApiError("UNAUTHENTICATED", "The token is not valid.");
    }
  }

  private async keyFor(header: JWTHeaderParameters): Promise<CryptoKey> {
    const key = this.keys.verificationKey(header.kid);
    if (!key) throw new ApiError("UNAUTHENTICATED", "The token was not signed by Pixorly.");
    return key;
  }
}
