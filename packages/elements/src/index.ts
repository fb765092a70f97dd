/**
 * The package's main entry: every element class (without defining tags) and the
 * client layer. Import a component's own entry (`@pixorly/elements/studio`) to define its tag.
 */
export { PixorlyElement } from './base/pixorly-element.js';
export * from './client/index.js';
export { PixorlyComparison, type ComparisonRun } from './comparison/comparison.component.js';
export { PixorlyComparisonCell } from './comparison/comparison-cell.component.js';
export { PixorlyImage } from './image/image.component.js';
export { PixorlyJobStatus, type JobEventDetail, type JobFailedDetail, type JobStatusView } from './job-status/job-status.component.js';
export { PixorlyModelPicker, type ModelChangeDetail } from './model-picker/model-picker.component.js';
export { PixorlyPromptBox } from './prompt-box/prompt-box.component.js';
export { PixorlyRecentResults, type ImageSelectedDetail } from './recent-results/recent-results.component.js';
export { PixorlyStudio, type StudioTheme } from './studio/studio.component.js';
