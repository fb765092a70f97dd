/**
 * The edge API's token signing keys: ES256 JWKs with a `kid`. The first key signs; every key
 * is published in the JWKS, so a rotation adds the new key first and keeps the old one until
 * the tokens it signed have expired (15 minutes at most).
 */
import { exportJWK, generateKeyPair, importJWK, type JWK } from "jose";
import { ConfigError } from "../env";
import { textToBase64Url } from "./base64";
import type { CryptoProvider, Es256Sign } from "./crypto-provider";

export const SIGNING_ALGORITHM = "ES256";

export interface PrivateSigningJwk extends JWK {
  kid: string;
  kty: "EC";
  crv: "P-256";
  x: string;
  y: string;
  d: string;
}

export interface PublicSigningJwk {
  kty: "EC";
  crv: "P-256";
  x: string;
  y: string;
  kid: string;
  alg: typeof SIGNING_ALGORITHM;
  use: "sig";
}

function checkJwk(raw: Record<string, unknown>, index: number): PrivateSigningJwk {
  const where = `SIGNING_KEYS[${index}]`;
  const str = (k: string) => (typeof raw[k] === "string" && raw[k] !== "" ? (raw[k] as string) : null);
  if (!str("kid")) throw new ConfigError(where, "has no kid.");
  if (raw.kty !== "EC" || raw.crv !== "P-256") throw new ConfigError(where, "must be an EC P-256 key (ES256).");
  if (!str("x") || !str("y") || !str("d")) throw new ConfigError(where, "must be a private key (x, y and d).");
  if (raw.alg !== undefined && raw.alg !== SIGNING_ALGORITHM)
    throw new ConfigError(where, `has alg ${String(raw.alg)}; only ES256 is used.`);
  return raw as unknown as PrivateSigningJwk;
}

export function toPublicJwk(key: PrivateSigningJwk): PublicSigningJwk {
  return { kty: "EC", crv: "P-256", x: key.x, y: key.y, kid: key.kid, alg: SIGNING_ALGORITHM, use: "sig" };
}

function signerFor(jwk: PrivateSigningJwk, crypto: CryptoProvider): Es256Sign {
  try {
    return crypto.es256Signer(jwk);
  } catch {
    throw new ConfigError("SIGNING_KEYS[0]", "is not a valid P-256 private key.");
  }
}

/** The key that signs new tokens, ready to use: its id, its encoded JWS header and its signer. */
export interface TokenSigner {
  kid: string;
  /** base64url of `{"alg":"ES256","kid":…,"typ":"JWT"}`: the same for every token, so encoded once. */
  encodedHeader: string;
  sign: Es256Sign;
}

/** Holds the keys of one app; each is imported once (signing key at start, verification keys on first use). */
export class SigningKeys {
  readonly jwks: { keys: PublicSigningJwk[] };
  readonly signer: TokenSigner;
  private verifiers = new Map<string, Promise<CryptoKey>>();

  constructor(raw: Record<string, unknown>[], crypto: CryptoProvider) {
    const privateJwks = raw.map(checkJwk);
    const kids = new Set(privateJwks.map((k) => k.kid));
    if (kids.size !== privateJwks.length) throw new ConfigError("SIGNING_KEYS", "has two keys with the same kid.");
    this.jwks = { keys: privateJwks.map(toPublicJwk) };
    const first = privateJwks[0]!;
    this.signer = {
      kid: first.kid,
      encodedHeader: textToBase64Url(JSON.stringify({ alg: SIGNING_ALGORITHM, kid: first.kid, typ: "JWT" })),
      sign: signerFor(first, crypto),
    };
  }

  /** The public key for a `kid`, or null when the kid is not ours. */
  verificationKey(kid: string | undefined): Promise<CryptoKey> | null {
    const jwk = this.jwks.keys.find((k) => k.kid === kid);
    if (!jwk) return null;
    let key = this.verifiers.get(jwk.kid);
    if (!key) {
      key = importJWK(jwk, SIGNING_ALGORITHM) as Promise<CryptoKey>;
      this.verifiers.set(jwk.kid, key);
    }
    return key;
  }
}

/** A fresh ES256 key (first start offline, tests, rotation). */
export async function generateSigningKey(kid?: string): Promise<PrivateSigningJwk> {
  const { privateKey } = await generateKeyPair(SIGNING_ALGORITHM, { extractable: true });
  const jwk = await exportJWK(privateKey);
  const id = kid ?? `es256-${new Date().toISOString().slice(0, 10)}-${crypto.randomUUID().slice(0, 8)}`;
  return { ...jwk, kid: id, alg: SIGNING_ALGORITHM, use: "sig" } as PrivateSigningJwk;
}
