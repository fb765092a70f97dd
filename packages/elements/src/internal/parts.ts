/**
 * The `::part()`s each element exposes, and the `exportparts` an element sets on the Pixorly elements
 * it renders (issue 18), so a page themes nested internals through the outer element:
 * `pixorly-studio::part(job-cancel-button)` is the cancel button of a job card inside the studio.
 *
 * The convention: a child rendered with `part="X"` re-exports each of its parts P as `X-P`, its own and
 * those it re-exports itself (`pixorly-studio::part(comparison-cell-status)`). Only names: this module
 * is in the studio's first paint and imports no element. Each element's own parts are its `@csspart`
 * JSDoc; a `@csspart X-* - … <pixorly-…> …` line there stands for the re-exported ones (the manifest
 * plugin in custom-elements-manifest.config.mjs expands it), and parts.test.ts checks both agree.
 */

/** Each element's own parts, as its `@csspart` JSDoc lists them. */
const OWN_PARTS = {
  "pixorly-image": ["base", "placeholder", "image"],
  "pixorly-job-status": [
    "base",
    "status",
    "prompt",
    "progress",
    "progress-bar",
    "error",
    "results",
    "frames",
    "image",
    "open-button",
    "download",
    "actions",
    "cancel-button",
    "retry-button",
  ],
  "pixorly-comparison-cell": ["cell", "model", "status", "result", "image-button", "image", "image-actions", "facts"],
  "pixorly-comparison": ["cells", "cell", "message"],
  "pixorly-recent-results": ["heading", "list", "item", "image", "empty"],
  "pixorly-model-picker": [
    "toolbar",
    "filters",
    "view-switch",
    "list",
    "card",
    "sample",
    "cost",
    "speed",
    "notice",
    "message",
  ],
  "pixorly-prompt-box": [
    "form",
    "prompt",
    "negative-prompt",
    "counter",
    "mode-toggle",
    "sizes",
    "size-option",
    "advanced",
    "recent-toggle",
    "recent-prompts",
    "recent-prompt",
    "presets",
    "preset",
    "field-error",
    "form-error",
    "cost",
    "submit",
    "message",
    "image-input",
    "drop-zone",
    "image-file-button",
    "library-button",
    "library-picker",
    "image-preview",
    "upload-progress",
    "remove-image",
    "strength",
  ],
  "pixorly-lightbox": [
    "dialog",
    "toolbar",
    "stage",
    "image",
    "panel",
    "metadata",
    "copy-button",
    "actions",
    "action",
    "download-button",
    "share-button",
    "use-settings-button",
    "favorite-button",
    "collection-button",
    "delete-button",
    "collections",
    "tags",
    "tag",
    "confirm",
    "message",
    "variations-button",
    "upscale-button",
    "remove-background-button",
    "edit-area-button",
    "edit-actions",
    "edit-reason",
    "inpaint-prompt",
    "edit-area",
    "lineage",
    "lineage-link",
  ],
  "pixorly-mask-editor": [
    "toolbar",
    "tool-button",
    "brush-button",
    "eraser-button",
    "size-input",
    "feather-input",
    "undo-button",
    "redo-button",
    "clear-button",
    "zoom-button",
    "stage",
    "image",
    "mask",
    "cursor",
    "footer",
    "cancel-button",
    "apply-button",
    "message",
  ],
  "pixorly-gallery": ["base", "toolbar", "bulk-bar", "confirm", "undo", "grid", "tile", "image", "message", "lightbox"],
  "pixorly-collections": ["create", "list", "card", "cover", "title", "images", "item", "message"],
  "pixorly-studio": [
    "base",
    "header",
    "brand",
    "connection",
    "credits",
    "notice",
    "tabs",
    "tab",
    "gallery",
    "collections",
    "lightbox",
    "compose",
    "picker",
    "prompt-box",
    "compare-toggle",
    "canvas",
    "empty-state",
    "example",
    "surprise",
    "comparison-section",
    "comparison",
    "latest",
    "jobs",
    "job",
    "recent",
  ],
} as const satisfies Record<string, readonly string[]>;

export type PartedTag = keyof typeof OWN_PARTS;

/** The Pixorly elements each element renders, by the part it gives them. */
const NESTED: Partial<Record<PartedTag, Record<string, PartedTag>>> = {
  "pixorly-job-status": { image: "pixorly-image" },
  "pixorly-comparison-cell": { image: "pixorly-image" },
  "pixorly-comparison": { cell: "pixorly-comparison-cell" },
  "pixorly-recent-results": { image: "pixorly-image" },
  "pixorly-model-picker": { sample: "pixorly-image" },
  "pixorly-lightbox": { image: "pixorly-image", "mask-editor": "pixorly-mask-editor" },
  "pixorly-gallery": { image: "pixorly-image", lightbox: "pixorly-lightbox" },
  "pixorly-collections": { cover: "pixorly-image" },
  "pixorly-studio": {
    picker: "pixorly-model-picker",
    "prompt-box": "pixorly-prompt-box",
    job: "pixorly-job-status",
    comparison: "pixorly-comparison",
    recent: "pixorly-recent-results",
    gallery: "pixorly-gallery",
    collections: "pixorly-collections",
    lightbox: "pixorly-lightbox",
  },
};

/** Every part a page can style on `tag`: its own, then each nested element's as `X-P`. */
export function partsOf(tag: PartedTag): string[] {
  const nested = Object.entries(NESTED[tag] ?? {}).flatMap(([part, child]) =>
    partsOf(child).map((childPart) => `${part}-${childPart}`),
  );
  return [...OWN_PARTS[tag], ...nested];
}

/** Whether `tag` is listed here (the elements with parts). */
export function isPartedTag(tag: string): tag is PartedTag {
  return Object.hasOwn(OWN_PARTS, tag);
}

const exportsCache = new Map<string, string>();

/** `exportparts` for the element `parent` renders with `part="<part>"`: `P: <part>-P` for each of its parts. */
export function exportParts(parent: PartedTag, part: string): string {
  const key = `${parent} ${part}`;
  let value = exportsCache.get(key);
  if (value === undefined) {
    const child = NESTED[parent]?.[part];
    if (!child) throw new Error(`${parent} renders no Pixorly element with part "${part}"`);
    value = partsOf(child)
      .map((childPart) => `${childPart}: ${part}-${childPart}`)
      .join(", ");
    exportsCache.set(key, value);
  }
  return value;
}
