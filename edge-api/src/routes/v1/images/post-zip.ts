/**
 * `POST /v1/images/zip`: a signed, 5-minute link to a ZIP of the caller's images. Ownership is
 * decided by Convex with the caller's own token (`images:delivery`, as for `POST /v1/images/urls`);
 * unlike there, an id the caller may not read is not left out but refuses the whole request (404):
 * an archive silently missing images is worse than an error. The link carries the checked
 * selection (`zip-link.ts`); `GET /v1/images/zip` serves it.
 */
import { createRoute } from "@hono/zod-openapi";
import { snapTransform } from "../../../cdn/cost";
import type { AppServices } from "../../../lib/context";
import { ApiError } from "../../../lib/errors";
import { errorResponses, SECURITY, type Router } from "../../../lib/openapi";
import { requireScope, requireUserToken } from "../../../middleware/auth";
import { idsOf } from "../../../lib/convex-api";
import { imagesDelivery } from "./post-urls";
import { ImageZipRequestSchema, ImageZipResponseSchema } from "./schema";
import { signZipUrl, ZIP_ROUTE, ZIP_URL_TTL_SECONDS, zipFilename } from "./zip-link";

export function registerPostImageZip(router: Router, services: AppServices) {
  const { config, deps } = services;
  const route = createRoute({
    method: "post",
    path: ZIP_ROUTE,
    tags: ["Images"],
    summary: "A download link for a ZIP of the caller's images",
    description:
      "Checks with Convex, using the caller's own token, that every id is the caller's image, and returns a signed link " +
      `(valid ${ZIP_URL_TTL_SECONDS / 60} minutes, no token needed to follow it) that streams a ZIP with one entry per image, ` +
      "in the chosen size and format. Any id the caller may not read answers 404 for the whole request.",
    security: [{ [SECURITY.userToken]: [] }],
    middleware: [requireUserToken(services, { browser: true }), requireScope("images:read")] as const,
    request: { body: { required: true, content: { "application/json": { schema: ImageZipRequestSchema } } } },
    responses: {
      200: { description: "The signed link.", content: { "application/json": { schema: ImageZipResponseSchema } } },
      ...errorResponses(400, 401, 403, 404, 500),
    },
  });

  router.openapi(route, async (c) => {
    const { ids, transform = {} } = c.req.valid("json");
    const unique = [...new Set(ids)];
    const images = await services.convex
      .convexAs(c.get("token"))
      .mutation(imagesDelivery, { ids: idsOf("images", unique) });
    const byId = new Map<string, (typeof images)[number]>(images.map((image) => [image.id, image]));
    const missing = unique.find((id) => !byId.has(id));
    if (missing !== undefined) throw new ApiError("NOT_FOUND", `Image ${missing} was not found.`);
    // Outside local mode the configuration cannot lack the key (`loadConfig`); offline it may.
    if (!services.imageSigner)
      throw new Error("Signing ZIP links needs CLOUDFRONT_KEY_PAIR_ID and CLOUDFRONT_PRIVATE_KEY.");
    const selection = {
      images: unique.map((id) => ({ id, s3Key: byId.get(id)!.s3Key })),
      transform: snapTransform(transform),
    };
    const { url, expiresAt } = await signZipUrl(config.publicUrl, services.imageSigner, selection, deps.now());
    return c.json({ url, expiresAt, filename: zipFilename(unique.length) }, 200);
  });
}
