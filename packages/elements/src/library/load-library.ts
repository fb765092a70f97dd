/**
 * Loads the library views (gallery, lightbox, collections) once, on first use. In
 * `pixorly.js` this dynamic import becomes a chunk beside it (esbuild's code splitting), so
 * the studio's first paint carries none of it; the per-module build keeps it a plain import.
 */
let loading: Promise<void> | undefined;

/** The tags the library module defines (a page using one of them needs it loaded). */
export const LIBRARY_TAGS = [
  "pixorly-gallery",
  "pixorly-lightbox",
  "pixorly-collections",
  "pixorly-collection-view",
] as const;

export function loadLibrary(): Promise<void> {
  loading ??= import("./library.js").then(
    () => undefined,
    (error: unknown) => {
      // A failed load (offline for a moment) may be tried again.
      loading = undefined;
      throw error;
    },
  );
  return loading;
}
