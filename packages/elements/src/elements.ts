/**
 * The elements' classes (without defining tags) and the client layer without the Convex
 * client: what `pixorly.js` exports. The package's main entry (`index.ts`) adds the client.
 */
export { PixorlyElement } from "./base/pixorly-element.js";
export * from "./client/light.js";
export { PixorlyComparison, type ComparisonRun } from "./comparison/comparison.component.js";
export { PixorlyComparisonCell } from "./comparison/comparison-cell.component.js";
export { PixorlyImage } from "./image/image.component.js";
export { PixorlyJobStatus, type JobStatusView } from "./job-status/job-status.component.js";
export { PixorlyModelPicker } from "./model-picker/model-picker.component.js";
export { PixorlyPromptBox } from "./prompt-box/prompt-box.component.js";
export { PixorlyRecentResults } from "./recent-results/recent-results.component.js";
export { PixorlyStudio, type StudioTheme } from "./studio/studio.component.js";
export { LIBRARY_TAGS, loadLibrary } from "./library/load-library.js";
// Every event's detail type, `PixorlyEventMap`, and the `GlobalEventHandlersEventMap` entries.
export type * from "./events/index.js";
export type { GalleryLayout } from "./gallery/gallery.component.js";
export type { SettingsToApply } from "./prompt-box/prompt-box.component.js";
export type { StudioView } from "./studio/studio-tabs.js";
