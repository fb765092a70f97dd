/**
 * Download URLs: a CDN URL with `download=<name>` in its query answers with
 * `Content-Disposition: attachment`, so a browser saves the image instead of showing it (the
 * HTML `download` attribute is ignored across origins, and the CDN is another origin).
 *
 * The parameter is part of the signed URL (the canned policy covers the whole query), so it can
 * be neither added to nor changed on a URL someone else was given. It carries the base name
 * only: the extension is added when the response is made, from the format actually served, so
 * `f=auto` saves `.avif`, `.webp` or `.jpg` as negotiated.
 */
import { z } from "@hono/zod-openapi";

export const DOWNLOAD_PARAM = "download";
export const MAX_DOWNLOAD_FILENAME_LENGTH = 200;

/** Path separators and control characters (C0, DEL, C1): never part of a saved file's name. */
const FORBIDDEN_FILENAME_CHARS = /[/\\\u0000-\u001f\u007f-\u009f]/;
/** An extension the CDN replaces with the served format's own. */
const IMAGE_EXTENSION = /\.(png|jpe?g|webp|avif|gif)$/i;

/** Why a file name is refused, or null when it may be used. */
export function filenameProblem(name: string): string | null {
  if (name.trim() === "") return "Must not be empty";
  if (name.length > MAX_DOWNLOAD_FILENAME_LENGTH) return `At most ${MAX_DOWNLOAD_FILENAME_LENGTH} characters`;
  if (FORBIDDEN_FILENAME_CHARS.test(name)) return "Must not contain / or \\ or control characters";
  if (/^\.+$/.test(downloadBaseName(name))) return "Must name a file, not . or ..";
  return null;
}

export const DownloadFilenameSchema = z.string().superRefine((name, ctx) => {
  const problem = filenameProblem(name);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

/** `name` without surrounding spaces and without an image extension (the served format's is added). */
export function downloadBaseName(name: string): string {
  return name.trim().replace(IMAGE_EXTENSION, "");
}

const EXTENSIONS: Readonly<Record<string, string>> = {
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/webp": "webp",
  "image/avif": "avif",
  "image/gif": "gif",
  // Data exports (`routes/account/get-export.ts`) are saved through the same header.
  "application/zip": "zip",
};

/** The file extension for an image content type (`jpg` for JPEG, as most tools save it). */
export function extensionFor(contentType: string): string {
  return EXTENSIONS[contentType] ?? "bin";
}

/**
 * `attachment; filename="…"; filename*=UTF-8''…` (RFC 6266): the quoted name is an ASCII
 * fallback (anything else, `"` and `\` become `_`), `filename*` carries the exact name in UTF-8.
 */
export function contentDisposition(baseName: string, contentType: string): string {
  const name = `${baseName}.${extensionFor(contentType)}`;
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, "_");
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
