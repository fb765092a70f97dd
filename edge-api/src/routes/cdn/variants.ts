/**
 * Makes (or finds) the bytes one CDN request gets: from the variant cache while the object is
 * still current in S3 (`object-freshness.ts`), else read from S3 and, for a transform, made by
 * the transformer in one of this instance's transform slots (`transform-slots.ts`). Concurrent
 * misses for one variant share one read and one transform.
 *
 * Refusals: a variant whose cost is over the ceiling → 422 (before S3 is read when the size
 * alone shows it), a source over 50 MP → 422, an object that is not a raster image → 415, no
 * free slot in time → 503 with `Retry-After`.
 */
import { strongEtag, variantKey, type CachedVariant } from "../../cdn/cache";
import { assertAffordable, knownMinimumCost, VariantTooCostlyError } from "../../cdn/cost";
import { SNIFFED_CONTENT_TYPES, sniffImageType } from "../../cdn/sniff";
import { outputFormatFor, type TransformParams } from "../../cdn/transform-params";
import { TRANSFORM_RETRY_AFTER_SECONDS, TransformBusyError } from "../../cdn/transform-slots";
import { SourceTooLargeError, UnsupportedImageError } from "../../cdn/transformer";
import { ApiError } from "../../lib/errors";
import type { CdnServices } from "./deps";

export interface VariantRequest {
  s3Key: string;
  params: TransformParams;
  canonical: string;
  identity: boolean;
}

export type ServedVariant = CachedVariant & { hit: boolean };

export function variantMaker(cdn: CdnServices) {
  const inflight = new Map<string, Promise<CachedVariant>>();

  async function make(
    { s3Key, params, identity }: VariantRequest,
    accept: string | undefined,
    key: string,
  ): Promise<CachedVariant> {
    const object = await cdn.objects.get(s3Key);
    if (!object) throw new ApiError("NOT_FOUND", "No image is stored at this URL.");
    let out: { body: Uint8Array; contentType: string };
    if (identity) {
      // Served as what the bytes are, never as the Content-Type S3 holds.
      const type = sniffImageType(object.body);
      if (!type) throw new UnsupportedImageError();
      out = { body: object.body, contentType: SNIFFED_CONTENT_TYPES[type] };
    } else {
      out = await cdn.slots.run(() => cdn.transformer!(object.body, params, accept));
    }
    const variant = { ...out, etag: await strongEtag(out.body) };
    cdn.cache.set(key, variant);
    cdn.freshness.remember(s3Key, object.etag ?? "");
    return variant;
  }

  /**
   * The variant for a request: synchronously when it is cached and its object was checked within
   * the revalidation interval (a gallery's common case, so a hit waits on no promise), else a
   * promise. Callers `await` either.
   */
  return function variantFor(
    request: VariantRequest,
    accept: string | undefined,
  ): ServedVariant | Promise<ServedVariant> {
    const { s3Key, params, canonical, identity } = request;
    if (!identity && !cdn.transformer) {
      throw new ApiError(
        "INVALID_ARGUMENT",
        "This deployment serves originals only; image transforms (w, h, f, q, fit) need the Node runtime.",
        { status: 501 },
      );
    }
    const key = variantKey(s3Key, canonical, outputFormatFor(params, accept) ?? "source");
    const cached = cdn.cache.get(key);
    if (cached && cdn.freshness.recentlyChecked(s3Key)) return { ...cached, hit: true };
    return served(request, accept, key);
  };

  async function served(request: VariantRequest, accept: string | undefined, key: string): Promise<ServedVariant> {
    const { s3Key, params, identity } = request;
    const format = outputFormatFor(params, accept);
    try {
      const cached = cdn.cache.get(key);
      if (cached && (await cdn.freshness.stillCurrent(s3Key))) return { ...cached, hit: true };
      if (!identity) assertAffordable(knownMinimumCost(params, format));
      let pending = inflight.get(key);
      if (!pending) {
        pending = make(request, accept, key).finally(() => inflight.delete(key));
        inflight.set(key, pending);
      }
      return { ...(await pending), hit: false };
    } catch (error) {
      throw refusalOf(error);
    }
  }
}

function refusalOf(error: unknown): unknown {
  if (error instanceof SourceTooLargeError)
    return new ApiError("INVALID_ARGUMENT", `${error.message} Request it without transform parameters.`, {
      status: 422,
    });
  if (error instanceof VariantTooCostlyError)
    return new ApiError("INVALID_ARGUMENT", error.message, {
      status: 422,
      fields: [{ field: "query", message: error.message }],
    });
  if (error instanceof UnsupportedImageError) return new ApiError("INVALID_ARGUMENT", error.message, { status: 415 });
  if (error instanceof TransformBusyError) {
    return new ApiError("RATE_LIMITED", `${error.message} Try again in ${TRANSFORM_RETRY_AFTER_SECONDS} s.`, {
      status: 503,
      headers: {
        "Retry-After": String(TRANSFORM_RETRY_AFTER_SECONDS),
      },
    });
  }
  return error;
}
