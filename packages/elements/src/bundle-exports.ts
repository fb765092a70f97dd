/**
 * What `pixorly.js` exports: the base class, the studio and the client layer without the Convex
 * client, and the loaders of what comes later. The other elements' classes are defined by chunks
 * loaded after the first paint: `await loadWorkspace()` (or `loadLibrary()`), then
 * `customElements.get('pixorly-job-status')`. The package's entries (`@pixorly/elements`) export
 * every class.
 */
export { PixorlyElement } from "./base/pixorly-element.js";
export * from "./client/light.js";
export { PixorlyStudio, type StudioTheme } from "./studio/studio.component.js";
export { WORKSPACE_TAGS, loadWorkspace } from "./studio/load-workspace.js";
export { LIBRARY_TAGS, loadLibrary } from "./library/load-library.js";
export { StudioErrorCode } from "./client/studio-errors.js";
export type { ComparisonRun } from "./comparison/comparison.component.js";
export type { JobStatusView } from "./job-status/job-status.component.js";
export type { SettingsToApply } from "./prompt-box/prompt-box.component.js";
// Every event's detail type, `PixorlyEventMap`, and the `GlobalEventHandlersEventMap` entries.
export type * from "./events/index.js";
export type { GalleryLayout } from "./gallery/gallery.component.js";
export type { StudioView } from "./studio/studio-tabs.js";
