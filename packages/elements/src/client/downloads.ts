/**
 * Download links from the edge API (see /work/notes/contracts.md "Downloads"): the signed
 * "attachment" variant of one image (`POST /v1/images/urls` with `download`) and a ZIP of a
 * selection (`POST /v1/images/zip`). Navigating to either saves a file under the name the
 * edge chose — the flag and the name are inside the signature, so unlike `<a download>` this
 * works across origins and cannot be bolted onto someone else's URL.
 *
 * Not batched or cached like view URLs: a download is one click, and its URL is short-lived.
 */
import { MAX_IDS_PER_CALL } from "@pixorly/core";
import { msg, str } from "../i18n/localize.js";
import { ShownError } from "../internal/shown-error.js";
import type { ImageTransform } from "./signed-urls.js";

export interface DownloadLink {
  url: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
  /** The file name the edge answers with (a ZIP's, or the default for one image). */
  filename: string;
}

/**
 * The edge API does not offer the download variant (an older deployment: it refuses the
 * `download` field or does not know the route). Callers fall back to fetching the bytes.
 */
export class DownloadUnsupportedError extends Error {}

export interface DownloadServiceOptions {
  apiUrl: string;
  getToken: () => Promise<string | null>;
  fetch?: typeof fetch;
}

/** Ids one ZIP may hold: core's per-call limit, which the edge API applies. */
export const MAX_ZIP_IDS = MAX_IDS_PER_CALL;

const EXTENSIONS: Record<string, string> = { jpeg: "jpg", jpg: "jpg", png: "png", webp: "webp", avif: "avif" };

/** The edge's default name for one image: `pixorly-<id>.<ext>` (ext of the chosen format, else of the original). */
export function defaultDownloadName(imageId: string, format: string | undefined, originalFormat: string): string {
  const chosen = format && format !== "auto" ? format : originalFormat;
  return `pixorly-${imageId}.${EXTENSIONS[chosen.toLowerCase()] ?? chosen.toLowerCase()}`;
}

export class DownloadService {
  private readonly fetchFn: typeof fetch;

  constructor(private readonly options: DownloadServiceOptions) {
    this.fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
  }

  /** A URL that saves one image (in `transform`'s size and format), or null when the caller may not read it. */
  async imageUrl(imageId: string, transform: ImageTransform = {}): Promise<{ url: string; expiresAt: number } | null> {
    const hasTransform = Object.keys(transform).length > 0;
    const response = await this.post("/v1/images/urls", {
      ids: [imageId],
      ...(hasTransform ? { transform } : {}),
      download: true,
    });
    if (response.status === 400 || response.status === 404 || response.status === 405) {
      // 400 from a deployment whose strict schema does not know `download`; 404/405 without the route.
      const body = await readBody(response);
      if (response.status !== 400 || /download/i.test(JSON.stringify(body ?? ""))) throw new DownloadUnsupportedError();
      throw new ShownError(messageOf(body) ?? msg("The image could not be downloaded. Try again."));
    }
    if (!response.ok)
      throw new ShownError(messageOf(await readBody(response)) ?? msg("The image could not be downloaded. Try again."));
    const body = (await readBody(response)) as { urls?: { id: string; url: string; expiresAt: number }[] } | null;
    const found = body?.urls?.find((entry) => entry.id === imageId);
    return found ? { url: found.url, expiresAt: Number(found.expiresAt) } : null;
  }

  /** A signed, short-lived URL of a ZIP of `ids` (1–100 of the caller's own images). */
  async zipUrl(ids: readonly string[], transform: ImageTransform = {}): Promise<DownloadLink> {
    if (ids.length === 0) throw new ShownError(msg("Select the images to download first."));
    if (ids.length > MAX_ZIP_IDS)
      throw new ShownError(msg(str`A ZIP holds at most ${MAX_ZIP_IDS} images; ${ids.length} are selected.`));
    const hasTransform = Object.keys(transform).length > 0;
    const response = await this.post("/v1/images/zip", { ids, ...(hasTransform ? { transform } : {}) });
    const body = await readBody(response);
    if (response.status === 404 && !messageOf(body)) throw new DownloadUnsupportedError();
    if (response.status === 404)
      throw new ShownError(msg("Some of these images no longer exist. Refresh and try again."));
    if (!response.ok) throw new ShownError(messageOf(body) ?? "The ZIP could not be made. Try again.");
    const link = body as Partial<DownloadLink> | null;
    if (!link || typeof link.url !== "string") throw new ShownError(msg("The ZIP could not be made. Try again."));
    return {
      url: link.url,
      expiresAt: Number(link.expiresAt ?? Date.now() + 300_000),
      filename: link.filename ?? `pixorly-${ids.length}-images.zip`,
    };
  }

  private async post(path: string, body: unknown): Promise<Response> {
    const token = await this.options.getToken();
    if (!token) throw new ShownError(msg("Sign in again to download."));
    try {
      return await this.fetchFn(`${this.options.apiUrl.replace(/\/$/, "")}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
    } catch {
      throw new ShownError(msg("Pixorly could not be reached. Check the connection and try again."));
    }
  }
}

async function readBody(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

/** The edge's error sentence (`{ code, message, requestId }`), written for people. */
function messageOf(body: unknown): string | undefined {
  const message = (body as { message?: unknown } | null)?.message;
  return typeof message === "string" && message ? message : undefined;
}
