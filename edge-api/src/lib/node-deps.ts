/**
 * Node only (never imported by the Worker): the dependencies the Node entry gives the app —
 * sharp transforms, node:crypto for hot-path hashing and signing, buffered JSON logs on stdout,
 * and the offline Scalar bundle for `/docs`. The benchmark builds its apps from the same list,
 * so it measures what `npm start` and containers run.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { transformImage } from "../cdn/transform";
import type { EdgeDeps } from "./context";
import { bufferedLogWriter } from "./log-writer";
import { jsonLines } from "./logger";
import { nodeCryptoProvider } from "./node-crypto";

export function nodeDeps(): Pick<EdgeDeps, "docsScript" | "imageTransformer" | "cryptoProvider" | "logger"> {
  // The Scalar bundle from node_modules, so /docs works without a CDN.
  const scalarBundle = path.join(path.dirname(createRequire(import.meta.url).resolve("@scalar/api-reference")), "browser/standalone.js");
  return {
    docsScript: () => readFile(scalarBundle, "utf8"),
    imageTransformer: transformImage,
    cryptoProvider: nodeCryptoProvider,
    logger: jsonLines(bufferedLogWriter().write),
  };
}
