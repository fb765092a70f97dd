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
 * Variants are cached in memory by key + canonical parameters + negotiated format, with a
 * strong ETag. Signed responses are immutable (a new signature is a new URL); public ones are
 * cached briefly because the owner may make the image private.
 */
import type { Context } from "hono";
import { strongEtag, variantKey, type CachedVariant } from "../../cdn/cache";
import { splitSignedUrl, verifySignedUrl, type SignedUrlRefusal } from "../../cdn/signer";
import { SourceTooLargeError } from "../../cdn/transformer";
import {
  canonicalTransformQuery,
  isIdentityTransform,
  outputFormatFor,
  parseTransformQuery,
  TransformParamError,
  type TransformParams,
} from "../../cdn/transform-params";
import type { AppEnv, AppServices } from "../../lib/context";
import { ApiError } from "../../lib/errors";
import type { Router } from "../../lib/openapi";
import type { CdnServices } from "./deps";

export const CDN_PREFIX = "/cdn/";
export const SIGNED_CACHE_CONTROL = "public, max-age=31536000, immutable";
export const PUBLIC_CACHE_CONTROL = "public, max-age=300";

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
  /** Parsed after the access check, so a refused URL is a 403 whatever its parameters. */
  transform?: { params: TransformParams; canonical: string; identity: boolean };
}

export function registerGetCdnObject(router: Router, services: AppServices, cdn: CdnServices) {
  const { config, deps } = services;
  const inflight = new Map<string, Promise<CachedVariant>>();
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

  async function variantFor(url: CdnUrl, accept: string | undefined): Promise<CachedVariant & { hit: boolean }> {
    const { s3Key } = url;
    const { params, canonical, identity } = (url.transform ??= transformOf(url.unsigned));
    if (!identity && !cdn.transformer) {
      throw new ApiError("INVALID_ARGUMENT", 501, "This deployment serves originals only; image transforms (w, h, f, q, fit) need the Node runtime.");
    }
    const key = variantKey(s3Key, canonical, outputFormatFor(params, accept) ?? "source");
    const cached = cdn.cache.get(key);
    if (cached) return { ...cached, hit: true };
    // Concurrent misses for one variant share one read and one transform.
    let pending = inflight.get(key);
    if (!pending) {
      pending = (async () => {
        const object = await cdn.objects.get(s3Key);
        if (!object) throw new ApiError("NOT_FOUND", 404, "No image is stored at this URL.");
        const out = identity
          ? { body: object.body, contentType: object.contentType ?? "application/octet-stream" }
          : await cdn.transformer!(object.body, params, accept);
        const variant = { ...out, etag: await strongEtag(out.body) };
        cdn.cache.set(key, variant);
        return variant;
      })().finally(() => inflight.delete(key));
      inflight.set(key, pending);
    }
    try {
      return { ...(await pending), hit: false };
    } catch (error) {
      if (error instanceof SourceTooLargeError) throw new ApiError("INVALID_ARGUMENT", 422, `${error.message} Request it without transform parameters.`);
      throw error;
    }
  }

  router.get(`${CDN_PREFIX}*`, async (c) => {
    const url = cdnUrlOf(c.req.url);
    await checkAccess(url);
    const accept = c.req.header("Accept");
    const variant = await variantFor(url, accept);

    c.header("ETag", variant.etag);
    c.header("Cache-Control", url.signed ? SIGNED_CACHE_CONTROL : PUBLIC_CACHE_CONTROL);
    if (url.transform!.params.f === "auto") c.header("Vary", "Accept", { append: true });
    c.header("X-Cache", variant.hit ? "HIT" : "MISS");
    if (etagMatches(c, variant.etag)) return c.body(null, 304);
    c.header("Content-Type", variant.contentType);
    return c.body(variant.body as Uint8Array<ArrayBuffer>, 200);
  });
}

/** The S3 key a CDN path names; empty, `.` and `..` segments name nothing. */
function objectKeyOf(rawKey: string): string {
  const segments = rawKey.split("/").map((segment) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      return "";
    }
  });
  if (segments.some((s) => s === "" || s === "." || s === "..")) {
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
    params = parseTransformQuery(pairs);
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
