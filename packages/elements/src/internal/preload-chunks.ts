/**
 * Preload links for the chunks `loadStudio()` needs: the studio's chunk imports Lit and shared code from chunks
 * of their own, which the browser would otherwise only discover once the studio's chunk had arrived — a round
 * trip per level. The build writes their names here (scripts/preload-list.mjs); a build without
 * them (the per-module npm build) fetches nothing ahead.
 */
const STUDIO_CHUNKS = "__PIXORLY_STUDIO_CHUNKS__";

/**
 * Adds `<link rel="modulepreload">` for every chunk `loadStudio()` needs, relative to `base` (pixorly.js's own
 * URL), so the browser fetches them at once instead of level by level. Called with `loadStudio()`, after the
 * shell has been painted: fetched any earlier (even as `prefetch`), they delayed the shell's paint.
 */
export function preloadStudioChunks(base: string): void {
  if (STUDIO_CHUNKS.indexOf(".js") < 0) return;
  for (const name of STUDIO_CHUNKS.split(",")) {
    const link = document.createElement("link");
    link.rel = "modulepreload";
    link.href = new URL(name, base).href;
    document.head.append(link);
  }
}
