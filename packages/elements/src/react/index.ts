/**
 * React wrappers (`@pixorly/elements/react`): each element as a React component with
 * its `pixorly-*` events as `on…` props, made with @lit/react.
 *
 *   <PixorlyStudio convexUrl={…} apiUrl={…} tokenProvider={getToken} onJobCompleted={(e) => …} />
 */
import { createComponent, type EventName } from "@lit/react";
import * as React from "react";
import { PixorlyComparison as PixorlyComparisonElement } from "../comparison/comparison.component.js";
import { PixorlyImage as PixorlyImageElement } from "../image/image.component.js";
import type { JobEventDetail, JobFailedDetail } from "../job-status/job-status.component.js";
import { PixorlyJobStatus as PixorlyJobStatusElement } from "../job-status/job-status.component.js";
import {
  PixorlyModelPicker as PixorlyModelPickerElement,
  type ModelChangeDetail,
} from "../model-picker/model-picker.component.js";
import {
  PixorlyPromptBox as PixorlyPromptBoxElement,
  type PresetAppliedDetail,
} from "../prompt-box/prompt-box.component.js";
import type { ImageSelectedDetail } from "../recent-results/recent-results.component.js";
import { PixorlyRecentResults as PixorlyRecentResultsElement } from "../recent-results/recent-results.component.js";
import { PixorlyStudio as PixorlyStudioElement } from "../studio/studio.component.js";
import { PixorlyCollectionView as PixorlyCollectionViewElement } from "../collections/collection-view.component.js";
import { PixorlyCollections as PixorlyCollectionsElement } from "../collections/collections.component.js";
import { PixorlyGallery as PixorlyGalleryElement } from "../gallery/gallery.component.js";
import type { ImagesDeletedDetail, OpenImageDetail, UseSettingsDetail } from "../library/library-events.js";
import { PixorlyLightbox as PixorlyLightboxElement } from "../lightbox/lightbox.component.js";
import "../library/library.js";
import "../comparison/comparison.js";
import "../image/image.js";
import "../job-status/job-status.js";
import "../model-picker/model-picker.js";
import "../prompt-box/prompt-box.js";
import "../recent-results/recent-results.js";
import "../studio/studio.js";

const event = <T>(name: string) => name as EventName<CustomEvent<T>>;

const jobEvents = {
  onJobCreated: event<{ jobId: string }>("pixorly-job-created"),
  onJobCompleted: event<JobEventDetail>("pixorly-job-completed"),
  onJobFailed: event<JobFailedDetail>("pixorly-job-failed"),
  onError: event<{ code: string; message: string }>("pixorly-error"),
};

export const PixorlyStudio = createComponent({
  tagName: "pixorly-studio",
  elementClass: PixorlyStudioElement,
  react: React,
  events: {
    ...jobEvents,
    onImageSelected: event<ImageSelectedDetail>("pixorly-image-selected"),
    onAuthExpired: event<{ state: string; message: string }>("pixorly-auth-expired"),
    onUseSettings: event<UseSettingsDetail>("pixorly-use-settings"),
    onImagesDeleted: event<ImagesDeletedDetail>("pixorly-images-deleted"),
  },
});

export const PixorlyJobStatus = createComponent({
  tagName: "pixorly-job-status",
  elementClass: PixorlyJobStatusElement,
  react: React,
  events: jobEvents,
});

export const PixorlyPromptBox = createComponent({
  tagName: "pixorly-prompt-box",
  elementClass: PixorlyPromptBoxElement,
  react: React,
  events: {
    onSubmit: event<unknown>("pixorly-submit"),
    onPresetApplied: event<PresetAppliedDetail>("pixorly-preset-applied"),
  },
});

export const PixorlyModelPicker = createComponent({
  tagName: "pixorly-model-picker",
  elementClass: PixorlyModelPickerElement,
  react: React,
  events: { onModelChange: event<ModelChangeDetail>("pixorly-model-change") },
});

export const PixorlyComparison = createComponent({
  tagName: "pixorly-comparison",
  elementClass: PixorlyComparisonElement,
  react: React,
  events: { onImageSelected: event<ImageSelectedDetail>("pixorly-image-selected") },
});

export const PixorlyRecentResults = createComponent({
  tagName: "pixorly-recent-results",
  elementClass: PixorlyRecentResultsElement,
  react: React,
  events: { onImageSelected: event<ImageSelectedDetail>("pixorly-image-selected") },
});

export const PixorlyImage = createComponent({
  tagName: "pixorly-image",
  elementClass: PixorlyImageElement,
  react: React,
});

const libraryEvents = {
  onUseSettings: event<UseSettingsDetail>("pixorly-use-settings"),
  onImagesDeleted: event<ImagesDeletedDetail>("pixorly-images-deleted"),
  onError: event<{ code: string; message: string }>("pixorly-error"),
};

export const PixorlyGallery = createComponent({
  tagName: "pixorly-gallery",
  elementClass: PixorlyGalleryElement,
  react: React,
  events: libraryEvents,
});

export const PixorlyLightbox = createComponent({
  tagName: "pixorly-lightbox",
  elementClass: PixorlyLightboxElement,
  react: React,
  events: { ...libraryEvents, onClose: event<undefined>("pixorly-lightbox-close") },
});

export const PixorlyCollections = createComponent({
  tagName: "pixorly-collections",
  elementClass: PixorlyCollectionsElement,
  react: React,
  events: { onOpenImage: event<OpenImageDetail>("pixorly-open-image"), onError: libraryEvents.onError },
});

export const PixorlyCollectionView = createComponent({
  tagName: "pixorly-collection-view",
  elementClass: PixorlyCollectionViewElement,
  react: React,
});
