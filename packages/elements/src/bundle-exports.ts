/**
 * What `pixorly.js` exports: the loaders of what comes after its first paint, the tags each defines, and the
 * error codes of `pixorly-error`. The elements' classes are in those chunks: `const PixorlyStudio = await
 * loadStudio()`, or `await loadWorkspace()` then `customElements.get('pixorly-job-status')`. The package's
 * entries (`@pixorly/elements`, `@pixorly/elements/studio`, …) export every class. Also the backend's
 * function references (`api`), for `studio.client`.
 */
export { loadStudio } from "./studio/load-studio.js";
export { WORKSPACE_TAGS, loadWorkspace } from "./studio/load-workspace.js";
export { LIBRARY_TAGS, loadLibrary } from "./library/load-library.js";
export { StudioErrorCode } from "./client/studio-errors.js";
// The backend's function references (`studio.client.mutation(api.jobs.create, …)`): names only, no Convex client.
export { api, FINAL_JOB_STATUSES } from "./client/api.js";
export type { PixorlyStudio, StudioTheme } from "./studio/studio.component.js";
export type { ComparisonRun } from "./comparison/comparison.component.js";
export type { JobStatusView } from "./job-status/job-status.component.js";
export type { SettingsToApply } from "./prompt-box/prompt-box.component.js";
// Every event's detail type, `PixorlyEventMap`, and the `GlobalEventHandlersEventMap` entries.
export type * from "./events/index.js";
export type { GalleryLayout } from "./gallery/gallery.component.js";
export type { StudioView } from "./studio/studio-tabs.js";
