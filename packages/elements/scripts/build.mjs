#!/usr/bin/env node
/**
 * `npm run build`:
 *   dist/<component>/…      ES modules per component (lit, convex and other npm packages stay imports;
 *                           the private @pixorly/core is bundled in) + .d.ts from tsc
 *   dist/react/index.js     React wrappers (`@pixorly/elements/react`)
 *   dist/pixorly.js         the minified script that defines every element, all dependencies inside
 *                           (lit templates' whitespace squeezed too: scripts/minify-templates.mjs), and
 *   dist/pixorly-*.js       its lazy chunks (esbuild code splitting): the Convex client, loaded after the
 *                           first paint, and the library views (gallery, lightbox, collections), loaded on
 *                           first use; the code they share with pixorly.js stays in pixorly.js
 *                           (scripts/merge-first-paint.mjs), so the first paint is one file
 *   dist/pixorly.meta.json  esbuild's metafile for those files (the benchmark splits their size by package)
 *   dist/pixorly.licenses.txt  the licences of every package bundled into them (scripts/licenses.mjs)
 *   dist/pixorly.sri.json   their subresource-integrity hashes (scripts/sri.mjs prints the script tag)
 *   custom-elements.json    from the component classes' JSDoc
 * `--bundle-only` builds just dist/pixorly.js (what the tests load in a page).
 */
import { execFileSync } from "node:child_process";
import { build } from "esbuild";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { esbuildTargets } from "./browser-targets.mjs";
import { emitCoreTypes } from "./core-types.mjs";
import { writeLicenses } from "./licenses.mjs";
import { mergeFirstPaint } from "./merge-first-paint.mjs";
import { minifyTemplatesPlugin } from "./minify-templates.mjs";
import { writePreloadList } from "./preload-list.mjs";
import { checkSizeBudget, FIRST_PAINT_BUDGET } from "./size-budget.mjs";
import { writeSri } from "./sri.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const src = path.join(root, "src");
const dist = path.join(root, "dist");
const bundleOnly = process.argv.includes("--bundle-only");
const tsconfig = path.join(root, "tsconfig.json");
const bin = (name) => path.join(root, "../../node_modules/.bin", name);
const started = Date.now();
// The supported browsers (package.json `browserslist`): syntax newer than they read is lowered, or the build fails.
const target = esbuildTargets();

/** `src/<name>/<name>.ts` define files, and the component classes beside them. */
function componentEntries() {
  const entries = [];
  for (const name of fs.readdirSync(src)) {
    const define = path.join(src, name, `${name}.ts`);
    if (!fs.existsSync(define)) continue;
    entries.push(define);
    const component = path.join(src, name, `${name}.component.ts`);
    if (fs.existsSync(component)) entries.push(component);
  }
  return entries;
}

async function buildBundle() {
  // Chunk names carry a content hash: the previous build's chunks would linger beside the new ones.
  for (const file of fs.readdirSync(dist)) if (/^pixorly-.*\.js$/.test(file)) fs.rmSync(path.join(dist, file));
  const result = await build({
    entryPoints: { pixorly: path.join(src, "pixorly.ts") },
    outdir: dist,
    splitting: true,
    chunkNames: "pixorly-[name]-[hash]",
    bundle: true,
    format: "esm",
    minify: true,
    target,
    tsconfig,
    metafile: true,
    legalComments: "none",
    logLevel: "warning",
    plugins: [minifyTemplatesPlugin(src)],
  });
  await mergeFirstPaint(dist, result.metafile);
  writePreloadList(dist, result.metafile);
  fs.writeFileSync(path.join(dist, "pixorly.meta.json"), JSON.stringify(result.metafile));
  writeLicenses(dist, result.metafile);
  writeSri(dist);
  return checkSizeBudget(root, result.metafile);
}

/** Every source module that ships (tests, test helpers and the bundle entry do not). */
function sourceModules(dir = src) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return file === path.join(src, "test") ? [] : sourceModules(file);
    const ships =
      file.endsWith(".ts") &&
      !file.endsWith(".test.ts") &&
      !file.endsWith(".d.ts") &&
      file !== path.join(src, "pixorly.ts");
    return ships ? [file] : [];
  });
}

/**
 * One output module per source module, as Shoelace and Spectrum ship: a define file stays
 * a define file, so `sideEffects` (define files only) stays true for the output. npm
 * packages stay imports; the private @pixorly/core is bundled once into dist/core.js and
 * the modules import it from there.
 */
async function buildModules() {
  await build({
    entryPoints: sourceModules(),
    outdir: dist,
    outbase: src,
    bundle: false,
    format: "esm",
    target,
    tsconfig,
    logLevel: "warning",
  });
  await build({
    entryPoints: { core: path.join(root, "../core/src/index.ts") },
    outdir: dist,
    bundle: true,
    format: "esm",
    target,
    external: ["zod"],
    logLevel: "warning",
  });
  for (const file of outputModules(dist)) {
    const code = fs.readFileSync(file, "utf8");
    const core = path.relative(path.dirname(file), path.join(dist, "core.js")).replace(/^(?!\.)/, "./");
    const rewritten = code.replace(/from "@pixorly\/core"/g, `from "${core}"`);
    if (rewritten !== code) fs.writeFileSync(file, rewritten);
  }
}

function outputModules(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return outputModules(file);
    // The script-tag bundle and its chunks (dist/pixorly*.js) hold core already; modules such as
    // dist/client/pixorly-client.js are ordinary modules.
    const bundleFile = dir === dist && /^pixorly(-.*)?\.js$/.test(entry.name);
    return file.endsWith(".js") && !bundleFile ? [file] : [];
  });
}

fs.mkdirSync(dist, { recursive: true });
let firstPaint;
if (bundleOnly) {
  firstPaint = await buildBundle();
} else {
  fs.rmSync(dist, { recursive: true, force: true });
  fs.mkdirSync(dist);
  [firstPaint] = await Promise.all([buildBundle(), buildModules()]);
  execFileSync(bin("tsc"), ["-p", path.join(root, "tsconfig.build.json")], { cwd: root, stdio: "inherit" });
  emitCoreTypes(root, bin("tsc"));
  execFileSync(bin("cem"), ["analyze", "--config", "custom-elements-manifest.config.mjs", "--quiet"], {
    cwd: root,
    stdio: "inherit",
  });
}
const size = `first paint ${(firstPaint / 1024).toFixed(1)} KB gz of ${FIRST_PAINT_BUDGET / 1024}`;
console.log(
  `elements: built ${bundleOnly ? "dist/pixorly.js" : "dist/ and custom-elements.json"} in ${Date.now() - started} ms (${size})`,
);
