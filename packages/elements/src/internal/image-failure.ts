/**
 * Why an image could not load. `<img>` only says "error"; asking the same URL with `fetch` gets the
 * status the CDN answered, which tells an expired signature (403 "…expired…") from a URL not signed
 * for this page or key (other 403s), a deleted image (404/410) and a CDN that cannot be reached
 * (network error, 5xx). `signed-urls.ts` sorts failures of the edge API's URL call the same way.
 */
import { msg } from "../i18n/localize.js";

export type ImageFailureReason =
  /** The signed URL had expired. */
  | "expired"
  /** The CDN refused the URL: not signed for this origin, or by a key it does not know. */
  | "forbidden"
  /** The image is gone. */
  | "gone"
  /** The CDN could not be reached (network error, 5xx), or refused this origin by CORS. */
  | "unreachable"
  /** The edge API (`api-url`) could not be reached or is not Pixorly's. */
  | "api-unreachable"
  /** The edge API refused this page's origin. */
  | "origin"
  /** Nothing more is known (the URL loads when asked again, or answered something else). */
  | "unknown";

/** Asks `url` again to learn why an `<img>` could not load it. */
export async function probeImageUrl(
  url: string,
  fetchFn: typeof fetch = (input, init) => fetch(input, init),
): Promise<ImageFailureReason> {
  if (!/^https?:/i.test(url)) return "unknown";
  let response: Response;
  try {
    response = await fetchFn(url, { cache: "no-store", credentials: "omit" });
  } catch {
    return "unreachable";
  }
  if (response.status === 403) {
    const text = await response.text().catch(() => "");
    return /expired/i.test(text) ? "expired" : "forbidden";
  }
  if (response.status === 404 || response.status === 410) return "gone";
  if (response.status >= 500) return "unreachable";
  return "unknown";
}

/** The short note on the image, for visitors. */
export function imageFailureNote(reason: ImageFailureReason): string {
  switch (reason) {
    case "expired":
      return msg("Image link expired");
    case "forbidden":
    case "origin":
      return msg("Image not allowed on this site");
    case "gone":
      return msg("Image was deleted");
    case "unreachable":
    case "api-unreachable":
      return msg("Image server unreachable");
    case "unknown":
      return msg("Image could not load");
  }
}

/** What the page's developer is told (`pixorly-error`, the console), with the `pixorly-error` code. */
export function imageFailureReport(reason: ImageFailureReason, imageId: string): { code: string; message: string } {
  switch (reason) {
    case "api-unreachable":
      return {
        code: "API_UNREACHABLE",
        message:
          "The Pixorly edge API (api-url) cannot be reached, or did not answer as the Pixorly API: check the api-url attribute.",
      };
    case "origin":
      return {
        code: "ORIGIN_MISMATCH",
        message: `The Pixorly edge API refused this page's origin (${location.origin}): the embed token names another origin, or the origin is not registered for the partner account.`,
      };
    case "expired":
      return {
        code: "IMAGE_UNAVAILABLE",
        message: `Image ${imageId}: its signed URL had expired, and so had a fresh one. Check the clocks of this device and of the edge API.`,
      };
    case "forbidden":
      return {
        code: "IMAGE_UNAVAILABLE",
        message: `Image ${imageId}: the CDN refused its URL (403), also after a fresh one: it is not signed for this origin or with a key the CDN knows.`,
      };
    case "gone":
      return { code: "IMAGE_UNAVAILABLE", message: `Image ${imageId}: the CDN answered 404; the image was deleted.` };
    case "unreachable":
      return {
        code: "IMAGE_UNAVAILABLE",
        message: `Image ${imageId}: the CDN could not be reached (network error, 5xx or CORS refused this origin).`,
      };
    case "unknown":
      return {
        code: "IMAGE_UNAVAILABLE",
        message: `Image ${imageId} could not be loaded, also after one retry with a fresh URL.`,
      };
  }
}
