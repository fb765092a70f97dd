/**
 * Node only (never imported by the Worker): the dependencies the Node entry gives the app —
 * sharp transforms (on their own thread budget, below), node:crypto for hot-path hashing and
 * signing, buffered JSON logs on stdout, and the offline Scalar bundle for `/docs`. The benchmark builds its apps from the same list,
 * so it measures what `npm start` and containers run.
 */
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { limitSharpThreads, transformImage } from "../cdn/transform";
import { processInput } from "../inputs/process-input";
import { DEFAULT_TRANSFORM_SLOTS, TransformSlots } from "../cdn/transform-slots";
import type { EdgeDeps, ElementsAssets } from "./context";
import { bufferedLogWriter } from "./log-writer";
import { jsonLines } from "./logger";
import { nodeCryptoProvider } from "./node-crypto";

/** libuv's pool size: what UV_THREADPOOL_SIZE says when the process started, else libuv's default. */
function libuvPoolSize(env: Record<string, string | undefined>): number {
  const size = Number(env.UV_THREADPOOL_SIZE);
  return Number.isInteger(size) && size > 0 ? size : 4;
}

/**
 * Transforms at once: one per core but one (each runs one libvips thread, `limitSharpThreads`),
 * so a core is always left for the event loop, and never more than the libuv pool minus two
 * threads, which stay free for WebCrypto (token verification, URL signing) and file reads. To run
 * more transforms on a bigger machine, give it more cores, or start the process with a larger
 * UV_THREADPOOL_SIZE (it is read once, when the pool starts).
 */
export function transformSlotsFor(
  env: Record<string, string | undefined>,
  cores = os.availableParallelism(),
): TransformSlots {
  const maxActive = Math.max(1, Math.min(cores - 1, libuvPoolSize(env) - 2));
  return new TransformSlots({ ...DEFAULT_TRANSFORM_SLOTS, maxActive });
}

/**
 * `@pixorly/elements`' built files for `/elements/…`: `PIXORLY_ELEMENTS_DIR` (a folder holding the package's
 * `package.json` and `dist/`), else the workspace's `packages/elements`. Null when that package is absent
 * (an image built without it); a missing `dist/` answers 404 per file, so a rebuild needs no restart.
 */
export function elementsAssetsFrom(dir: string): ElementsAssets | null {
  let version: string;
  try {
    version = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")).version;
  } catch {
    return null;
  }
  const dist = path.join(dir, "dist");
  return {
    version,
    read: (name) => readFile(path.join(dist, path.basename(name))).catch(() => null),
  };
}

const WORKSPACE_ELEMENTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../packages/elements");

export function nodeDeps(): Pick<
  EdgeDeps,
  | "docsScript"
  | "elementsAssets"
  | "imageTransformer"
  | "imageTransformSlots"
  | "inputProcessor"
  | "cryptoProvider"
  | "logger"
> {
  limitSharpThreads();
  // The Scalar bundle from node_modules, so /docs works without a CDN.
  const scalarBundle = path.join(
    path.dirname(createRequire(import.meta.url).resolve("@scalar/api-reference")),
    "browser/standalone.js",
  );
  return {
    docsScript: () => readFile(scalarBundle, "utf8"),
    elementsAssets: elementsAssetsFrom(process.env.PIXORLY_ELEMENTS_DIR ?? WORKSPACE_ELEMENTS) ?? undefined,
    imageTransformer: transformImage,
    inputProcessor: processInput,
    imageTransformSlots: transformSlotsFor(process.env),
    cryptoProvider: nodeCryptoProvider,
    logger: jsonLines(bufferedLogWriter().write),
  };
}
