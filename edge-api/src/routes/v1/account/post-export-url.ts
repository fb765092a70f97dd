/**
 * `POST /v1/account/exports/{id}/url`: a signed, 5-minute download link for one of the caller's
 * ready data exports. Convex decides, with the caller's own token, whether the export is theirs
 * and ready (`account:exportDownload`, first-party sessions only); anything else is a 404.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { api } from "../../../lib/convex-api";
import type { AppServices } from "../../../lib/context";
import { ApiError } from "../../../lib/errors";
import { errorResponses, SECURITY, type Router } from "../../../lib/openapi";
import { requireUserToken } from "../../../middleware/auth";
import { EXPORT_URL_TTL_SECONDS, signExportUrl } from "./export-link";

/** User query (backend): the caller's ready export's object, or null. */
export const exportDownload = api.account.exportDownload;

const ExportUrlResponseSchema = z
  .object({
    url: z
      .string()
      .url()
      .openapi({ description: "Signed `GET /v1/account/exports/download` URL (no token needed to follow it)." }),
    expiresAt: z
      .number()
      .int()
      .openapi({ description: "Milliseconds since the Unix epoch; the URL answers 403 from then on (5 minutes)." }),
    filename: z.string().openapi({
      description: "The archive's file name, as the download saves it.",
      example: "pixorly-export-2026-12-03.zip",
    }),
    size: z.number().int().openapi({ description: "The archive's size in bytes." }),
  })
  .openapi("ExportUrlResponse");

export function registerPostExportUrl(router: Router, services: AppServices) {
  const { config, deps } = services;
  const route = createRoute({
    method: "post",
    path: "/exports/{id}/url",
    tags: ["Account"],
    summary: "A download link for one of the caller's data exports",
    description:
      `Checks with Convex, using the caller's own token, that the export is the caller's and ready, and returns a signed link (valid ${EXPORT_URL_TTL_SECONDS / 60} minutes) ` +
      "that downloads the ZIP. First-party sessions only: partners' embed sessions and API keys are refused.",
    security: [{ [SECURITY.userToken]: [] }],
    middleware: [requireUserToken(services, { browser: true })] as const,
    request: {
      params: z.object({
        id: z.string().min(1).max(64).openapi({ description: "The export's id (`account:exports`)." }),
      }),
    },
    responses: {
      200: { description: "The signed link.", content: { "application/json": { schema: ExportUrlResponseSchema } } },
      ...errorResponses(401, 403, 404, 500),
    },
  });

  router.openapi(route, async (c) => {
    const { id } = c.req.valid("param");
    const object = await services.convex.convexAs(c.get("token")).query(exportDownload, { exportId: id });
    if (!object) throw new ApiError("NOT_FOUND", "Export not found, or not ready yet.");
    // Outside local mode the configuration cannot lack the key (`loadConfig`); offline it may.
    if (!services.imageSigner)
      throw new Error("Signing export links needs CLOUDFRONT_KEY_PAIR_ID and CLOUDFRONT_PRIVATE_KEY.");
    const { url, expiresAt } = await signExportUrl(config.publicUrl, services.imageSigner, object, deps.now());
    return c.json({ url, expiresAt, filename: object.filename, size: object.size }, 200);
  });
}
