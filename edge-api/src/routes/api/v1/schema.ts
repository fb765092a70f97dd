/**
 * Request and response schemas of the REST API v1. Generation inputs are packages/core's
 * schemas (the same rules Convex enforces), so a limit is written once.
 */
import { z } from "@hono/zod-openapi";
import {
  blankPromptIssues,
  comparisonRequestSchema,
  generationParametersSchema,
  generationRequestSchema,
  IMAGE_OPERATIONS,
  JOB_STATUSES,
  modelInfoSchema,
  PAGINATION_LIMITS,
} from "@pixorly/core";
import * as zm from "zod/mini";
import type { $ZodType } from "zod/v4/core";

export const epochMs = (description: string) =>
  z
    .number()
    .int()
    .openapi({ description: `${description} (milliseconds since the Unix epoch).`, example: 1767225600000 });

/**
 * Core's schemas are Zod Mini (so the elements' bundle stays small), which zod-to-openapi cannot
 * walk: it calls classic-only members (`.meta()`, `.minLength`, `.format`). So each one enters a
 * route inside a classic pipe that validates with core's schema unchanged (its messages, its
 * trimming) and is documented by zod's own JSON Schema of that same schema, so neither the rules
 * nor their documentation are written a second time here.
 */
function fromCore<T extends $ZodType>(schema: T) {
  const { $schema: _, ...jsonSchema } = z.toJSONSchema(schema, { io: "input" });
  return z
    .unknown()
    .pipe(schema)
    .openapi(jsonSchema as object);
}

/** What the REST API fills in for what a request leaves out: a square size every built-in model takes, one image. */
export const DEFAULT_GENERATION_PARAMETERS = { width: 1024, height: 1024, numImages: 1 } as const;

/** Core's parameters with the size optional too: REST callers may send only what they care about (`{ seed }`). */
const restParametersSchema = zm.extend(generationParametersSchema, {
  width: zm.optional(generationParametersSchema.shape.width).check(zm.describe("Pixels; 1024 when left out.")),
  height: zm.optional(generationParametersSchema.shape.height).check(zm.describe("Pixels; 1024 when left out.")),
});

/**
 * A core request schema as REST takes it: `parameters` optional field by field (the defaults above),
 * and the blank-prompt rule (core's prompt field allows blank — variations, upscales and background
 * removals need none — so the rule that ties it to `input.operation` runs here, with the other fields' problems).
 */
function restRequest<T extends typeof generationRequestSchema | typeof comparisonRequestSchema>(
  schema: T,
  parametersDescription: string,
) {
  return fromCore(
    zm
      .extend(schema, {
        parameters: zm.optional(restParametersSchema).check(zm.describe(parametersDescription)),
      })
      .check(
        zm.superRefine(
          (request, ctx) => {
            for (const issue of blankPromptIssues(request))
              ctx.addIssue({ code: "custom", path: ["prompt"], message: issue.message });
          },
          { when: () => true },
        ),
      ),
  );
}

export const GenerateRequestSchema = restRequest(
  generationRequestSchema,
  "Size and sampling; each field left out takes its default (1024×1024, one image).",
).openapi("GenerateRequest", {
  example: {
    prompt: "a lighthouse in fog, oil painting",
    model: "local/aurora",
    parameters: { width: 512, height: 512, numImages: 1 },
  },
});

export const CompareRequestSchema = restRequest(
  comparisonRequestSchema,
  "Size and sampling for every model; each field left out takes its default (1024×1024, one image).",
).openapi("CompareRequest", {
  example: {
    prompt: "a lighthouse in fog, oil painting",
    models: ["local/aurora", "local/mosaic"],
    parameters: { width: 512, height: 512 },
  },
});

export const GenerateHeadersSchema = z.object({
  "Idempotency-Key": fromCore(generationRequestSchema.shape.idempotencyKey.def.innerType)
    .optional()
    .openapi({
      param: { name: "Idempotency-Key", in: "header" },
      description:
        "Retrying with the same key returns the same job and charges once (same as the body's idempotencyKey).",
      example: "order-4711",
    }),
});

export const JobStatusSchema = z.enum(JOB_STATUSES).openapi("JobStatus");

export const GenerateResponseSchema = z
  .object({
    jobId: z.string(),
    status: JobStatusSchema,
    statusUrl: z.string().url().openapi({ description: "Poll this for progress and the images." }),
  })
  .openapi("GenerateResponse");

export const CompareResponseSchema = z
  .object({
    jobs: z
      .array(
        z.object({
          model: z.string(),
          jobId: z.string(),
          status: JobStatusSchema,
          statusUrl: z.string().url().openapi({ description: "Poll this for the model's progress and images." }),
        }),
      )
      .openapi({ description: "One job per model, in the order the models were given." }),
  })
  .openapi("CompareResponse");

export const JobIdParamsSchema = z.object({
  jobId: z
    .string()
    .min(1)
    .max(128)
    .openapi({ param: { name: "jobId", in: "path" }, example: "jd7f3k2m9x8q1w4e5r6t7y8u9i0o1p2a" }),
});

export const JobSchema = z
  .object({
    jobId: z.string(),
    status: JobStatusSchema,
    model: z.string(),
    prompt: z.string(),
    createdAt: epochMs("When the job was created"),
    startedAt: epochMs("When generation started").optional(),
    completedAt: epochMs("When the job ended").optional(),
    cost: z.number().int().optional().openapi({ description: "Credits charged (1 credit = $0.001), once completed." }),
    error: z.object({ code: z.string(), message: z.string() }).optional(),
    imageIds: z
      .array(z.string())
      .openapi({ description: "The images made; `GET /api/v1/status/{jobId}` gives their URLs." }),
  })
  .openapi("Job");

export const JobStatusResponseSchema = JobSchema.omit({ imageIds: true })
  .extend({
    queuePosition: z
      .number()
      .int()
      .optional()
      .openapi({ description: "For a pending job: its place in the queue (1 = next)." }),
    images: z.array(
      z.object({
        id: z.string(),
        width: z.number().int().optional().openapi({ description: "Present when the key holds `images:read`." }),
        height: z.number().int().optional().openapi({ description: "Present when the key holds `images:read`." }),
        url: z.string().url().optional().openapi({
          description: "Signed CDN URL (unsigned for public images); present when the key holds `images:read`.",
        }),
        expiresAt: epochMs("When the signed URL stops working; present with `url`").optional(),
      }),
    ),
  })
  .openapi("JobStatusResponse");

export const ImageSchema = z
  .object({
    id: z.string(),
    jobId: z.string(),
    model: z.string(),
    prompt: z.string(),
    width: z.number().int(),
    height: z.number().int(),
    format: z.string().openapi({ example: "png" }),
    size: z.number().int().openapi({ description: "Bytes." }),
    seed: z.number().int(),
    isPublic: z.boolean(),
    favorite: z.boolean(),
    tags: z.array(z.string()).openapi({ description: "Normalised (lower case, single spaces), at most 20." }),
    createdAt: epochMs("When the image was stored"),
    lineage: z
      .object({
        operation: z.enum(IMAGE_OPERATIONS),
        sourceImageId: z.string().optional().openapi({ description: "The library image it was made from." }),
        inputId: z.string().optional().openapi({ description: "The uploaded input it was made from." }),
        maskInputId: z.string().optional().openapi({ description: "The mask of an inpainting." }),
      })
      .optional()
      .openapi({ description: "What the image was made from; absent for text-to-image." }),
  })
  .openapi("Image");

export const ImageWithUrlSchema = ImageSchema.extend({
  url: z.string().url().openapi({ description: "Signed CDN URL (unsigned and stable for public images)." }),
  expiresAt: epochMs("When the signed URL stops working"),
}).openapi("ImageWithUrl");

/** `?cursor=&limit=` of every paged list. */
export const PageQuerySchema = z.object({
  cursor: z
    .string()
    .min(1)
    .max(2_000)
    .optional()
    .openapi({ description: "`nextCursor` of the previous page, unchanged; anything else is a 400 naming `cursor`." }),
  // Written plainly (`limit=50`): `z.coerce` would read "", " " and "0x10" as numbers.
  limit: z
    .string()
    .regex(/^[0-9]{1,4}$/, "Limit must be a whole number")
    .transform(Number)
    .pipe(
      z
        .number()
        .min(PAGINATION_LIMITS.numItems.min, `Limit must be at least ${PAGINATION_LIMITS.numItems.min}`)
        .max(PAGINATION_LIMITS.numItems.max, `Limit must be at most ${PAGINATION_LIMITS.numItems.max}`),
    )
    .optional()
    .transform((limit) => limit ?? 20)
    .openapi({
      type: "integer",
      minimum: PAGINATION_LIMITS.numItems.min,
      maximum: PAGINATION_LIMITS.numItems.max,
      default: 20,
      example: 20,
    }),
});

export const ImageListResponseSchema = z
  .object({
    images: z.array(ImageSchema),
    nextCursor: z
      .string()
      .nullable()
      .openapi({ description: "Pass as `cursor` for the next page; null on the last page." }),
  })
  .openapi("ImageList");

export const ImageIdParamsSchema = z.object({
  id: z
    .string()
    .min(1)
    .max(128)
    .openapi({ param: { name: "id", in: "path" }, example: "kg2h7d0n1s5v4b8c3x6z9m2q4w7e1r3t" }),
});

export const ModelListResponseSchema = z.object({ models: z.array(fromCore(modelInfoSchema)) }).openapi("ModelList");

export const JobListQuerySchema = PageQuerySchema.extend({
  status: JobStatusSchema.optional().openapi({ description: "Only jobs in this state." }),
});

export const JobListResponseSchema = z
  .object({
    jobs: z.array(JobSchema),
    nextCursor: z
      .string()
      .nullable()
      .openapi({ description: "Pass as `cursor` for the next page; null on the last page." }),
  })
  .openapi("JobList");

export const CancelResponseSchema = z
  .object({ jobId: z.string(), status: z.literal("cancelled") })
  .openapi("CancelledJob");
