/**
 * The events of the library elements (gallery, lightbox, collections), typed once: the
 * elements emit them with these details, and pages get them typed through
 * `addEventListener('pixorly-…')`.
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

/** `pixorly-open-image`: show these images in the lightbox, starting at `index`. */
export interface OpenImageDetail {
  images: ImageDoc[];
  index: number;
}

declare global {
  interface GlobalEventHandlersEventMap {
    "pixorly-use-settings": CustomEvent<UseSettingsDetail>;
    "pixorly-images-deleted": CustomEvent<ImagesDeletedDetail>;
    "pixorly-open-image": CustomEvent<OpenImageDetail>;
    "pixorly-lightbox-close": CustomEvent<undefined>;
  }
}
