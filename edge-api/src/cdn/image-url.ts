/**
 * The URL an image is delivered at: `${CDN_BASE_URL}/<s3Key>?w=&h=&f=&q=&fit=`, unsigned for
 * public images (a stable URL anyone may share) and CloudFront-signed (canned policy over the
 * whole URL, transform included) for private ones.
 *
 * Expiries are rounded up to a 5-minute boundary, so one image and transform keep one signed
 * URL for up to 5 minutes: browsers reuse the cached bytes across page loads (the response is
 * immutable per URL), and the RSA signature is computed once per window, not once per request
 * (the signer remembers what it signed).
 * A signed URL therefore lives between `ttlSeconds` and `ttlSeconds` + 5 minutes.
 *
 * `w` and `h` are snapped up to the CDN's steps (`cost.ts`) before signing, so the URL names the
 * variant the CDN makes and two near sizes share one URL, one signature and one cached variant.
 *
 * A download URL (`download`, see `download.ts`) is always signed, public image or not: the
 * signature is what stops `download=` from being added to, or changed on, a URL someone shared.
 */
import type { CloudFrontSigner } from "./signer";
import { snapTransform } from "./cost";
import { DOWNLOAD_PARAM } from "./download";
import { canonicalTransformQuery, type TransformParams } from "./transform-params";

export const DEFAULT_IMAGE_URL_TTL_SECONDS = 3600;
export const EXPIRY_WINDOW_SECONDS = 300;

export interface ImageUrlSettings {
  /** No trailing slash, e.g. `http://127.0.0.1:8787/cdn`. */
  cdnBaseUrl: string;
  /** Needed for private images only (`CLOUDFRONT_KEY_PAIR_ID` and `CLOUDFRONT_PRIVATE_KEY`). */
  signer: CloudFrontSigner | null;
  /** Milliseconds since the epoch. */
  now: number;
}

export interface ImageUrlRequest {
  s3Key: string;
  isPublic: boolean;
  transform?: TransformParams;
  ttlSeconds?: number;
  /** The saved file's base name (checked and without extension, `download.ts`): a download URL. */
  download?: string;
}

export interface ImageUrl {
  url: string;
  /**
   * Milliseconds since the epoch. A signed URL stops working then; a public URL never expires,
   * but its holder should ask again by then, since the owner may make the image private.
   */
  expiresAt: number;
}

/** `${cdnBaseUrl}/<key>`, each key segment percent-encoded as CloudFront expects on the wire. */
export function objectUrl(cdnBaseUrl: string, s3Key: string): string {
  return `${cdnBaseUrl}/${s3Key.split("/").map(encodeURIComponent).join("/")}`;
}

export async function imageUrlFor(
  { s3Key, isPublic, transform = {}, ttlSeconds = DEFAULT_IMAGE_URL_TTL_SECONDS, download }: ImageUrlRequest,
  { cdnBaseUrl, signer, now }: ImageUrlSettings,
): Promise<ImageUrl> {
  const params = [
    canonicalTransformQuery(snapTransform(transform)),
    download === undefined ? "" : `${DOWNLOAD_PARAM}=${encodeURIComponent(download)}`,
  ];
  const query = params.filter(Boolean).join("&");
  const url = `${objectUrl(cdnBaseUrl, s3Key)}${query ? `?${query}` : ""}`;
  const expiresAt = Math.ceil((now / 1000 + ttlSeconds) / EXPIRY_WINDOW_SECONDS) * EXPIRY_WINDOW_SECONDS * 1000;
  if (isPublic && download === undefined) return { url, expiresAt };
  // Outside local mode the configuration cannot lack the key (`loadConfig`); offline it may.
  if (!signer) throw new Error("Signing private image URLs needs CLOUDFRONT_KEY_PAIR_ID and CLOUDFRONT_PRIVATE_KEY.");
  return { url: await signer.sign(url, expiresAt), expiresAt };
}
