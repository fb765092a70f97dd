/**
 * The events of the library elements (gallery, lightbox, collections), typed once (issue 18).
 */
import type { ImageDoc, JobParameters } from "../client/api.js";

/** `pixorly-use-settings`: fill the prompt box and the model from an image. */
export interface UseSettingsDetail {
  image: ImageDoc;
  prompt: string;
  negativePrompt?: string;
  model: string;
  parameters: Partial<JobParameters>;
}

/** `pixorly-images-deleted`: these images are gone. */
export interface ImagesDeletedDetail {
  imageIds: string[];
}

export interface LibraryEvents {
  "pixorly-use-settings": CustomEvent<UseSettingsDetail>;
  "pixorly-images-deleted": CustomEvent<ImagesDeletedDetail>;
  /** The lightbox closed; no detail. */
  "pixorly-lightbox-close": CustomEvent<undefined>;
}
