/**
 * The events about images, typed once (issue 18): choosing one (recent results, comparison), opening
 * some in the lightbox (job card, comparison cell, collections) and one that could not be shown.
 */
import type { ModelInfo } from "@pixorly/core";
import type { ImageDoc, Job } from "../client/api.js";
import type { ImageFailureReason } from "../internal/image-failure.js";

/**
 * `pixorly-image-selected`: an image was chosen. A comparison cell adds the job and the model's info
 * (`ComparisonImageSelectedDetail`).
 */
export interface ImageSelectedDetail {
  image: ImageDoc;
  imageId: string;
  jobId: string;
  model: string;
  /** The image's job (set when chosen in a comparison). */
  job?: Job;
  /** The model's catalog entry (set when chosen in a comparison). */
  modelInfo?: ModelInfo;
}

/** `pixorly-image-selected` from a comparison cell: the job and the model's info are always there. */
export type ComparisonImageSelectedDetail = ImageSelectedDetail & { job: Job; modelInfo: ModelInfo };

/** `pixorly-open-image`: show these images in the lightbox, starting at `index`. */
export interface OpenImageDetail {
  images: ImageDoc[];
  index: number;
}

/**
 * `pixorly-image-unavailable`: an image could not be shown after one retry with a fresh URL; `code` and
 * `message` are for the page's developer (the studio reports them as `pixorly-error`).
 */
export interface ImageUnavailableDetail {
  imageId: string;
  reason: ImageFailureReason;
  code: string;
  message: string;
}

export interface ImageEvents {
  "pixorly-image-selected": CustomEvent<ImageSelectedDetail>;
  "pixorly-open-image": CustomEvent<OpenImageDetail>;
  "pixorly-image-unavailable": CustomEvent<ImageUnavailableDetail>;
}
