/**
 * @pixorly/core inside @pixorly/elements. Core is the private contract between Pixorly's own
 * layers (Convex, the edge API, the elements): it changes whenever they do, so publishing it would
 * turn every internal refactor into a semver decision for strangers. Instead its JavaScript is
 * bundled into `dist/core.js` (scripts/build.mjs) and its declarations are emitted here into
 * `dist/core/`, with every `@pixorly/core` specifier in the elements' declarations pointed at them:
 * the published package needs nothing that is not on npm.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/** `'./errors'` → `'./errors.js'`: core is written for bundlers; Node16 consumers need the extension. */
const RELATIVE_WITHOUT_EXT = /((?:from|import)\s*\(?\s*['"])(\.{1,2}\/[^'"]+?)(?<!\.js)(['"])/g;
const CORE_SPECIFIER = /((?:from|import)\s*\(?\s*['"])@pixorly\/core(['"])/g;

function declarationFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return declarationFiles(file);
    return file.endsWith(".d.ts") ? [file] : [];
  });
}

export function emitCoreTypes(root, tsc) {
  const dist = path.join(root, "dist");
  const coreTypes = path.join(dist, "core");
  execFileSync(tsc, ["-p", path.join(root, "tsconfig.core-types.json")], { cwd: root, stdio: "inherit" });
  for (const file of declarationFiles(coreTypes)) {
    const text = fs.readFileSync(file, "utf8");
    fs.writeFileSync(file, text.replace(RELATIVE_WITHOUT_EXT, "$1$2.js$3"));
  }
  for (const file of declarationFiles(dist)) {
    if (file.startsWith(coreTypes + path.sep)) continue;
    const text = fs.readFileSync(file, "utf8");
    const target = path.relative(path.dirname(file), path.join(coreTypes, "index.js")).replace(/^(?!\.)/, "./");
    const rewritten = text.replace(CORE_SPECIFIER, `$1${target}$2`);
    if (rewritten !== text) fs.writeFileSync(file, rewritten);
  }
}
