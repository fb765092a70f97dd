/**
 * A generation input given as a Pixorly image URL (issue 16: "a URL the user owns in Pixorly")
 * turned into the library image it names, before anything is checked against or charged to the
 * account. Every URL the edge API hands out for an image — signed, public (the share link) or a
 * download — is `<CDN base>/<s3Key>?…`, and image keys are `images/<userId>/<jobId>/<n>.<ext>`
 * (`s3.ts`), so the key is read from the path and looked up by its index; the query (signature,
 * transform) is ignored, since the caller's identity, not the signature, is what grants the image.
 * The CDN base is `PIXORLY_CDN_BASE_URL` (the edge API's `CDN_BASE_URL`), and the edge API's own
 * `/cdn` route (`PIXORLY_EDGE_ISSUER` + `/cdn`, its default) is always accepted too.
 */
import type { GenerationInput } from "@pixorly/core";
import type { Doc } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";
import { fail } from "./errors";

const FIELD = "input.imageUrl";

/** The URL prefixes (origin + path, no trailing slash) images are delivered under. */
export function imageUrlBases(env: Record<string, string | undefined> = process.env): string[] {
  const bases = [env.PIXORLY_CDN_BASE_URL, env.PIXORLY_EDGE_ISSUER ? `${env.PIXORLY_EDGE_ISSUER}/cdn` : undefined];
  const normalized = bases.flatMap((base) => {
    if (!base || !URL.canParse(base)) return [];
    const url = new URL(base);
    return [`${url.origin}${url.pathname.replace(/\/+$/, "")}`];
  });
  return [...new Set(normalized)];
}

export type ImageUrlKey = { ok: true; s3Key: string; userId: string } | { ok: false; message: string };

/** The object key an image URL names, or why the URL is not one of Pixorly's image URLs. */
export function imageKeyOfUrl(raw: string, bases: string[]): ImageUrlKey {
  if (!URL.canParse(raw)) return { ok: false, message: "Not a valid URL" };
  const url = new URL(raw);
  if (url.protocol !== "https:" && url.protocol !== "http:") return { ok: false, message: "Must be an http(s) URL" };
  if (url.username || url.password) return { ok: false, message: "A Pixorly image URL carries no credentials" };
  const base = bases.find((b) => `${url.origin}${url.pathname}`.startsWith(`${b}/`));
  if (!base) {
    const hosts = bases.map((b) => new URL(b).host).join(" or ");
    return {
      ok: false,
      message: hosts
        ? `Only Pixorly image URLs (${hosts}) are accepted, not ${url.host}`
        : "Pixorly image URLs are not accepted here (no CDN base is configured)",
    };
  }
  const segments = `${url.origin}${url.pathname}`.slice(base.length + 1).split("/");
  let decoded: string[];
  try {
    decoded = segments.map((segment) => decodeURIComponent(segment));
  } catch {
    return { ok: false, message: "The URL's path is not validly encoded" };
  }
  const [folder, userId, jobId, file] = decoded;
  if (decoded.length !== 4 || folder !== "images" || !userId || !jobId || !/^\d+\.(png|jpeg|jpg|webp)$/.test(file!))
    return { ok: false, message: "This Pixorly URL does not point to an image" };
  return { ok: true, s3Key: decoded.join("/"), userId };
}

/** The caller's image `url` names; INVALID_ARGUMENT on `input.imageUrl` otherwise. */
export async function imageFromUrl(ctx: QueryCtx, user: Doc<"users">, url: string): Promise<Doc<"images">> {
  const key = imageKeyOfUrl(url, imageUrlBases());
  if (!key.ok) return refuse(key.message);
  // The owner is part of the URL itself, so saying so tells the caller nothing the URL does not.
  if (key.userId !== user._id) return refuse("This image belongs to another account; only your own images can be used");
  const image = await ctx.db
    .query("images")
    .withIndex("by_s3_key", (q) => q.eq("s3Key", key.s3Key))
    .first();
  if (!image || image.userId !== user._id) return refuse("No image of yours is at this URL (it may have been deleted)");
  return image;
}

function refuse(message: string): never {
  return fail("INVALID_ARGUMENT", `${FIELD}: ${message}`, [{ field: FIELD, message }]);
}

/** `input` with an `imageUrl` replaced by the `imageId` it names (others unchanged). */
export async function withImageIdFromUrl(
  ctx: QueryCtx,
  user: Doc<"users">,
  input: GenerationInput,
): Promise<GenerationInput> {
  if (input.imageUrl === undefined) return input;
  const { imageUrl, ...rest } = input;
  const image = await imageFromUrl(ctx, user, imageUrl);
  return { ...rest, imageId: image._id };
}
