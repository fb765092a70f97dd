import { createRoute } from "@hono/zod-openapi";
import { api, idsOf } from "../../../lib/convex-api";
import { downloadBaseName, MAX_DOWNLOAD_FILENAME_LENGTH } from "../../../cdn/download";
import { imageUrlFor } from "../../../cdn/image-url";
import type { AppServices } from "../../../lib/context";
import { errorResponses, SECURITY, type Router } from "../../../lib/openapi";
import { requireScope, requireUserToken } from "../../../middleware/auth";
import { ImageUrlsRequestSchema, ImageUrlsResponseSchema } from "./schema";

/** User mutation (backend): the caller's own images among `ids` (foreign or malformed ids are absent); records that they were opened. */
export const imagesDelivery = api.images.delivery;

export function registerPostImageUrls(router: Router, services: AppServices) {
  const { config, deps } = services;
  const route = createRoute({
    method: "post",
    path: "/urls",
    tags: ["Images"],
    summary: "Signed delivery URLs for the caller's images",
    description:
      "Asks Convex, with the caller's own token, which of `ids` the caller may read, and returns a URL for each: " +
      "CloudFront-signed (transform included) for private images, valid 60–65 minutes (the expiry is rounded up to " +
      "5 minutes so a URL stays the same that long), stable and unsigned for public ones. With `download`, every URL is " +
      "signed and answers with `Content-Disposition: attachment` (a file name with the served format's extension).",
    security: [{ [SECURITY.userToken]: [] }],
    middleware: [requireUserToken(services, { browser: true }), requireScope("images:read")] as const,
    request: { body: { required: true, content: { "application/json": { schema: ImageUrlsRequestSchema } } } },
    responses: {
      200: {
        description: "One URL per readable id, in request order.",
        content: { "application/json": { schema: ImageUrlsResponseSchema } },
      },
      ...errorResponses(400, 401, 403, 500),
    },
  });

  router.openapi(route, async (c) => {
    const { ids, transform, download } = c.req.valid("json");
    const images = await services.convex
      .convexAs(c.get("token"))
      .mutation(imagesDelivery, { ids: idsOf("images", ids) });
    const settings = { cdnBaseUrl: config.cdnBaseUrl, signer: services.imageSigner, now: deps.now() };
    const byId = new Map<string, (typeof images)[number]>(images.map((image) => [image.id, image]));
    const readable = [...new Set(ids)].flatMap((id) => {
      const image = byId.get(id);
      return image ? [{ id, image }] : [];
    });
    const nameOf = downloadNamer(download, readable.length);
    const urls = await Promise.all(
      readable.map(async ({ id, image }) => ({
        id,
        ...(await imageUrlFor(
          { s3Key: image.s3Key, isPublic: image.isPublic, transform, download: nameOf(id) },
          settings,
        )),
      })),
    );
    return c.json({ urls }, 200);
  });
}

/**
 * The saved file's base name per id: `pixorly-<id>` by default; the caller's `filename` as is
 * for one image, with `-<id>` appended (the name shortened to keep the limit) for several, so
 * files saved from one answer never overwrite each other.
 */
function downloadNamer(
  download: true | { filename?: string } | undefined,
  count: number,
): (id: string) => string | undefined {
  if (download === undefined) return () => undefined;
  const filename = download === true ? undefined : download.filename;
  if (filename === undefined) return (id) => `pixorly-${id}`;
  const base = downloadBaseName(filename);
  if (count === 1) return () => base;
  return (id) => `${base.slice(0, MAX_DOWNLOAD_FILENAME_LENGTH - id.length - 1)}-${id}`;
}
