/**
 * Every `pixorly-*` event, typed once (issue 18, after Shoelace's `src/events/`). Each group's module
 * defines its details and a `…Events` map; `PixorlyEventMap` joins them, `GlobalEventHandlersEventMap`
 * extends it so `el.addEventListener('pixorly-job-created', (e) => e.detail.jobId)` is typed without a
 * cast, `PixorlyElement.emit()` only takes a name and detail from it, and the React wrappers take their
 * event types from it. A new event: add it to its group's map (or a new module's, listed below), and an
 * `@event {DetailType} pixorly-… - …` line on every element that fires it (the manifest and README read it).
 */
import type { ImageEvents } from "./image-events.js";
import type { JobEvents } from "./job-events.js";
import type { LibraryEvents } from "./library-events.js";
import type { MaskEvents } from "./mask-events.js";
import type { PromptEvents } from "./prompt-events.js";
import type { StudioEvents } from "./studio-events.js";

export type * from "./image-events.js";
export type * from "./job-events.js";
export type * from "./library-events.js";
export type * from "./mask-events.js";
export type * from "./prompt-events.js";
export type * from "./studio-events.js";

/** Every Pixorly event by name. */
export interface PixorlyEventMap
  extends JobEvents, ImageEvents, LibraryEvents, PromptEvents, StudioEvents, MaskEvents {}

/** `pixorly-job-created`, …: every event's full name. */
export type PixorlyEventName = keyof PixorlyEventMap;

/** `job-created`, …: the names `PixorlyElement.emit()` takes (it adds the prefix). */
export type PixorlyEventShortName = {
  [K in PixorlyEventName]: K extends `pixorly-${infer Short}` ? Short : never;
}[PixorlyEventName];

/** The event `emit(name)` dispatches. */
export type PixorlyEventOf<N extends PixorlyEventShortName> = PixorlyEventMap[Extract<
  `pixorly-${N}`,
  PixorlyEventName
>];

/** The detail of the event `emit(name)` dispatches. */
export type PixorlyEventDetail<N extends PixorlyEventShortName> = PixorlyEventOf<N>["detail"];

declare global {
  // Merged into the DOM's map (HTMLElementEventMap extends it), as Shoelace does for its events.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface GlobalEventHandlersEventMap extends PixorlyEventMap {}
}
