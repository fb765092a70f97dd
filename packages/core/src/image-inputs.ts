/**
 * Images as input to a generation (issue 16): which operations exist, the limits an uploaded file
 * must meet (checked from its bytes by the edge API), the `input` field of a generation request,
 * and the rules tying that field to what a model supports. Written once here so the edge API,
 * Convex, the REST schema and the elements' prompt box agree.
 */
import * as z from "zod/mini";
import type { FieldIssue } from "./errors";

/** What a model can do with an input image. */
export const IMAGE_OPERATIONS = ["img2img", "variations", "inpaint", "upscale", "remove-background"] as const;
export type ImageOperation = (typeof IMAGE_OPERATIONS)[number];

/** Operations whose result follows from the image alone, so the prompt may be left empty. */
export const PROMPT_OPTIONAL_OPERATIONS: readonly ImageOperation[] = ["variations", "upscale", "remove-background"];

/** Upscaling factors. */
export const UPSCALE_FACTORS = [2, 4] as const;
export type UpscaleFactor = (typeof UPSCALE_FACTORS)[number];

/** An uploaded file is a picture to work from or a mask (white = repaint, black = keep). */
export const INPUT_KINDS = ["image", "mask"] as const;
export type InputKind = (typeof INPUT_KINDS)[number];

export const INPUT_FORMATS = ["png", "jpeg", "webp"] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];

export const IMAGE_INPUT_LIMITS = {
  /** Bytes of one uploaded file (the seed's figure). */
  maxBytes: 50 * 1024 * 1024,
  /**
   * Width × height, read from the file's header before anything is decoded: a small file may
   * declare a huge image (a decompression bomb), which would take gigabytes once decoded.
   */
  maxPixels: 40_000_000,
  formats: INPUT_FORMATS,
  /** Pixels of an upscale's result (×4 of a 2048² source is 8192²). */
  maxUpscaledPixels: 8192 * 8192,
} as const;

/** Ids are Convex document ids: short, URL-safe text. */
const idSchema = (label: string) =>
  z
    .string(`${label} must be text`)
    .check(z.minLength(1, `${label} must not be empty`), z.maxLength(64, `${label} is too long`));

/** Longest image URL taken (a signed CDN URL with a transform is a few hundred characters). */
export const IMAGE_URL_MAX_LENGTH = 2048;

/** `http(s)://host…` without spaces: the shape only (core runs where `URL` may not be typed); Convex parses it. */
const HTTP_URL = /^https?:\/\/[^\s/?#]+[^\s]*$/i;
const isHttpUrl = (value: string) => HTTP_URL.test(value);

/**
 * A URL of one of the caller's Pixorly images: the signed URL the edge API issues, or a public
 * image's share link (its unsigned URL). Only its shape is checked here; the backend checks that it
 * is Pixorly's CDN and the caller's own image, and works from the original (a transform is ignored).
 */
const imageUrlSchema = z
  .string("Image URL must be text")
  .check(
    z.minLength(1, "Image URL must not be empty"),
    z.maxLength(IMAGE_URL_MAX_LENGTH, `Image URL must be at most ${IMAGE_URL_MAX_LENGTH} characters`),
    z.refine(isHttpUrl, "Image URL must be an http(s) URL"),
    z.describe(
      "The URL of one of your Pixorly images instead of imageId: an image's `url` from the REST API or POST /v1/images/urls (signed), or a public image's share link. The original image is used; transform parameters are ignored.",
    ),
  );

/**
 * The `input` field of a generation request: one source (a library image, given by id or by its Pixorly URL, or an uploaded input),
 * the operation, and the operation's own settings. Exactly one of `imageId` / `imageUrl` / `inputId`;
 * `maskInputId` only for inpaint (where it is required); `scale` only for upscale (required there);
 * `strength` (how far the result may move from the source, 0–1) only for img2img and variations.
 */
export const generationInputSchema = z
  .strictObject({
    operation: z.enum(IMAGE_OPERATIONS, `Operation must be one of ${IMAGE_OPERATIONS.join(", ")}`),
    imageId: z.optional(idSchema("Image id")),
    inputId: z.optional(idSchema("Input id")),
    imageUrl: z.optional(imageUrlSchema),
    maskInputId: z.optional(idSchema("Mask input id")),
    strength: z.optional(
      z
        .number("Strength must be a number")
        .check(z.gte(0, "Strength must be at least 0"), z.lte(1, "Strength must be at most 1")),
    ),
    scale: z.optional(
      z.union([z.literal(2), z.literal(4)], { error: `Scale must be one of ${UPSCALE_FACTORS.join(", ")}` }),
    ),
  })
  .check(
    z.superRefine((input, ctx) => {
      for (const issue of inputShapeIssues(input)) {
        const path = issue.field.split(".").slice(1);
        ctx.addIssue({ code: "custom", path, message: issue.message });
      }
    }),
  );
export type GenerationInput = z.output<typeof generationInputSchema>;

/** The rules between the input's fields, as field issues under `input.` (used by the schema and the form). */
export function inputShapeIssues(input: Partial<GenerationInput>): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const add = (field: string, message: string) => issues.push({ field: `input.${field}`, message });
  const sources = [input.imageId, input.inputId, input.imageUrl].filter((source) => source !== undefined).length;
  if (sources !== 1)
    add(
      "imageId",
      "Give exactly one of imageId (a library image), imageUrl (a Pixorly image URL) or inputId (an uploaded file)",
    );
  if (input.operation === "inpaint" && input.maskInputId === undefined)
    add("maskInputId", "Inpainting needs a mask (maskInputId)");
  if (input.operation !== "inpaint" && input.maskInputId !== undefined)
    add("maskInputId", "A mask is only used for inpainting");
  if (input.operation === "upscale" && input.scale === undefined) add("scale", "Upscaling needs a scale (2 or 4)");
  if (input.operation !== "upscale" && input.scale !== undefined) add("scale", "A scale is only used for upscaling");
  if (input.strength !== undefined && input.operation !== "img2img" && input.operation !== "variations")
    add("strength", "Strength is only used for img2img and variations");
  return issues;
}

/** What a model accepts as input images; absent from a model = text-to-image only. */
export const imageInputCapabilitySchema = z.object({
  operations: z.array(z.enum(IMAGE_OPERATIONS)).check(z.minLength(1)),
  /** Input images one request may carry (the mask not counted). */
  maxImages: z.int().check(z.gte(1)),
  /** The strength range for img2img/variations, when the model takes one. */
  strength: z.optional(
    z.object({ min: z.number().check(z.gte(0)), max: z.number().check(z.lte(1)), default: z.optional(z.number()) }),
  ),
  /** The model only works on an input (an upscaler, a background remover): a request without one is refused. */
  required: z.optional(z.boolean()),
  /** Upscaling factors, for models with "upscale". */
  scales: z.optional(z.array(z.union([z.literal(2), z.literal(4)])).check(z.minLength(1))),
});
export type ImageInputCapability = z.infer<typeof imageInputCapabilitySchema>;

/** What `POST /v1/inputs` and `POST /api/v1/inputs` answer (201). */
export const uploadedInputSchema = z.object({
  inputId: z.string(),
  kind: z.enum(INPUT_KINDS),
  width: z.int(),
  height: z.int(),
  format: z.enum(INPUT_FORMATS),
  /** Bytes stored (after orientation and metadata stripping), counted in the account's storage. */
  bytes: z.int(),
});
export type UploadedInput = z.infer<typeof uploadedInputSchema>;

/** An output's inputs, kept on the image (`images.lineage`). */
export const imageLineageSchema = z.object({
  operation: z.enum(IMAGE_OPERATIONS),
  sourceImageId: z.optional(z.string()),
  inputId: z.optional(z.string()),
  maskInputId: z.optional(z.string()),
});
export type ImageLineage = z.infer<typeof imageLineageSchema>;

/**
 * The input checked against a model's capability: the operation must be one it supports, the
 * scale one of its scales, the strength within its range. Field names start with `input.`.
 */
export function inputCapabilityIssues(
  input: Partial<GenerationInput>,
  model: { name: string; supports: { imageInput?: ImageInputCapability } },
): FieldIssue[] {
  const capability = model.supports.imageInput;
  if (!capability) return [{ field: "input", message: `${model.name} does not take input images` }];
  if (input.operation === undefined || !capability.operations.includes(input.operation)) {
    return [
      {
        field: "input.operation",
        message: `${model.name} supports ${capability.operations.join(", ")}, not ${String(input.operation)}`,
      },
    ];
  }
  const issues: FieldIssue[] = [];
  if (input.scale !== undefined && capability.scales && !capability.scales.includes(input.scale)) {
    issues.push({ field: "input.scale", message: `${model.name} upscales by ${capability.scales.join(" or ")}` });
  }
  const range = capability.strength;
  if (input.strength !== undefined && range && (input.strength < range.min || input.strength > range.max)) {
    issues.push({
      field: "input.strength",
      message: `Strength must be from ${range.min} to ${range.max} for ${model.name}`,
    });
  }
  return issues;
}
