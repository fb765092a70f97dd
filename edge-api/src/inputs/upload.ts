/**
 * One upload, shared by `POST /v1/inputs` (the elements, a user token) and `POST /api/v1/inputs`
 * (REST, an API key's token): read the file (raw body or multipart field `file`), check and
 * re-encode it (`InputProcessor`), ask Convex as the caller whether they may store it and where
 * (`inputs:prepareUpload`), write the object, and register it with the service token
 * (`inputs:register`, which the caller cannot call), having announced the object first
 * (`inputs:expectUpload`). Every refusal comes before the write; an object whose registration fails
 * is deleted again, so nothing is stored on refusal — and if that delete fails too, or this process
 * stops half-way, the announcement lets Convex's hourly sweep delete the object.
 */
import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { INPUT_KINDS, IMAGE_INPUT_LIMITS, type InputKind, type UploadedInput } from "@pixorly/core";
import { api } from "../lib/convex-api";
import type { AppEnv, AppServices } from "../lib/context";
import { ApiError } from "../lib/errors";
import { InputRejection, type InputProcessor } from "./input-processor";
import { s3InputWriter, type InputObjectWriter } from "./object-writer";

declare module "../lib/context" {
  interface EdgeDeps {
    /** Checks and re-encodes uploads (sharp, Node only). Without it, uploads answer 501. */
    inputProcessor?: InputProcessor;
    /** Where uploads are written; default: S3 (or s3rver) from the configuration. */
    inputObjects?: InputObjectWriter;
  }
}

/** Multipart framing around the file: the body limit allows this much over the file limit. */
export const MULTIPART_ALLOWANCE = 64 * 1024;
const MB = 1024 * 1024;

export const InputKindQuerySchema = z.object({
  kind: z
    .enum(INPUT_KINDS)
    .optional()
    .openapi({ description: "`image` (default) or `mask` (stored as 8-bit grayscale PNG; white = repaint)." }),
});

export const UploadedInputSchema = z
  .object({
    inputId: z.string().openapi({ description: "Use as `input.inputId` (or `input.maskInputId`) in a generation." }),
    kind: z.enum(INPUT_KINDS),
    width: z.number().int().openapi({ description: "Pixels, after the EXIF orientation was applied." }),
    height: z.number().int(),
    format: z.enum(IMAGE_INPUT_LIMITS.formats),
    bytes: z.number().int().openapi({ description: "Bytes stored, counted in the account's storage." }),
  })
  .openapi("UploadedInput");

const binary = () => ({ type: "string" as const, format: "binary" });

/**
 * The OpenAPI request body: the file as is, or a form with `file`. Plain schema objects, not zod:
 * @hono/zod-openapi would otherwise validate (and refuse) every body that is not the form.
 */
export const uploadRequestBody = {
  required: true,
  description: `A PNG, JPEG or WebP image of at most ${IMAGE_INPUT_LIMITS.maxBytes / MB} MB and ${IMAGE_INPUT_LIMITS.maxPixels / 1e6} megapixels. Its type is read from its bytes; the declared Content-Type does not count.`,
  content: {
    "application/octet-stream": { schema: binary() },
    "image/png": { schema: binary() },
    "image/jpeg": { schema: binary() },
    "image/webp": { schema: binary() },
    "multipart/form-data": {
      schema: { type: "object" as const, properties: { file: binary() }, required: ["file"] },
    },
  },
};

const writers = new WeakMap<AppServices, InputObjectWriter>();
function inputWriter(services: AppServices): InputObjectWriter {
  let writer = services.deps.inputObjects ?? writers.get(services);
  if (!writer) {
    writer = s3InputWriter(services.config.s3);
    writers.set(services, writer);
  }
  return writer;
}

async function fileBytes(c: Context<AppEnv>): Promise<Uint8Array> {
  const type = c.req.header("Content-Type") ?? "";
  if (/^multipart\/form-data/i.test(type)) {
    const form = await c.req.parseBody();
    const file = form.file;
    if (!(file instanceof File))
      throw new ApiError("INVALID_ARGUMENT", "Send the image in the form field `file`.", {
        fields: [{ field: "file", message: "Required" }],
      });
    return new Uint8Array(await file.arrayBuffer());
  }
  return new Uint8Array(await c.req.arrayBuffer());
}

export async function uploadInput(c: Context<AppEnv>, services: AppServices, kind: InputKind): Promise<UploadedInput> {
  const processor = services.deps.inputProcessor;
  if (!processor)
    throw new ApiError("MODEL_UNAVAILABLE", "Uploads need the Node runtime of the edge API (sharp).", { status: 501 });
  const bytes = await fileBytes(c);
  let processed;
  try {
    processed = await processor(bytes, kind);
  } catch (error) {
    if (error instanceof InputRejection) throw new ApiError(error.code, error.message);
    throw error;
  }
  const { userId, folder } = await services.convex
    .convexAs(c.get("token"))
    .mutation(api.inputs.prepareUpload, { bytes: processed.body.byteLength });
  const writer = inputWriter(services);
  const s3Key = `${folder}${crypto.randomUUID()}.${processed.format}`;
  const service = await services.convex.asService();
  // Announced before the write, so an object this process never registers is swept (`inputs:sweepUploads`).
  await service.mutation(api.inputs.expectUpload, { userId, s3Bucket: writer.bucket, s3Key });
  await writer.put(s3Key, processed.body, processed.contentType);
  try {
    const inputId = await service.mutation(api.inputs.register, {
      userId,
      kind,
      s3Bucket: writer.bucket,
      s3Key,
      size: processed.body.byteLength,
      width: processed.width,
      height: processed.height,
      format: processed.format,
    });
    return {
      inputId,
      kind,
      width: processed.width,
      height: processed.height,
      format: processed.format,
      bytes: processed.body.byteLength,
    };
  } catch (error) {
    await writer.delete(s3Key).catch(() => undefined);
    throw error;
  }
}
