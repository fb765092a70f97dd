/**
 * The supported-browser floor, written once as `browserslist` in package.json (what the specification
 * promises: Chrome/Edge 90+, Firefox 88+, Safari and iOS Safari 14+, current Samsung Internet and Android
 * Chrome), turned into esbuild's `target` list for every build of the elements and checked by
 * tests/elements-browser-floor.test.ts. Only `<browser> >= <version>` entries set a floor; the
 * `last N … versions` entries name browsers that are current by definition (newer than any floor here).
 * Reading the list ourselves, rather than through the browserslist package, keeps caniuse's database out
 * of the build: esbuild knows the engines itself.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

// browserslist names → esbuild engine names.
const ENGINES = { chrome: "chrome", edge: "edge", firefox: "firefox", safari: "safari", ios_saf: "ios" };

/** The `browserslist` entries of packages/elements/package.json. */
export function browserslist() {
  return JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).browserslist;
}

/** esbuild targets (`['chrome90', 'edge90', 'firefox88', 'safari14', 'ios14']`) for a browserslist. */
export function esbuildTargets(queries = browserslist()) {
  if (!Array.isArray(queries) || queries.length === 0)
    throw new Error('packages/elements/package.json: "browserslist" must be a non-empty list');
  const targets = [];
  for (const query of queries) {
    const floor = /^(\w+)\s*>=\s*(\d+(?:\.\d+)?)$/.exec(query.trim());
    if (floor) {
      const engine = ENGINES[floor[1].toLowerCase()];
      if (!engine) throw new Error(`browserslist: no esbuild engine for "${floor[1]}" in "${query}"`);
      targets.push(`${engine}${floor[2]}`);
    } else if (!/^last \d+ \w+ versions?$/.test(query.trim())) {
      throw new Error(`browserslist: "${query}" is neither "<browser> >= <version>" nor "last N <browser> versions"`);
    }
  }
  return targets;
}
