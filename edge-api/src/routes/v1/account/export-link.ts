/**
 * The signed link of a data export (`POST /v1/account/exports/{id}/url` makes it, `GET
 * /v1/account/exports/download` serves it). As with image ZIP links (`images/zip-link.ts`), the
 * edge API keeps no state and a browser follows the link without its token, so the URL carries
 * what Convex confirmed with the owner's token — the object key and the file name — and is signed
 * like a CDN URL (canned policy over the whole URL, same key pair and verifier), for 5 minutes.
 */
import type { CloudFrontSigner } from "../../../cdn/signer";

/** The download route inside the `/v1/account` router, and its full path (what signed links point at). */
export const EXPORT_DOWNLOAD_ROUTE = "/exports/download";
export const EXPORT_DOWNLOAD_PATH = `/v1/account${EXPORT_DOWNLOAD_ROUTE}`;
export const EXPORT_URL_TTL_SECONDS = 300;
export const KEY_PARAM = "k";
export const NAME_PARAM = "n";
/** The only keys an export link may name (`exports/<userId>/<exportId>.zip`, written by Convex). */
export const EXPORT_KEY = /^exports\/[a-z0-9]+\/[a-z0-9]+\.zip$/;

export async function signExportUrl(
  publicUrl: string,
  signer: CloudFrontSigner,
  object: { s3Key: string; filename: string },
  now: number,
): Promise<{ url: string; expiresAt: number }> {
  const expiresAt = (Math.floor(now / 1000) + EXPORT_URL_TTL_SECONDS) * 1000;
  const query = new URLSearchParams({ [KEY_PARAM]: object.s3Key, [NAME_PARAM]: object.filename });
  const url = await signer.sign(`${publicUrl}${EXPORT_DOWNLOAD_PATH}?${query}`, expiresAt);
  return { url, expiresAt };
}
