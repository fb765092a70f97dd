#!/usr/bin/env node
/**
 * `npm run build -w @pixorly/convex-local`: the package as strangers install it — JavaScript, no tsx.
 *
 *   dist/index.js, dist/cli.js   self-contained ES modules for Node (npm packages stay imports: convex, esbuild, jose, ws;
 *                                SQLite is Node's own `node:sqlite`)
 *   dist/worker-main.js          the action worker's entry; convex-local bundles it beside each app's modules
 *                                at load time, as it bundles src/worker-main.ts in the workspace
 *   dist/*.d.ts                  the public API's declarations (`startConvexLocal`, `loadAdminKey`, …)
 *
 * Inside this repository nothing needs the build: `bin/convex-local.mjs` runs the TypeScript through tsx
 * when dist/ is absent.
 */
import { execFileSync } from "node:child_process";
import { build } from "esbuild";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dist = path.join(root, "dist");
const started = Date.now();
const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));

fs.rmSync(dist, { recursive: true, force: true });
await build({
  entryPoints: { index: "src/index.ts", cli: "src/cli.ts", "worker-main": "src/worker-main.ts" },
  absWorkingDir: root,
  outdir: dist,
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node22.13",
  // Dependencies stay imports; `require` inside bundled CommonJS needs a real one in ESM output.
  external: [...Object.keys(pkg.dependencies ?? {}), "convex/*"],
  banner: {
    js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);',
  },
  logLevel: "warning",
});
execFileSync(path.join(root, "../../node_modules/.bin/tsc"), ["-p", path.join(root, "tsconfig.build.json")], {
  cwd: root,
  stdio: "inherit",
});
console.log(`convex-local: built dist/ in ${Date.now() - started} ms`);
