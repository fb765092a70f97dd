/**
 * The contract between the generation pipeline and an image model provider
 * (OpenRouter today). Providers turn a request into image bytes and report
 * every failure as a `ProviderError`, so the pipeline decides on retries,
 * refunds and what to tell the user without knowing any provider's wire format.
 */
import { errorCodeInfo, type ErrorCode, type ImageOperation } from "@pixorly/core";

/** The subset of Pixorly's error codes a provider may end with. */
export type ProviderErrorCode = Extract<
  ErrorCode,
  | "RATE_LIMITED"
  | "PROVIDER_ERROR"
  | "MODERATION_REJECTED"
  | "INVALID_ARGUMENT"
  | "INSUFFICIENT_CREDITS"
  | "TIMEOUT"
  | "UNAUTHENTICATED"
  | "MODEL_UNAVAILABLE"
>;

/** An input image for the provider (issue 16): the bytes as stored (PNG, JPEG or WebP), a mask for inpainting. */
export interface ProviderInput {
  operation: ImageOperation;
  image: Uint8Array;
  /** Inpaint: a grayscale PNG, white = repaint. */
  mask?: Uint8Array;
  strength?: number;
  scale?: number;
}

export interface ProviderRequest {
  model: string;
  prompt: string;
  negativePrompt?: string;
  width: number;
  height: number;
  seed?: number;
  numImages: number;
  steps?: number;
  guidance?: number;
  /** Absent for text-to-image. */
  input?: ProviderInput;
}

export interface ProviderImage {
  bytes: Uint8Array;
  mimeType: string;
  /** A ThumbHash the provider computed itself (the Node local provider does); otherwise the run makes one. */
  placeholder?: string;
}

export interface ProviderResult {
  images: ProviderImage[];
  /** What the provider charged us, in whole credits rounded up; absent when it did not say. */
  costCredits?: number;
}

export interface ImageProvider {
  readonly id: string;
  generate(req: ProviderRequest, opts: { signal?: AbortSignal }): Promise<ProviderResult>;
}

export interface ProviderErrorOptions {
  retryable: boolean;
  /** How long the provider asked us to wait before trying again. */
  retryAfterMs?: number;
  /** Plain words for the end user; the code's default message when absent. */
  userMessage?: string;
  cause?: unknown;
}

/**
 * A provider failure. `message` is for logs and may quote the upstream text;
 * `userMessage` is what a user may see and never does.
 */
export class ProviderError extends Error {
  readonly code: ProviderErrorCode;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  readonly userMessage: string;

  constructor(code: ProviderErrorCode, message: string, options: ProviderErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "ProviderError";
    this.code = code;
    this.retryable = options.retryable;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
    this.userMessage = options.userMessage ?? errorCodeInfo[code].message;
  }
}

export function isProviderError(error: unknown): error is ProviderError {
  return error instanceof ProviderError;
}
