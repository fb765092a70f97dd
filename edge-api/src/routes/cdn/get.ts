/**
 * `GET /cdn/<s3Key>?w=&h=&f=&q=&fit=` — the offline CDN, usable as an origin in production.
 *
 * Who may read an object:
 * - a URL with CloudFront signature parameters must verify exactly as CloudFront would
 *   (`cdn/signer.ts`); tampered, expired or signed by an unknown key → 403;
 * - a URL without them is a public image's stable URL: served only when Convex says an image
 *   stored under that key is public (`public-images.ts`), else 403. Keys cannot mark
 *   themselves public (no `public/` prefix): visibility lives with the image, in Convex.
 *
 * `w`/`h` are snapped up to a few steps (`cdn/cost.ts`): a URL with `w=200` gets the 256-wide
 * variant, so any URL maps onto few variants, and the URL itself (what the signature covers) is
 * untouched. Variants are made and cached by `variants.ts`. Signed responses are immutable (a new
 * signature is a new URL); public ones are cached briefly because the owner may make the image
 * private. Every body is an image and goes out with `Content-Security-Policy: default-src 'none'`
 * (and the root's `nosniff`), so nothing served here can run as a page on the API's origin.
 */
import type { Context } from "hono";
import { snapTransform } from "../../cdn/cost";
import { splitSignedUrl, verifySignedUrl, type SignedUrlRefusal } from "../../cdn/signer";
import { canonicalTransformQuery, isIdentityTransform, parseTransformQuery, TransformParamError, type TransformParams } from "../../cdn/transform-params";
import type { AppEnv, AppServices } from "../../lib/context";
import { ApiError } from "../../lib/errors";
import type { Router } from "../../lib/openapi";
import type { CdnServices } from "./deps";
import { variantMaker } from "./variants";

export const CDN_PREFIX = "/cdn/";
export const SIGNED_CACHE_CONTROL = "public, max-age=31536000, immutable";
export const PUBLIC_CACHE_CONTROL = "public, max-age=300";
/** Image bytes only: no script, style or frame may come from anything served here. */
export const CDN_CONTENT_SECURITY_POLICY = "default-src 'none'";

const REFUSALS: Record<SignedUrlRefusal, string> = {
  "missing-signature": "This URL is missing Expires, Signature or Key-Pair-Id.",
  "malformed-signature": "This URL's signature parameters are malformed.",
  "unknown-key": "This URL was signed with a key the CDN does not trust.",
  expired: "This URL has expired; ask for a new one.",
  "bad-signature": "This URL's signature does not match it; it was changed after signing.",
};

/** How many request URLs are remembered, parsed and (once verified) with their expiry; a few hundred bytes each. */
const KNOWN_URLS_MAX = 10_000;

/** What one request URL names, worked out once and kept: a cache hit then repeats none of it. */
interface CdnUrl {
  s3Key: string;
  /** The URL as CloudFront signed it: the public URL, whatever host reached this origin. */
  resource: string;
  /** The resource without signature parameters (what the transform is read from). */
  unsigned: string;
  signed: boolean;
  /**
   * `Expires` (epoch seconds) once the signature verified: a URL that verified once always
   * verifies (same bytes, same trusted keys), so later requests only check the clock.
   */
  expires?: number;
  /** Parsed (and `w`/`h` snapped) after the access check, so a refused URL is a 403 whatever its parameters. */
  transform?: { params: TransformParams; canonical: string; identity: boolean };
}

export function registerGetCdnObject(router: Router, services: AppServices, cdn: CdnServices) {
  const { config, deps } = services;
  const variantFor = variantMaker(cdn);
  const known = new Map<string, CdnUrl>();

  function cdnUrlOf(requestUrl: string): CdnUrl {
    let entry = known.get(requestUrl);
    if (entry) return entry;
    const { pathname, search } = new URL(requestUrl);
    const rawKey = pathname.slice(CDN_PREFIX.length);
    const resource = `${config.cdnBaseUrl}/${rawKey}${search}`;
    const split = splitSignedUrl(resource);
    entry = { s3Key: objectKeyOf(rawKey), resource, unsigned: split.resource, signed: Object.keys(split.params).length > 0 };
    if (known.size >= KNOWN_URLS_MAX) known.clear();
    known.set(requestUrl, entry);
    return entry;
  }

  async function checkAccess(url: CdnUrl): Promise<void> {
    if (!url.signed) {
      if (await cdn.publicImages.isPublic(url.s3Key)) return;
      throw new ApiError("FORBIDDEN", 403, "This image is private: use a signed URL (POST /v1/images/urls).");
    }
    const now = deps.now();
    if (url.expires === undefined) {
      const check = await verifySignedUrl(url.resource, { publicKeys: config.cloudfront.publicKeys, now });
      if (!check.ok) throw new ApiError("FORBIDDEN", 403, REFUSALS[check.reason]);
      url.expires = check.expires;
    }
    if (Math.floor(now / 1000) >= url.expires) throw new ApiError("FORBIDDEN", 403, REFUSALS.expired);
  }

  router.get(`${CDN_PREFIX}*`, async (c) => {
    const url = cdnUrlOf(c.req.url);
    await checkAccess(url);
    const transform = (url.transform ??= transformOf(url.unsigned));
    const variant = await variantFor({ s3Key: url.s3Key, ...transform }, c.req.header("Accept"));

    c.header("ETag", variant.etag);
    c.header("Cache-Control", url.signed ? SIGNED_CACHE_CONTROL : PUBLIC_CACHE_CONTROL);
    if (transform.params.f === "auto") c.header("Vary", "Accept", { append: true });
    c.header("X-Cache", variant.hit ? "HIT" : "MISS");
    c.header("Content-Security-Policy", CDN_CONTENT_SECURITY_POLICY);
    if (etagMatches(c, variant.etag)) return c.body(null, 304);
    c.header("Content-Type", variant.contentType);
    return c.body(variant.body as Uint8Array<ArrayBuffer>, 200);
  });
}

/**
 * The S3 key a CDN path names; empty, `.` and `..` segments name nothing, nor do control
 * characters (no stored key has them, and the variant cache separates its key parts with "\n").
 */
function objectKeyOf(rawKey: string): string {
  const segments = rawKey.split("/").map((segment) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      return "";
    }
  });
  if (segments.some((s) => s === "" || s === "." || s === ".." || /[\u0000-\u001f\u007f]/.test(s))) {
    throw new ApiError("NOT_FOUND", 404, "No image is stored at this URL.");
  }
  return segments.join("/");
}

function decodeParam(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, " "));
  } catch {
    return s;
  }
}

/** The transform of a URL whose signature parameters were already removed. */
function transformOf(resource: string): NonNullable<CdnUrl["transform"]> {
  const q = resource.indexOf("?");
  const pairs: [string, string][] = [];
  if (q !== -1) {
    for (const pair of resource.slice(q + 1).split("&")) {
      if (pair === "") continue;
      const eq = pair.indexOf("=");
      pairs.push(eq === -1 ? [decodeParam(pair), ""] : [decodeParam(pair.slice(0, eq)), decodeParam(pair.slice(eq + 1))]);
    }
  }
  let params: TransformParams;
  try {
    params = snapTransform(parseTransformQuery(pairs));
  } catch (error) {
    if (error instanceof TransformParamError) {
      throw new ApiError("INVALID_ARGUMENT", 400, error.message, [{ path: `query.${error.param}`, message: error.message }]);
    }
    throw error;
  }
  return { params, canonical: canonicalTransformQuery(params), identity: isIdentityTransform(params) };
}

/** If-None-Match uses the weak comparison (RFC 9110 §13.1.2): `W/` prefixes are ignored. */
function etagMatches(c: Context<AppEnv>, etag: string): boolean {
  const header = c.req.header("If-None-Match");
  if (!header) return false;
  if (header.trim() === "*") return true;
  return header.split(",").some((candidate) => candidate.trim().replace(/^W\//, "") === etag);
}
