/**
 * React wrappers (`@pixorly/elements/react`): each element as a React component with
 * its `pixorly-*` events as `on…` props, made with @lit/react.
 *
 *   <PixorlyStudio convexUrl={…} apiUrl={…} tokenProvider={getToken} onJobCompleted={(e) => …} />
 */
import { createComponent, type EventName } from "@lit/react";
import * as React from "react";
import { PixorlyComparison as PixorlyComparisonElement } from "../comparison/comparison.component.js";
import type { PixorlyEventMap, PixorlyEventName } from "../events/index.js";
import { PixorlyImage as PixorlyImageElement } from "../image/image.component.js";
import { PixorlyJobStatus as PixorlyJobStatusElement } from "../job-status/job-status.component.js";
import { PixorlyModelPicker as PixorlyModelPickerElement } from "../model-picker/model-picker.component.js";
import { PixorlyPromptBox as PixorlyPromptBoxElement } from "../prompt-box/prompt-box.component.js";
import { PixorlyRecentResults as PixorlyRecentResultsElement } from "../recent-results/recent-results.component.js";
import { PixorlyStudio as PixorlyStudioElement } from "../studio/studio.component.js";
import { PixorlyCollectionView as PixorlyCollectionViewElement } from "../collections/collection-view.component.js";
import { PixorlyCollections as PixorlyCollectionsElement } from "../collections/collections.component.js";
import { PixorlyGallery as PixorlyGalleryElement } from "../gallery/gallery.component.js";
import { PixorlyLightbox as PixorlyLightboxElement } from "../lightbox/lightbox.component.js";
import { PixorlyMaskEditor as PixorlyMaskEditorElement } from "../mask-editor/mask-editor.component.js";
import "../library/library.js";
import "../mask-editor/mask-editor.js";
import "../comparison/comparison.js";
import "../image/image.js";
import "../job-status/job-status.js";
import "../model-picker/model-picker.js";
import "../prompt-box/prompt-box.js";
import "../recent-results/recent-results.js";
import "../studio/studio.js";

/** An `on…` prop's event, typed from `PixorlyEventMap` (src/events/): the same detail types as `addEventListener`. */
const event = <K extends PixorlyEventName>(name: K) => name as EventName<PixorlyEventMap[K]>;

const jobEvents = {
  onJobCreated: event("pixorly-job-created"),
  onJobCompleted: event("pixorly-job-completed"),
  onJobFailed: event("pixorly-job-failed"),
  onOpenImage: event("pixorly-open-image"),
  onError: event("pixorly-error"),
};

export const PixorlyStudio = createComponent({
  tagName: "pixorly-studio",
  elementClass: PixorlyStudioElement,
  react: React,
  events: {
    ...jobEvents,
    onImageSelected: event("pixorly-image-selected"),
    onAuthExpired: event("pixorly-auth-expired"),
    onUseSettings: event("pixorly-use-settings"),
    onImagesDeleted: event("pixorly-images-deleted"),
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
    onSubmit: event("pixorly-submit"),
    onPresetApplied: event("pixorly-preset-applied"),
    onSettingsChange: event("pixorly-settings-change"),
  },
});

export const PixorlyModelPicker = createComponent({
  tagName: "pixorly-model-picker",
  elementClass: PixorlyModelPickerElement,
  react: React,
  events: { onModelChange: event("pixorly-model-change") },
});

export const PixorlyComparison = createComponent({
  tagName: "pixorly-comparison",
  elementClass: PixorlyComparisonElement,
  react: React,
  events: { onImageSelected: event("pixorly-image-selected"), onOpenImage: event("pixorly-open-image") },
});

export const PixorlyRecentResults = createComponent({
  tagName: "pixorly-recent-results",
  elementClass: PixorlyRecentResultsElement,
  react: React,
  events: { onImageSelected: event("pixorly-image-selected") },
});

export const PixorlyImage = createComponent({
  tagName: "pixorly-image",
  elementClass: PixorlyImageElement,
  react: React,
  events: { onImageUnavailable: event("pixorly-image-unavailable") },
});

const libraryEvents = {
  onUseSettings: event("pixorly-use-settings"),
  onImagesDeleted: event("pixorly-images-deleted"),
  onError: event("pixorly-error"),
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
  events: { ...libraryEvents, onClose: event("pixorly-lightbox-close"), onJobCreated: event("pixorly-job-created") },
});

export const PixorlyMaskEditor = createComponent({
  tagName: "pixorly-mask-editor",
  elementClass: PixorlyMaskEditorElement,
  react: React,
  events: { onMaskExport: event("pixorly-mask-export"), onMaskCancel: event("pixorly-mask-cancel") },
});

export const PixorlyCollections = createComponent({
  tagName: "pixorly-collections",
  elementClass: PixorlyCollectionsElement,
  react: React,
  events: { onOpenImage: event("pixorly-open-image"), onError: libraryEvents.onError },
});

export const PixorlyCollectionView = createComponent({
  tagName: "pixorly-collection-view",
  elementClass: PixorlyCollectionViewElement,
  react: React,
});
