/**
 * CloudFront signed URLs with a canned policy: signing with AWS's own signer, and a verifier
 * that repeats CloudFront's check so the offline CDN (`GET /cdn/*`) accepts exactly the URLs
 * CloudFront would. The verifier uses WebCrypto only, so it runs in Node and in Workers.
 *
 * CloudFront's check for a canned policy: take the URL as requested, remove `Expires`,
 * `Signature`, `Key-Pair-Id` (and `Hash-Algorithm`) from the query string, keep everything else
 * byte for byte and in order, rebuild
 * `{"Statement":[{"Resource":"<that URL>","Condition":{"DateLessThan":{"AWS:EpochTime":<Expires>}}}]}`
 * and verify `Signature` (CloudFront base64) over it with the public key named by `Key-Pair-Id`.
 * Any changed, added, removed or reordered parameter changes the Resource and fails the check.
 */
import { getSignedUrl } from "@aws-sdk/cloudfront-signer";

export interface SignImageUrlInput {
  /** The full URL, transform parameters included; the signature covers all of it. */
  url: string;
  keyPairId: string;
  /** PEM private key of the CloudFront key pair. */
  privateKey: string;
  /** When the URL stops working; CloudFront counts whole seconds. */
  expiresAt: Date;
}

/** The URL with `Expires`, `Key-Pair-Id` and `Signature` appended (canned policy, RSA-SHA1). */
export function signImageUrl({ url, keyPairId, privateKey, expiresAt }: SignImageUrlInput): string {
  // Whole seconds, so the signer's rounding cannot move the expiry past what the caller asked.
  const seconds = Math.floor(expiresAt.getTime() / 1000);
  return getSignedUrl({ url, keyPairId, privateKey, dateLessThan: new Date(seconds * 1000) });
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
  | { ok: true; keyPairId: string; /** Epoch seconds. */ expires: number }
  | { ok: false; reason: SignedUrlRefusal };

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
  return JSON.stringify({ Statement: [{ Resource: resource, Condition: { DateLessThan: { "AWS:EpochTime": expires } } }] });
}

/** Checks a signed URL the way CloudFront does; never throws for a bad URL, only for a bad key configuration. */
export async function verifySignedUrl(url: string, { publicKeys, now }: VerifyOptions): Promise<SignedUrlCheck> {
  const { resource, params, repeated } = splitSignedUrl(url);
  const { Expires: expiresRaw, Signature: signature, "Key-Pair-Id": keyPairId } = params;
  if (params.Policy !== undefined || repeated) return refuse("malformed-signature");
  if (expiresRaw === undefined || signature === undefined || keyPairId === undefined) return refuse("missing-signature");
  // Canonical digits only: "0123" or "+123" would sign-check as 123 in a lenient parser.
  if (!/^(0|[1-9]\d{0,11})$/.test(expiresRaw) || !/^[A-Za-z0-9\-_~]+$/.test(signature)) return refuse("malformed-signature");
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

/** CloudFront's URL-safe base64: `-` for `+`, `_` for `=`, `~` for `/`. */
export function fromCloudFrontBase64(value: string): Uint8Array<ArrayBuffer> | null {
  const standard = value.replace(/-/g, "+").replace(/_/g, "=").replace(/~/g, "/");
  try {
    const binary = atob(standard);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
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
    key = crypto.subtle.importKey("spki", pemToDer(pem), { name: "RSASSA-PKCS1-v1_5", hash }, false, ["verify"]);
    key.catch(() => importedKeys.delete(cacheKey));
    importedKeys.set(cacheKey, key);
  }
  return key;
}

function pemToDer(pem: string): Uint8Array<ArrayBuffer> {
  const match = /-----BEGIN PUBLIC KEY-----([\s\S]+?)-----END PUBLIC KEY-----/.exec(pem);
  if (!match) throw new Error("A CloudFront public key must be a PEM SPKI key (-----BEGIN PUBLIC KEY-----).");
  const binary = atob(match[1]!.replace(/\s+/g, ""));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
