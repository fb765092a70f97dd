/**
 * The one-file build (`dist/pixorly.js`): importing it defines every Pixorly element,
 * for pages that include the studio with a single `<script type="module">`. It defines
 * `<pixorly-studio>` at once; the workspace elements (picker, prompt box, job cards, comparison,
 * recent images) are a chunk beside it, defined right after the first paint (or at once when the
 * page holds one of their tags), and the library views (gallery, lightbox, collections) are a
 * chunk loaded on first use: by the studio's tabs, or here at once when the page holds one of them.
 */
// First: the supported-browser check (a notice instead of a broken studio below the floor).
import "./internal/browser-floor-check.js";
import "./studio/studio.js";

import { LIBRARY_TAGS, loadLibrary } from "./library/load-library.js";
import { WORKSPACE_TAGS, loadWorkspace } from "./studio/load-workspace.js";
import { afterPaint } from "./internal/after-paint.js";

// The studio's first paint is its header; everything else is a chunk beside this file. Not
// `./elements.js`: that exports the workspace elements' classes, which would put them (and core's
// zod schemas) back before the first paint; and not `./index.js`: the Convex client is a chunk of
// its own too (`loadClient()`).
export * from "./bundle-exports.js";

if (typeof document !== "undefined") {
  if (document.querySelector(LIBRARY_TAGS.join(","))) void loadLibrary();
  // A page that holds a workspace tag itself gets it defined at once; otherwise every tag is
  // defined right after the first paint (a page may create them later).
  if (document.querySelector(WORKSPACE_TAGS.join(","))) void loadWorkspace();
  else afterPaint(() => void loadWorkspace().catch(() => {}));
}
