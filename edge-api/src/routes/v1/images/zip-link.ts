/**
 * The signed URL of a ZIP download (`POST /v1/images/zip` makes it, `GET /v1/images/zip` serves
 * it). The edge API keeps no state between requests and a browser follows the link without its
 * token, so the URL itself says what goes in: the images (id and object key) that Convex
 * confirmed, with the owner's own token, the owner may read, and the transform — deflated and
 * base64url-encoded into one `s` parameter. The URL is signed like a CDN URL (CloudFront canned
 * policy over the whole URL, same key pair, same verifier) and lives 5 minutes, so it can be
 * neither changed nor used long after ownership was checked. Deleted images stop it too: the
 * objects are looked up before the archive starts.
 */
import { deflateSync, inflateSync, strFromU8, strToU8 } from "fflate";
import { z } from "@hono/zod-openapi";
import type { CloudFrontSigner } from "../../../cdn/signer";
import { canonicalTransformQuery, parseTransformQuery, type TransformParams } from "../../../cdn/transform-params";
import { base64ToBytes, bytesToBase64Url } from "../../../lib/base64";

/** The ZIP route inside the `/v1/images` router, and its full path (what signed links point at). */
export const ZIP_ROUTE = "/zip";
export const ZIP_PATH = `/v1/images${ZIP_ROUTE}`;
export const ZIP_URL_TTL_SECONDS = 300;
/** The query parameter that carries the selection. */
export const SELECTION_PARAM = "s";

export interface ZipSelection {
  images: { id: string; s3Key: string }[];
  transform: TransformParams;
}

const selectionSchema = z.object({
  /** `[id, s3Key]` per image, in archive order. */
  i: z.array(z.tuple([z.string().min(1), z.string().min(1)])).min(1),
  /** The transform as its canonical query (`w=256&f=webp`), as CDN URLs write it. */
  t: z.string(),
});

export function zipFilename(count: number): string {
  return `pixorly-${count}-images.zip`;
}

export function encodeSelection({ images, transform }: ZipSelection): string {
  const json = JSON.stringify({
    i: images.map((image) => [image.id, image.s3Key]),
    t: canonicalTransformQuery(transform),
  });
  return bytesToBase64Url(deflateSync(strToU8(json), { level: 9 }));
}

/** The selection a (verified) URL carries, or null when it cannot be read. */
export function decodeSelection(value: string): ZipSelection | null {
  try {
    const base64 = value.replace(/-/g, "+").replace(/_/g, "/");
    const json = JSON.parse(strFromU8(inflateSync(base64ToBytes(base64 + "=".repeat((4 - (base64.length % 4)) % 4)))));
    const parsed = selectionSchema.safeParse(json);
    if (!parsed.success) return null;
    return {
      images: parsed.data.i.map(([id, s3Key]) => ({ id, s3Key })),
      transform: parseTransformQuery(new URLSearchParams(parsed.data.t)),
    };
  } catch {
    return null;
  }
}

/** A signed `GET /v1/images/zip` URL for `selection`, valid `ZIP_URL_TTL_SECONDS` from `now` (ms). */
export async function signZipUrl(
  publicUrl: string,
  signer: CloudFrontSigner,
  selection: ZipSelection,
  now: number,
): Promise<{ url: string; expiresAt: number }> {
  const expiresAt = (Math.floor(now / 1000) + ZIP_URL_TTL_SECONDS) * 1000;
  const url = await signer.sign(`${publicUrl}${ZIP_PATH}?${SELECTION_PARAM}=${encodeSelection(selection)}`, expiresAt);
  return { url, expiresAt };
}
