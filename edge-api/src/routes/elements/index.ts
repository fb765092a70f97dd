/**
 * `pixorly.js` for script tags: the one-file module of `@pixorly/elements` and its lazy chunks,
 * served by the edge API so a partner needs no npm CDN (npm CDNs serve the same file from the
 * package). Versioned URLs never change, so browsers and CDNs keep them for a year; the
 * unversioned `/elements/pixorly.js` follows the deployed version and is cached for five minutes.
 * Chunk names carry a content hash, so they are immutable under either prefix (the bundle imports
 * them relative to its own URL).
 *
 * The files come from `deps.elementsAssets` (Node reads `packages/elements/dist`); a runtime
 * without them (a Worker) answers 404 and partners use the npm CDN URL instead.
 */
import type { Context } from "hono";
import type { AppEnv, AppServices } from "../../lib/context";
import { ApiError } from "../../lib/errors";
import { createRouter } from "../../lib/openapi";

/** The bundle, its chunks, and the third-party licence file that ships beside it. */
const ASSET_NAME = /^pixorly(-[A-Za-z0-9_-]{1,64})?\.js$|^pixorly\.licenses\.txt$/;
const VERSION = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]{1,32})?$/;
const IMMUTABLE = "public, max-age=31536000, immutable";
const LATEST = "public, max-age=300";

function contentType(name: string): string {
  return name.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/plain; charset=utf-8";
}

export function elementsRoutes(services: AppServices) {
  const router = createRouter();
  const assets = services.deps.elementsAssets;

  async function serve(c: Context<AppEnv>, name: string, version: string | null) {
    if (!ASSET_NAME.test(name))
      throw new ApiError("NOT_FOUND", `No file named ${name.slice(0, 80)} here: the bundle is pixorly.js.`);
    if (version !== null && !VERSION.test(version))
      throw new ApiError("NOT_FOUND", "The version must look like 1.2.3.");
    if (!assets)
      throw new ApiError(
        "NOT_FOUND",
        "This deployment does not serve pixorly.js; load it from the npm package instead.",
      );
    if (version !== null && version !== assets.version) {
      throw new ApiError(
        "NOT_FOUND",
        `Version ${version} is not served here; the deployed version is ${assets.version}.`,
      );
    }
    const body = await assets.read(name);
    if (!body) throw new ApiError("NOT_FOUND", `${name} is not built on this server.`);
    const chunk = name !== "pixorly.js" && name.endsWith(".js");
    return c.body(body as Uint8Array<ArrayBuffer>, 200, {
      "Content-Type": contentType(name),
      "Cache-Control": version !== null || chunk ? IMMUTABLE : LATEST,
      "Access-Control-Allow-Origin": "*",
      "X-Pixorly-Elements-Version": assets.version,
    });
  }

  router.get("/:name", (c) => serve(c, c.req.param("name"), null));
  router.get("/:version/:name", (c) => serve(c, c.req.param("name"), c.req.param("version")));
  return router;
}
