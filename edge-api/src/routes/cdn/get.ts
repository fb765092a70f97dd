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
 *
 * A signed URL with `download=<name>` answers with `Content-Disposition: attachment`
 * (`cdn/download.ts`); on an unsigned URL `download` is refused (403), so nobody can make a
 * shared public URL save under a name of their choosing.
 *
 * Admitted URLs are remembered until they expire (`cdn/verified-urls.ts`): a repeat request, the
 * gallery's common case, checks only the clock (and, for a public URL, the visibility cache).
 */
import type { Context } from "hono";
import { snapTransform } from "../../cdn/cost";
import { contentDisposition, downloadBaseName, DOWNLOAD_PARAM, filenameProblem } from "../../cdn/download";
import { splitSignedUrl, verifySignedUrl, type SignedUrlRefusal } from "../../cdn/signer";
import {
  canonicalTransformQuery,
  isIdentityTransform,
  parseTransformQuery,
  TransformParamError,
  type TransformParams,
} from "../../cdn/transform-params";
import { VerifiedUrls } from "../../cdn/verified-urls";
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

/** What one admitted request URL names, worked out once and kept (`verified-urls.ts`): a cache hit then repeats none of it. */
interface CdnUrl {
  s3Key: string;
  signed: boolean;
  /** `Expires` (epoch seconds) of a signed URL; Infinity for a public image's URL (checked on every request). */
  expires: number;
  transform: { params: TransformParams; canonical: string; identity: boolean };
  /** The saved file's base name for a download URL (`cdn/download.ts`). */
  download?: string;
}

export function registerGetCdnObject(router: Router, services: AppServices, cdn: CdnServices) {
  const { config, deps } = services;
  const variantFor = variantMaker(cdn);
  const admitted = new VerifiedUrls<CdnUrl>();

  /** Checks who may read `requestUrl` and what it names; remembered only once it passed. */
  async function admit(requestUrl: string, nowSeconds: number): Promise<CdnUrl> {
    const { pathname, search } = new URL(requestUrl);
    const rawKey = pathname.slice(CDN_PREFIX.length);
    // The URL as CloudFront signed it: the public URL, whatever host reached this origin.
    const resource = `${config.cdnBaseUrl}/${rawKey}${search}`;
    const split = splitSignedUrl(resource);
    const signed = Object.keys(split.params).length > 0;
    const s3Key = objectKeyOf(rawKey);
    let expires = Infinity;
    if (signed) {
      const check = await verifySignedUrl(resource, {
        publicKeys: config.cloudfront.publicKeys,
        now: nowSeconds * 1000,
      });
      if (!check.ok) throw new ApiError("FORBIDDEN", REFUSALS[check.reason]);
      expires = check.expires;
    } else {
      await assertPublic(s3Key);
    }
    // Parsed after the access check, so a refused URL is a 403 whatever its parameters.
    const { transform, download } = queryOf(split.resource);
    if (download !== undefined && !signed) {
      throw new ApiError("FORBIDDEN", "A download URL must be signed: ask POST /v1/images/urls with download.");
    }
    const url: CdnUrl = { s3Key, signed, expires, transform, ...(download !== undefined ? { download } : {}) };
    admitted.set(requestUrl, url);
    return url;
  }

  async function assertPublic(s3Key: string): Promise<void> {
    if (!(await cdn.publicImages.isPublic(s3Key))) {
      throw new ApiError("FORBIDDEN", "This image is private: use a signed URL (POST /v1/images/urls).");
    }
  }

  // Mounted at /cdn (app.ts): every object key below it.
  router.get("/*", async (c) => {
    const nowSeconds = Math.floor(deps.now() / 1000);
    let url = admitted.get(c.req.url, nowSeconds);
    if (url === undefined) url = await admit(c.req.url, nowSeconds);
    else if (!url.signed) await assertPublic(url.s3Key);
    const { transform } = url;
    const found = variantFor({ s3Key: url.s3Key, ...transform }, c.req.header("Accept"));
    const variant = found instanceof Promise ? await found : found;

    const headers: Record<string, string> = {
      ETag: variant.etag,
      "Cache-Control": url.signed ? SIGNED_CACHE_CONTROL : PUBLIC_CACHE_CONTROL,
      "X-Cache": variant.hit ? "HIT" : "MISS",
      "Content-Security-Policy": CDN_CONTENT_SECURITY_POLICY,
    };
    if (transform.params.f === "auto") headers.Vary = "Accept";
    if (url.download !== undefined)
      headers["Content-Disposition"] = contentDisposition(url.download, variant.contentType);
    if (etagMatches(c, variant.etag)) return c.body(null, 304, headers);
    headers["Content-Type"] = variant.contentType;
    return c.body(variant.body as Uint8Array<ArrayBuffer>, 200, headers);
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
    throw new ApiError("NOT_FOUND", "No image is stored at this URL.");
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

/** The transform and download name of a URL whose signature parameters were already removed. */
function queryOf(resource: string): Pick<CdnUrl, "transform" | "download"> {
  const q = resource.indexOf("?");
  const pairs: [string, string][] = [];
  let download: string | undefined;
  if (q !== -1) {
    for (const pair of resource.slice(q + 1).split("&")) {
      if (pair === "") continue;
      const eq = pair.indexOf("=");
      const [name, value] =
        eq === -1 ? [decodeParam(pair), ""] : [decodeParam(pair.slice(0, eq)), decodeParam(pair.slice(eq + 1))];
      if (name !== DOWNLOAD_PARAM) {
        pairs.push([name, value]);
        continue;
      }
      const problem =
        download !== undefined ? `Parameter "${DOWNLOAD_PARAM}" appears more than once.` : filenameProblem(value);
      if (problem)
        throw new ApiError("INVALID_ARGUMENT", problem, {
          fields: [{ field: `query.${DOWNLOAD_PARAM}`, message: problem }],
        });
      download = downloadBaseName(value);
    }
  }
  let params: TransformParams;
  try {
    params = snapTransform(parseTransformQuery(pairs));
  } catch (error) {
    if (error instanceof TransformParamError) {
      throw new ApiError("INVALID_ARGUMENT", error.message, {
        fields: [{ field: `query.${error.param}`, message: error.message }],
      });
    }
    throw error;
  }
  return {
    transform: { params, canonical: canonicalTransformQuery(params), identity: isIdentityTransform(params) },
    download,
  };
}

/** If-None-Match uses the weak comparison (RFC 9110 §13.1.2): `W/` prefixes are ignored. */
function etagMatches(c: Context<AppEnv>, etag: string): boolean {
  const header = c.req.header("If-None-Match");
  if (!header) return false;
  if (header.trim() === "*") return true;
  return header.split(",").some((candidate) => candidate.trim().replace(/^W\//, "") === etag);
}
