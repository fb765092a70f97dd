/**
 * A CloudFront-style RSA key pair (2048-bit, as CloudFront key groups take) in the PEM forms
 * the configuration uses: the private key signs (`CLOUDFRONT_PRIVATE_KEY`), the public key is
 * what the CDN trusts (`CLOUDFRONT_PUBLIC_KEYS`). WebCrypto only, so tests, benchmarks and
 * tools on any runtime can make one; in production the public key is uploaded to a CloudFront
 * key group (the Node entry persists its own offline pair, see `lib/local-keys.ts`).
 */
import { derToPem } from "./pem";

export interface CloudFrontKeyPair {
  keyPairId: string;
  /** PKCS#8 PEM. */
  privateKey: string;
  /** SPKI PEM. */
  publicKey: string;
}

export async function generateCloudFrontKeyPair(keyPairId: string): Promise<CloudFrontKeyPair> {
  const { privateKey, publicKey } = await crypto.subtle.generateKey(
    { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-1" },
    true,
    ["sign", "verify"],
  );
  return {
    keyPairId,
    privateKey: derToPem("PRIVATE KEY", await crypto.subtle.exportKey("pkcs8", privateKey)),
    publicKey: derToPem("PUBLIC KEY", await crypto.subtle.exportKey("spki", publicKey)),
  };
}

/** `CLOUDFRONT_KEY_PAIR_ID`, `CLOUDFRONT_PRIVATE_KEY` and `CLOUDFRONT_PUBLIC_KEYS` for one key pair. */
export function cloudFrontEnv({ keyPairId, privateKey, publicKey }: CloudFrontKeyPair) {
  return {
    CLOUDFRONT_KEY_PAIR_ID: keyPairId,
    CLOUDFRONT_PRIVATE_KEY: privateKey,
    CLOUDFRONT_PUBLIC_KEYS: JSON.stringify({ [keyPairId]: publicKey }),
  };
}
