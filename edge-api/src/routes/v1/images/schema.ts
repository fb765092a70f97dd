import { z } from "@hono/zod-openapi";
import { MAX_IDS_PER_CALL } from "@pixorly/core";
import { DownloadFilenameSchema, MAX_DOWNLOAD_FILENAME_LENGTH } from "../../../cdn/download";
import { transformParamsSchema } from "../../../cdn/transform-params";

/** Most ids one request may ask for: core's limit, which Convex's `images:delivery` applies too. */
export const MAX_URL_IDS = MAX_IDS_PER_CALL;

export const ImageTransformSchema = transformParamsSchema.openapi("ImageTransform", {
  description: "Resize and/or convert; the signature covers these parameters, so each variant has its own URL.",
  example: { w: 512, h: 512, f: "auto", q: 80, fit: "cover" },
});

export const ImageUrlsRequestSchema = z
  .strictObject({
    ids: z
      .array(z.string().min(1).max(64))
      .min(1)
      .max(MAX_URL_IDS)
      .openapi({
        description: `Image ids (1–${MAX_URL_IDS}). Ids the caller may not read are left out of the answer.`,
        example: ["k57a9m3h0w7sx4nqf1tpe2d6bd7ckq3m"],
      }),
    transform: ImageTransformSchema.optional(),
    download: z
      .union([
        z.literal(true),
        z.strictObject({
          filename: DownloadFilenameSchema.optional().openapi({
            description:
              `The saved file's name (1–${MAX_DOWNLOAD_FILENAME_LENGTH} characters, no \`/\`, \`\\\` or control characters). ` +
              "An image extension is replaced by the served format's; default `pixorly-<id>`.",
            example: "sunset-over-the-bay",
          }),
        }),
      ])
      .optional()
      .openapi({
        description:
          "Download URLs: each URL answers with `Content-Disposition: attachment` (the browser saves the file) with the extension of " +
          "the format served (`f=auto`: the negotiated one). The name is inside the signature, so download URLs are always signed, " +
          "public images included. With several ids and one `filename`, each file is `<filename>-<id>`.",
        example: { filename: "sunset-over-the-bay" },
      }),
  })
  .openapi("ImageUrlsRequest");

export const ImageUrlSchema = z
  .object({
    id: z.string(),
    url: z.string().url().openapi({
      description:
        "CloudFront-signed URL (canned policy over the whole URL) for a private image; a stable unsigned URL for a public one.",
      example:
        "https://api.pixorly.com/cdn/images/u/j/0.png?w=512&Expires=1767225600&Key-Pair-Id=K2JCJMDEHXQW5F&Signature=…",
    }),
    expiresAt: z.number().int().openapi({
      description:
        "Milliseconds since the Unix epoch: a signed URL stops working then; a public URL does not, but ask again by then.",
      example: 1767225600000,
    }),
  })
  .openapi("ImageUrl");

export const ImageUrlsResponseSchema = z.object({ urls: z.array(ImageUrlSchema) }).openapi("ImageUrlsResponse");

export const ImageZipRequestSchema = z
  .strictObject({
    ids: z
      .array(z.string().min(1).max(64))
      .min(1)
      .max(MAX_URL_IDS)
      .openapi({
        description: `Image ids (1–${MAX_URL_IDS}), each the caller's own; any other id (someone else's, unknown, malformed) answers 404 for the whole request.`,
        example: ["k57a9m3h0w7sx4nqf1tpe2d6bd7ckq3m", "k57b2x8d1c9vq0m4r6yte3n5hw7cks2p"],
      }),
    transform: ImageTransformSchema.optional(),
  })
  .openapi("ImageZipRequest");

export const ImageZipResponseSchema = z
  .object({
    url: z.string().url().openapi({
      description:
        "Signed `GET /v1/images/zip` URL (no token needed to follow it): streams `application/zip`, one entry `pixorly-<id>.<ext>` per image.",
      example:
        "https://api.pixorly.com/v1/images/zip?s=eNpt…&Expires=1767225600&Key-Pair-Id=K2JCJMDEHXQW5F&Signature=…",
    }),
    expiresAt: z.number().int().openapi({
      description: "Milliseconds since the Unix epoch; the URL answers 403 from then on (5 minutes).",
      example: 1767225600000,
    }),
    filename: z
      .string()
      .openapi({ description: "The archive's file name, as the download saves it.", example: "pixorly-2-images.zip" }),
  })
  .openapi("ImageZipResponse");
