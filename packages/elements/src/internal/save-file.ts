/**
 * Saving an image as a file. The edge API signs a download variant of an image URL (answered
 * with `Content-Disposition: attachment`), so following that link saves the file and the page
 * stays. Against an edge API without that variant the bytes are fetched instead and saved from
 * a same-origin object URL: the image URL is on the CDN's origin, where browsers ignore
 * `<a download>` and open the image instead.
 */

import { defaultDownloadName, DownloadUnsupportedError } from "../client/downloads.js";
import type { ImageTransform } from "../client/signed-urls.js";
import { msg } from "../i18n/localize.js";
import { ShownError } from "./shown-error.js";

/** How long the object URL outlives the click: the browser reads it after the click returns. */
const REVOKE_AFTER_MS = 30_000;

const EXTENSIONS: Record<string, string> = {
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/webp": "webp",
  "image/avif": "avif",
};

/** A file name from the image's prompt and id: `pixorly-a-lighthouse-in-a-storm-<id>.png`. */
export function imageFileName(image: { _id: string; prompt?: string }, contentType: string): string {
  const words = (image.prompt ?? "")
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/, "");
  const extension = EXTENSIONS[contentType.split(";")[0]!.trim()] ?? "png";
  return ["pixorly", words, image._id].filter(Boolean).join("-") + `.${extension}`;
}

/** Fetches `url` and saves it as a file; the name comes from the image and the answer's type. Throws when the fetch fails. */
export async function saveImageFile(
  url: string,
  image: { _id: string; prompt?: string },
  fetchFn: typeof fetch = fetch,
): Promise<string> {
  let response: Response;
  let blob: Blob;
  try {
    response = await fetchFn(url);
    if (!response.ok) throw new Error(String(response.status));
    blob = await response.blob();
  } catch {
    throw new ShownError(msg("The image could not be downloaded. Try again."));
  }
  const name = imageFileName(image, blob.type || response.headers.get("content-type") || "");
  const objectUrl = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = objectUrl;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
    setTimeout(() => URL.revokeObjectURL(objectUrl), REVOKE_AFTER_MS);
  }
  return name;
}

/**
 * How a download link is followed: a click on a hidden link without `target`, so an attachment
 * saves and the page stays. Tests replace `follow` to see the URL without leaving the page.
 */
export const downloadNavigation = {
  follow(url: string): void {
    const link = document.createElement("a");
    link.href = url;
    link.rel = "noopener";
    link.hidden = true;
    document.body.append(link);
    try {
      link.click();
    } finally {
      link.remove();
    }
  },
};

interface DownloadClient {
  signedUrl(imageId: string, transform?: ImageTransform): Promise<{ url: string } | null>;
  downloadUrl?(imageId: string, transform?: ImageTransform): Promise<{ url: string } | null>;
}

/**
 * Saves a stored image (the original, or a CDN variant in `transform`): through the edge's signed
 * download link when it has one, else by fetching the bytes (`saveImageFile`). Resolves to the
 * file's name and the way taken (a followed link is saved by the browser, after this returns);
 * throws a `ShownError` when it cannot.
 */
export async function downloadImage(
  client: DownloadClient,
  image: { _id: string; prompt?: string; format?: string },
  transform: ImageTransform = {},
): Promise<{ name: string; via: "link" | "fetch" }> {
  if (client.downloadUrl) {
    let link: { url: string } | null | undefined;
    try {
      link = await client.downloadUrl(image._id, transform);
    } catch (error) {
      if (error instanceof ShownError) throw error;
      if (!(error instanceof DownloadUnsupportedError))
        throw new ShownError(msg("The image could not be downloaded. Try again."));
    }
    if (link === null) throw new ShownError(msg("This image is not available."));
    if (link) {
      downloadNavigation.follow(link.url);
      return { name: defaultDownloadName(image._id, transform.f, image.format ?? "png"), via: "link" };
    }
  }
  return { name: await fetchAndSave(client, image, transform), via: "fetch" };
}

async function fetchAndSave(
  client: DownloadClient,
  image: { _id: string; prompt?: string },
  transform: ImageTransform,
): Promise<string> {
  let signed: { url: string } | null;
  try {
    signed = await client.signedUrl(image._id, transform);
  } catch {
    throw new ShownError(msg("The image could not be downloaded. Try again."));
  }
  if (!signed) throw new ShownError(msg("This image is not available."));
  return saveImageFile(signed.url, image);
}
