/**
 * The one-file build (`dist/pixorly.js`), for pages that include the studio with a single
 * `<script type="module">`. It is small on purpose: it paints each `<pixorly-studio>`'s shell (its header,
 * `studio/studio-shell.ts`) at once, without Lit, and loads the rest as chunks beside it — Lit and the studio
 * in the frame after the shell's (`loadStudio()`), then the workspace elements (picker, prompt box, job
 * cards, comparison, recent images) after the first paint, or at once when the page holds one of their tags;
 * the library views (gallery, lightbox, collections) on first use, or at once when the page holds one of them.
 * `import('…/pixorly.js')` resolves before the studio is defined: `await loadStudio()` (or
 * `customElements.whenDefined('pixorly-studio')`) waits for it.
 */
// First: the supported-browser check (a notice instead of a broken studio below the floor).
import { belowFloor } from "./internal/browser-floor-check.js";
import { afterNextFrame, afterPaint } from "./internal/after-paint.js";
import { LIBRARY_TAGS, loadLibrary } from "./library/load-library.js";
import { loadStudio } from "./studio/load-studio.js";
import { WORKSPACE_TAGS, loadWorkspace } from "./studio/load-workspace.js";
import { paintStudioShells } from "./studio/studio-shell.js";
import { preloadStudioChunks } from "./internal/preload-chunks.js";

// Not `./elements.js` or `./index.js`: those export the elements' classes, which would put Lit, the
// workspace elements and core's zod schemas before the first paint.
export * from "./bundle-exports.js";

if (typeof document !== "undefined") {
  const painted = belowFloor ? 0 : paintStudioShells(document);
  // With a shell on screen, Lit and the studio are fetched, compiled and run once it has been shown (two frames
  // later): fetched or compiled any earlier — even as a prefetch or modulepreload — they delayed the shell's
  // paint by 10–20 ms on two busy cores (bench/elements). With no shell, they load at once.
  const studio =
    painted > 0
      ? new Promise<void>((resolve) => afterNextFrame(resolve)).then(() => {
          preloadStudioChunks(import.meta.url);
          const loaded = loadStudio();
          // The workspace elements too: defined before the studio (signed in) renders them, they do not pop in
          // and push the page down (Lighthouse's layout shift on the studio page went 0 → 0.22 without this).
          void loadWorkspace().catch(() => {});
          return loaded;
        })
      : loadStudio();
  if (document.querySelector(LIBRARY_TAGS.join(","))) void loadLibrary();
  // A page that holds a workspace tag itself gets it defined at once; otherwise every tag is
  // defined after the first paint (a page may create them later).
  if (document.querySelector(WORKSPACE_TAGS.join(","))) void loadWorkspace();
  else
    void studio.then(
      () => afterPaint(() => void loadWorkspace().catch(() => {})),
      () => {},
    );
}
