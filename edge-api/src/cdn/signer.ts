/**
 * CloudFront signed URLs with a canned policy: a signer and a verifier that repeat CloudFront's
 * rules, so the offline CDN (`GET /cdn/*`) accepts exactly the URLs CloudFront would. WebCrypto
 * only, so both run in Node and in Workers.
 *
 * CloudFront's check for a canned policy: take the URL as requested, remove `Expires`,
 * `Signature`, `Key-Pair-Id` (and `Hash-Algorithm`) from the query string, keep everything else
 * byte for byte and in order, rebuild
 * `{"Statement":[{"Resource":"<that URL>","Condition":{"DateLessThan":{"AWS:EpochTime":<Expires>}}}]}`
 * and verify `Signature` (CloudFront base64) over it with the public key named by `Key-Pair-Id`.
 * Any changed, added, removed or reordered parameter changes the Resource and fails the check.
 *
 * The signer writes the URLs `@aws-sdk/cloudfront-signer`'s `getSignedUrl` writes (its tests
 * compare the two byte for byte, and against published AWS vectors), but imports the private
 * key once: the SDK parses the PEM again on every call, which is half the cost of a signature.
 */
import { base64ToBytes, bytesToBase64 } from "../lib/base64";
import { pemToDer, rsaPrivateKeyPkcs8 } from "./pem";

/** How many signed URLs one signer remembers (a few hundred bytes each). */
const SIGNED_URLS_MAX = 10_000;
const encoder = new TextEncoder();

/** Signs URLs with one CloudFront key pair (canned policy, RSA-SHA1, CloudFront's default). */
export class CloudFrontSigner {
  private readonly key: Promise<CryptoKey>;
  /**
   * URLs already signed, by URL and expiry. RSA PKCS#1 v1.5 signatures are deterministic, so a
   * remembered URL is exactly the one signing again would give; callers that round expiries
   * (`image-url.ts`) therefore sign each URL once per window.
   */
  private readonly signed = new Map<string, Promise<string>>();

  /** `privateKeyPem`: PKCS#8 or PKCS#1; throws when it is neither (a configuration error). */
  constructor(
    readonly keyPairId: string,
    privateKeyPem: string,
  ) {
    const der = rsaPrivateKeyPkcs8(privateKeyPem);
    if (!der)
      throw new Error(
        "A CloudFront private key must be a PEM RSA private key (BEGIN PRIVATE KEY or BEGIN RSA PRIVATE KEY).",
      );
    this.key = crypto.subtle.importKey("pkcs8", der, { name: "RSASSA-PKCS1-v1_5", hash: "SHA-1" }, false, ["sign"]);
    // A key WebCrypto cannot import fails every signature; not an unhandled rejection now.
    this.key.catch(() => {});
  }

  /**
   * `url` (as it goes on the wire: path segments percent-encoded) with `Expires`, `Key-Pair-Id`
   * and `Signature` appended. `expiresAt` is in milliseconds; CloudFront counts whole seconds, so
   * it is rounded down, never past what the caller asked.
   */
  sign(url: string, expiresAt: number): Promise<string> {
    const expires = Math.floor(expiresAt / 1000);
    const id = `${expires}\n${url}`;
    let signed = this.signed.get(id);
    if (!signed) {
      // Expiry windows move on: dropping everything when full is simpler than an LRU and costs one re-sign each.
      if (this.signed.size >= SIGNED_URLS_MAX) this.signed.clear();
      signed = this.signUrl(url, expires);
      signed.catch(() => this.signed.delete(id));
      this.signed.set(id, signed);
    }
    return signed;
  }

  private async signUrl(url: string, expires: number): Promise<string> {
    const signature = await crypto.subtle.sign(
      "RSASSA-PKCS1-v1_5",
      await this.key,
      encoder.encode(cannedPolicy(url, expires)),
    );
    const params = `Expires=${expires}&Key-Pair-Id=${encodeParam(this.keyPairId)}&Signature=${toCloudFrontBase64(new Uint8Array(signature))}`;
    return `${url}${url.includes("?") ? "&" : "?"}${params}`;
  }
}

/** `encodeURIComponent` plus `!'()*`, as the AWS SDK encodes query values. */
function encodeParam(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** CloudFront's URL-safe base64: `-` for `+`, `_` for `=`, `~` for `/`. */
function toCloudFrontBase64(bytes: Uint8Array): string {
  return bytesToBase64(bytes).replace(/\+/g, "-").replace(/=/g, "_").replace(/\//g, "~");
}

/** Why a URL was refused; the CDN answers 403 for every one of them. */
export type SignedUrlRefusal =
  /** `Expires`, `Signature` or `Key-Pair-Id` is absent. */
  | "missing-signature"
  /** A signature parameter is repeated, empty or not in CloudFront's format, or a custom policy was sent. */
  | "malformed-signature"
  | "unknown-key"
  | "expired"
  /** The signature does not match the URL as requested (anything tampered with). */
  | "bad-signature";

export type SignedUrlCheck =
  { ok: true; keyPairId: string; /** Epoch seconds. */ expires: number } | { ok: false; reason: SignedUrlRefusal };

export interface VerifyOptions {
  /** `{ [keyPairId]: PEM SPKI public key }`: the key group the distribution trusts. */
  publicKeys: Readonly<Record<string, string>>;
  /** Current time in milliseconds. */
  now: number;
}

/** The query parameters CloudFront reserves for signed URLs. */
const SIGNATURE_PARAMS = ["Expires", "Signature", "Key-Pair-Id", "Hash-Algorithm", "Policy"] as const;
type SignatureParam = (typeof SIGNATURE_PARAMS)[number];

export interface SplitSignedUrl {
  /** The URL without the signature parameters: the canned policy's Resource. */
  resource: string;
  /** The signature parameters found, decoded; a repeated one is reported, not merged. */
  params: Partial<Record<SignatureParam, string>>;
  repeated: boolean;
}

/** Separates the signature parameters from the rest of the URL, leaving the rest untouched. */
export function splitSignedUrl(url: string): SplitSignedUrl {
  const hashless = url.split("#", 1)[0]!;
  const q = hashless.indexOf("?");
  if (q === -1) return { resource: hashless, params: {}, repeated: false };
  const kept: string[] = [];
  const params: Partial<Record<SignatureParam, string>> = {};
  let repeated = false;
  for (const pair of hashless.slice(q + 1).split("&")) {
    const eq = pair.indexOf("=");
    const name = eq === -1 ? pair : pair.slice(0, eq);
    if (!(SIGNATURE_PARAMS as readonly string[]).includes(name)) {
      kept.push(pair);
      continue;
    }
    const key = name as SignatureParam;
    if (key in params) repeated = true;
    params[key] = safeDecode(eq === -1 ? "" : pair.slice(eq + 1));
  }
  const base = hashless.slice(0, q);
  return { resource: kept.length > 0 ? `${base}?${kept.join("&")}` : base, params, repeated };
}

/** The canned policy CloudFront rebuilds; `JSON.stringify` yields the same bytes AWS's signer signed. */
export function cannedPolicy(resource: string, expires: number): string {
  return JSON.stringify({
    Statement: [{ Resource: resource, Condition: { DateLessThan: { "AWS:EpochTime": expires } } }],
  });
}

/** Checks a signed URL the way CloudFront does; never throws for a bad URL, only for a bad key configuration. */
export async function verifySignedUrl(url: string, { publicKeys, now }: VerifyOptions): Promise<SignedUrlCheck> {
  const { resource, params, repeated } = splitSignedUrl(url);
  const { Expires: expiresRaw, Signature: signature, "Key-Pair-Id": keyPairId } = params;
  if (params.Policy !== undefined || repeated) return refuse("malformed-signature");
  if (expiresRaw === undefined || signature === undefined || keyPairId === undefined)
    return refuse("missing-signature");
  // Canonical digits only: "0123" or "+123" would sign-check as 123 in a lenient parser.
  if (!/^(0|[1-9]\d{0,11})$/.test(expiresRaw) || !/^[A-Za-z0-9\-_~]+$/.test(signature))
    return refuse("malformed-signature");
  const hash = hashFor(params["Hash-Algorithm"]);
  if (!hash) return refuse("malformed-signature");

  if (!Object.hasOwn(publicKeys, keyPairId)) return refuse("unknown-key");
  const expires = Number(expiresRaw);
  if (Math.floor(now / 1000) >= expires) return refuse("expired");

  const key = await importPublicKey(publicKeys[keyPairId]!, hash);
  const signatureBytes = fromCloudFrontBase64(signature);
  if (!signatureBytes) return refuse("malformed-signature");
  const data = new TextEncoder().encode(cannedPolicy(resource, expires));
  const valid = await crypto.subtle.verify("RSASSA-PKCS1-v1_5", key, signatureBytes, data);
  return valid ? { ok: true, keyPairId, expires } : refuse("bad-signature");
}

const refuse = (reason: SignedUrlRefusal): SignedUrlCheck => ({ ok: false, reason });

/** CloudFront signs with SHA-1 unless the URL says `Hash-Algorithm=SHA256`. */
function hashFor(value: string | undefined): "SHA-1" | "SHA-256" | null {
  if (value === undefined) return "SHA-1";
  return value === "SHA256" ? "SHA-256" : null;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return "\u0000"; // fails every format check below
  }
}

/** The bytes of CloudFront's URL-safe base64, or null when it is not base64. */
export function fromCloudFrontBase64(value: string): Uint8Array<ArrayBuffer> | null {
  try {
    return base64ToBytes(value.replace(/-/g, "+").replace(/_/g, "=").replace(/~/g, "/"));
  } catch {
    return null;
  }
}

// Importing a key costs more than verifying with it; keep one CryptoKey per PEM and hash.
const importedKeys = new Map<string, Promise<CryptoKey>>();

function importPublicKey(pem: string, hash: "SHA-1" | "SHA-256"): Promise<CryptoKey> {
  const cacheKey = `${hash}\n${pem}`;
  let key = importedKeys.get(cacheKey);
  if (!key) {
    const der = pemToDer(pem, "PUBLIC KEY");
    if (!der) throw new Error("A CloudFront public key must be a PEM SPKI key (-----BEGIN PUBLIC KEY-----).");
    key = crypto.subtle.importKey("spki", der, { name: "RSASSA-PKCS1-v1_5", hash }, false, ["verify"]);
    key.catch(() => importedKeys.delete(cacheKey));
    importedKeys.set(cacheKey, key);
  }
  return key;
}
