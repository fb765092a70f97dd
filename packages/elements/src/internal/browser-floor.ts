/**
 * The supported-browser floor at run time (package.json `browserslist`: Chrome/Edge 90+, Firefox 88+,
 * Safari and iOS Safari 14+). Below it the studio would render half a page or throw; instead the script-tag
 * entry (`browser-floor-check.ts`, first thing `pixorly.ts` runs) writes a short plain-text notice into
 * every `<pixorly-studio>`. Within the floor, the few newer built-ins the code and its dependencies call
 * get small fallbacks here, so the bundle needs nothing the floor lacks (tests/elements-browser-floor.test.ts
 * lists them).
 *
 * Not checked on purpose: `adoptedStyleSheets` (Safari 16.4) — Lit falls back to `<style>` elements
 * itself, so Safari 14–16.3 are supported. A browser that cannot parse the bundle's syntax (ES2021) never
 * runs this check; the partner's own fallback content inside `<pixorly-studio>` shows there (README).
 */

/** What the studio needs from the browser, by the name shown in the notice's `data-missing`. */
const REQUIRED: Record<string, (scope: FloorScope) => boolean> = {
  customElements: (scope) => typeof scope.customElements?.define === "function",
  shadowDom: (scope) => typeof scope.Element?.prototype?.attachShadow === "function",
  templates: (scope) => typeof scope.HTMLTemplateElement === "function",
  fetch: (scope) => typeof scope.fetch === "function",
  webSocket: (scope) => typeof scope.WebSocket === "function",
  resizeObserver: (scope) => typeof scope.ResizeObserver === "function",
  intersectionObserver: (scope) => typeof scope.IntersectionObserver === "function",
  promiseAllSettled: (scope) => typeof scope.Promise?.allSettled === "function",
};

/** The globals the check reads (a stub object in tests). */
export type FloorScope = Partial<Record<string, any>>;

/** The names of the required features `scope` lacks; empty when the browser is at or above the floor. */
export function missingFloorFeatures(scope: FloorScope = globalThis as FloorScope): string[] {
  return Object.entries(REQUIRED)
    .filter(([, has]) => {
      try {
        return !has(scope);
      } catch {
        return true;
      }
    })
    .map(([name]) => name);
}

export const FLOOR_NOTICE =
  "This image studio needs a newer browser: Chrome or Edge 90, Firefox 88, Safari 14 or later. Please update your browser or open this page in another one.";

/**
 * Replaces the content of every `<pixorly-studio>` in `root` with the notice, as plain text (the element
 * is not upgraded below the floor, so its light DOM is what shows). Answers how many it wrote into.
 */
export function showFloorNotice(root: ParentNode, missing: string[]): number {
  const studios = Array.from(root.querySelectorAll("pixorly-studio"));
  for (const studio of studios) {
    const notice = studio.ownerDocument.createElement("p");
    notice.setAttribute("role", "status");
    notice.dataset.pixorlyNotice = "unsupported-browser";
    notice.dataset.missing = missing.join(" ");
    notice.textContent = FLOOR_NOTICE;
    studio.replaceChildren(notice);
  }
  return studios.length;
}

/**
 * Small fallbacks for built-ins newer than the floor that the bundle calls (`Array.prototype.at` and
 * `Object.hasOwn` arrived in Firefox 90/92 and Safari 15.4). Installed only where missing; non-enumerable,
 * as the real ones.
 */
export function installFloorFallbacks(scope: FloorScope = globalThis as FloorScope): void {
  const define = (target: object, name: string, value: unknown) => {
    if (!(name in target))
      Object.defineProperty(target, name, { value, writable: true, configurable: true, enumerable: false });
  };
  function at(this: ArrayLike<unknown>, index: number) {
    const length = this.length;
    const i = Math.trunc(index) || 0;
    const k = i < 0 ? length + i : i;
    return k < 0 || k >= length ? undefined : this[k];
  }
  if (scope.Array) define(scope.Array.prototype, "at", at);
  if (scope.String)
    define(scope.String.prototype, "at", function (this: string, index: number) {
      return at.call(String(this), index) as string | undefined;
    });
  if (scope.Object)
    define(scope.Object, "hasOwn", (object: object, key: PropertyKey) =>
      Object.prototype.hasOwnProperty.call(object, key),
    );
}
