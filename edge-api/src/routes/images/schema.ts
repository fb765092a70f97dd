import { z } from "@hono/zod-openapi";
import { transformParamsSchema } from "../../cdn/transform-params";

/** Most ids one request may ask for (Convex's `images:delivery` takes the same). */
export const MAX_URL_IDS = 100;

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
      .openapi({ description: `Image ids (1–${MAX_URL_IDS}). Ids the caller may not read are left out of the answer.`, example: ["k57a9m3h0w7sx4nqf1tpe2d6bd7ckq3m"] }),
    transform: ImageTransformSchema.optional(),
  })
  .openapi("ImageUrlsRequest");

export const ImageUrlSchema = z
  .object({
    id: z.string(),
    url: z.string().url().openapi({
      description: "CloudFront-signed URL (canned policy over the whole URL) for a private image; a stable unsigned URL for a public one.",
      example: "https://api.pixorly.com/cdn/images/u/j/0.png?w=512&Expires=1767225600&Key-Pair-Id=K2JCJMDEHXQW5F&Signature=…",
    }),
    expiresAt: z.number().int().openapi({
      description: "Milliseconds since the Unix epoch: a signed URL stops working then; a public URL does not, but ask again by then.",
      example: 1767225600000,
    }),
  })
  .openapi("ImageUrl");

export const ImageUrlsResponseSchema = z.object({ urls: z.array(ImageUrlSchema) }).openapi("ImageUrlsResponse");
