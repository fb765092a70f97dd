/**
 * The generation run shared by the two runtimes: `generation.run` (Convex's default runtime,
 * text-to-image) and `generationNode.run` (Node, for jobs with an input image: decoding and
 * resampling need sharp). They differ only in the local provider they pass (`RunOptions`).
 */
import { internal } from "../_generated/api";
import type { Doc, Id } from "../_generated/dataModel";
import type { ActionCtx } from "../_generated/server";
import { LocalProvider } from "../providers/local";
import { OpenRouterProvider } from "../providers/openrouter";
import { providerRefusalRule } from "../providers/openrouter-errors";
import { measureImage } from "../providers/image-size";
import { withRetries, withTimeout } from "../providers/resilience";
import { isProviderError, type ImageProvider, type ProviderInput, type ProviderResult } from "../providers/types";
import { reportActionError } from "./errorReporting";
import type { JobInput } from "./jobInput";
import { imagePlaceholder, localPlaceholder } from "./placeholder";
import { providerOf } from "./queue";
import { deleteImages, getObjectBytes, imageKey, putImage, s3Settings } from "./s3";

const PROVIDER_TIMEOUT_MS = 5 * 60_000;

export interface RunOptions {
  /** The local models' provider; the Node run passes one that also takes input images. */
  localProvider?: ImageProvider;
}

/** The input's objects, read from S3 for the provider. A source deleted since the job was made fails it plainly. */
async function readInput(input: JobInput): Promise<ProviderInput> {
  const read = async (object: { s3Bucket: string; s3Key: string }) => {
    const bytes = await getObjectBytes({ ...s3Settings(), bucket: object.s3Bucket }, object.s3Key).catch(() => null);
    if (!bytes) throw new JobFailure("The input image is no longer there. Your credits were refunded.");
    return bytes;
  };
  return {
    operation: input.operation,
    image: await read(input.source),
    ...(input.mask ? { mask: await read(input.mask) } : {}),
    ...(input.strength !== undefined ? { strength: input.strength } : {}),
    ...(input.scale !== undefined ? { scale: input.scale } : {}),
  };
}

/** A failure whose message users may read; `refusalRule` is set when the provider's content filter refused the prompt. */
export class JobFailure extends Error {
  constructor(
    message: string,
    readonly refusalRule?: string,
  ) {
    super(message);
  }
}

function providerFor(model: string, options: RunOptions): ImageProvider {
  if (providerOf(model) === "local") return options.localProvider ?? new LocalProvider();
  const apiKey = process.env.OPENROUTER_API_KEY;
  if (!apiKey) throw new JobFailure(`The model ${model} is not available right now.`);
  return new OpenRouterProvider({
    apiKey,
    baseUrl: process.env.OPENROUTER_BASE_URL,
    referer: process.env.PIXORLY_SITE_URL ?? "https://pixorly.com",
    title: "Pixorly",
  });
}

/** Calls the provider with a timeout, retries with backoff, and the model's circuit breaker. */
async function callProvider(ctx: ActionCtx, job: Doc<"generationJobs">, options: RunOptions): Promise<ProviderResult> {
  const provider = providerFor(job.model, options);
  const input = job.input ? await readInput(job.input) : undefined;
  if (!(await ctx.runMutation(internal.generation.circuitBegin, { key: job.model }))) {
    throw new JobFailure(
      "The image service for this model is having trouble right now. Please try again in a few minutes.",
    );
  }
  const { width, height, seed, numImages, steps, guidance } = job.parameters;
  const request = {
    model: job.model,
    prompt: job.prompt,
    negativePrompt: job.negativePrompt,
    width,
    height,
    seed,
    numImages,
    steps,
    guidance,
    ...(input ? { input } : {}),
  };
  try {
    const result = await withRetries(
      () => withTimeout((signal) => provider.generate(request, { signal }), PROVIDER_TIMEOUT_MS),
      { attempts: 3, baseDelayMs: 500, maxDelayMs: 8_000, deadlineMs: PROVIDER_TIMEOUT_MS },
    );
    await ctx.runMutation(internal.generation.circuitEnd, { key: job.model, healthy: true });
    if (result.images.length === 0) throw new JobFailure("The model returned no image. Your credits were refunded.");
    return result;
  } catch (e) {
    if (e instanceof JobFailure) throw e;
    const healthy = isProviderError(e) && !e.retryable;
    await ctx.runMutation(internal.generation.circuitEnd, { key: job.model, healthy });
    if (isProviderError(e))
      throw new JobFailure(e.userMessage, e.code === "MODERATION_REJECTED" ? providerRefusalRule(e) : undefined);
    throw e;
  }
}

/** Local images get theirs from a small re-render; others are decoded (PNG, JPEG) when possible. */
function placeholderFor(
  job: Doc<"generationJobs">,
  provided: string | undefined,
  bytes: Uint8Array,
  format: string,
  seed: number,
  width: number,
  height: number,
) {
  const placeholder =
    job.provider === "local" && !job.input
      ? localPlaceholder(job.model, job.prompt, seed, width, height)
      : (provided ?? imagePlaceholder(bytes, format));
  return placeholder ? { placeholder } : {};
}

/**
 * One run of a job: marks it processing, calls the provider (with the input image's bytes, read
 * from S3, when the job has one), stores the images and completes the job — or fails it with a
 * plain message, a refund and the uploaded objects removed.
 */
export async function runJob(ctx: ActionCtx, jobId: Id<"generationJobs">, options: RunOptions): Promise<void> {
  {
    const started = await ctx.runMutation(internal.generation.start, { jobId });
    if (!started) return;
    const { job, storageLeft, storageFull } = started;
    const s3 = s3Settings();
    const keys: string[] = [];
    try {
      const result = await callProvider(ctx, job, options);
      const bytes = result.images.reduce((sum, i) => sum + i.bytes.byteLength, 0);
      // Checked before anything is uploaded.
      if (bytes > storageLeft) throw new JobFailure(`${storageFull} Your credits were refunded.`);
      const images = [];
      for (const [n, image] of result.images.entries()) {
        const measured = measureImage(image.bytes);
        if (!measured)
          throw new JobFailure("The model returned something that is not an image. Your credits were refunded.");
        const { width, height, format } = measured;
        const key = imageKey(job.userId, jobId, n, format);
        await putImage(s3, key, image.bytes, image.mimeType).catch((e) => {
          throw new JobFailure(
            `Could not store the image (${(e as Error).name}). Your credits were refunded; please try again.`,
          );
        });
        keys.push(key);
        const seed = (job.parameters.seed + n) >>> 0;
        images.push({
          s3Bucket: s3.bucket,
          s3Key: key,
          size: image.bytes.byteLength,
          width,
          height,
          format,
          ...placeholderFor(job, image.placeholder, image.bytes, format, seed, width, height),
          seed,
        });
      }
      const completed = await ctx.runMutation(internal.generation.complete, {
        jobId,
        images,
        providerCost: result.costCredits,
      });
      if (!completed) await deleteImages(s3, keys);
    } catch (e) {
      await deleteImages(s3, keys);
      const message =
        e instanceof JobFailure ? e.message : "The image could not be generated. Your credits were refunded.";
      if (!(e instanceof JobFailure)) {
        console.error(`generation ${jobId} failed`, e);
        await reportActionError(e, {
          action: "generation.run",
          requestId: jobId,
          tags: { model: job.model },
          redact: [job.prompt, job.negativePrompt],
        });
      }
      const refusalRule = e instanceof JobFailure ? e.refusalRule : undefined;
      await ctx.runMutation(internal.generation.fail, {
        jobId,
        code: refusalRule === undefined ? "PROVIDER_ERROR" : "MODERATION_REJECTED",
        message,
        ...(refusalRule === undefined ? {} : { refusalRule }),
      });
    }
  }
}
