/**
 * The one part of the catalog a `blob:` URL cannot serve: `<pixorly-collection-view>` (the
 * public share page) builds its `<img src>` from `api-url` + `/cdn/<s3Key>` itself, with no
 * client to ask. This Vite plugin answers those paths under `/in-memory-cdn/` with the same
 * pictures the in-memory client paints — on request in `npm run storybook`, and as files
 * written into the static build for the seeded public collection.
 */
import { renderLocalImage } from "@pixorly/local-models";
import type { Plugin } from "vite";
import { fit, painterFor } from "../in-memory/art.js";
import { PUBLIC_LIBRARY_SIZE, makeCollections, makeLibrary } from "../in-memory/seed.js";

const PREFIX = "/in-memory-cdn/cdn/images/";
const SIDE = 256;

function png(imageId: string): Uint8Array | undefined {
  const image = makeLibrary(PUBLIC_LIBRARY_SIZE).find((candidate) => candidate._id === imageId);
  if (!image) return undefined;
  return renderLocalImage({
    model: painterFor(image.model),
    prompt: image.prompt,
    seed: image.seed >>> 0,
    ...fit(image, SIDE),
  }).png;
}

export function inMemoryCdn(): Plugin {
  return {
    name: "pixorly-in-memory-cdn",
    configureServer(server) {
      server.middlewares.use((request, response, next) => {
        const pathname = new URL(request.url ?? "/", "http://x").pathname;
        const match = pathname.startsWith(PREFIX) ? /^([\w-]+)\.png$/.exec(pathname.slice(PREFIX.length)) : null;
        const bytes = match ? png(match[1]!) : undefined;
        if (!bytes) return next();
        response.writeHead(200, { "content-type": "image/png", "cache-control": "no-store" });
        response.end(bytes);
      });
    },
    generateBundle() {
      const library = makeLibrary(PUBLIC_LIBRARY_SIZE);
      const shared = makeCollections(library).filter(({ doc }) => doc.isPublic);
      for (const imageId of new Set(shared.flatMap(({ imageIds }) => imageIds))) {
        this.emitFile({ type: "asset", fileName: `${PREFIX.slice(1)}${imageId}.png`, source: png(imageId)! });
      }
    },
  };
}
