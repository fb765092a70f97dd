/**
 * Runs the supported-browser check before anything else in `dist/pixorly.js` (it is `pixorly.ts`'s first
 * import, so it is evaluated first): fallbacks for the few newer built-ins, and below the floor the notice
 * instead of a half-defined studio. See browser-floor.ts.
 */
import { installFloorFallbacks, missingFloorFeatures, showFloorNotice } from "./browser-floor.js";

installFloorFallbacks();
const missing = missingFloorFeatures();
/** True below the supported floor: `pixorly.js` then paints no studio shell (the notice is up instead). */
export const belowFloor = missing.length > 0;
if (missing.length > 0 && typeof document !== "undefined") {
  const show = () => showFloorNotice(document, missing);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", show);
  else show();
  // The rest of the bundle still loads and may throw (e.g. no `customElements`); the notice is already up.
}
