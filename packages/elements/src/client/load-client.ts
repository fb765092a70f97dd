/**
 * `PixorlyClient` on demand. In `pixorly.js` the Convex client (most of the studio's bytes)
 * is a chunk of its own that the studio loads after its first paint; a page that wants a client
 * of its own from the bundle awaits `loadClient()` for the class.
 */
import type { PixorlyClient } from "./pixorly-client.js";

export function loadClient(): Promise<typeof PixorlyClient> {
  return import("./pixorly-client.js").then((module) => module.PixorlyClient);
}
