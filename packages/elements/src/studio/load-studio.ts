/**
 * Loads `<pixorly-studio>` (Lit, the studio and its client layer) once. In `pixorly.js` this dynamic import is a
 * chunk beside it: `pixorly.js` paints the studio's shell first (studio-shell.ts) and loads this chunk in the
 * frame after. Resolves with the class, defined as `pixorly-studio`.
 */
import type { PixorlyStudio } from "./studio.component.js";

let loading: Promise<typeof PixorlyStudio> | undefined;

export function loadStudio(): Promise<typeof PixorlyStudio> {
  loading ??= import("./studio.js").then(
    (module) => module.PixorlyStudio,
    (error: unknown) => {
      // A failed load (offline for a moment) may be tried again.
      loading = undefined;
      throw error;
    },
  );
  return loading;
}
