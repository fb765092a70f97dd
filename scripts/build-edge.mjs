#!/usr/bin/env node
/**
 * `npm run build:edge`: the edge API's Node entry as one JavaScript file, `edge-api/dist/node.mjs`, for
 * containers (the Dockerfile runs it with plain `node`, no tsx at run time). The workspace's own TypeScript
 * packages (`@pixorly/*`) are bundled in; npm dependencies stay external and come from `node_modules` —
 * sharp is native and the AWS SDK and Scalar load parts of themselves lazily, so bundling them buys nothing.
 * The Worker entry is built by wrangler (`edge-api/wrangler.toml`), not here.
 */
import { build } from "esbuild";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** Bare imports other than the workspace's `@pixorly/*` packages are left for Node to resolve. */
const externalDependencies = {
  name: "external-dependencies",
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith("@pixorly/") || args.path.startsWith("node:")) return undefined;
      return { path: args.path, external: true };
    });
  },
};

export async function buildEdge({ outfile = join(root, "edge-api/dist/node.mjs") } = {}) {
  const started = performance.now();
  await build({
    entryPoints: [join(root, "edge-api/src/node.ts")],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    sourcemap: true,
    logLevel: "warning",
    plugins: [externalDependencies],
    // node.ts finds the repository root (offline keys in .pixorly/keys) from its own URL: dist/ sits where src/ does.
    banner: { js: "// Built by scripts/build-edge.mjs from edge-api/src/node.ts — do not edit." },
  });
  return { outfile, ms: Math.round(performance.now() - started) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { outfile, ms } = await buildEdge();
  console.log(`edge API: built ${outfile.slice(root.length + 1)} in ${ms} ms`);
}
