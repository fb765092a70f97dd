/**
 * Writes into pixorly.js the names of the chunks `loadStudio()` needs — the studio's chunk and every chunk it
 * imports statically — for the modulepreload links it adds when it loads the studio
 * (src/internal/preload-chunks.ts): the browser fetches them at once, not level by level.
 */
import fs from "node:fs";
import path from "node:path";

const PLACEHOLDER = "__PIXORLY_STUDIO_CHUNKS__";

/**
 * @param {string} dist the folder with pixorly.js and its chunks
 * @param {import('esbuild').Metafile} metafile the build's metafile, after merge-first-paint (updated in place)
 */
export function writePreloadList(dist, metafile) {
  const entry = "dist/pixorly.js";
  const studio = Object.keys(metafile.outputs).find((file) => /^dist\/pixorly-studio-\w+\.js$/.test(file));
  if (!studio) throw new Error("preload-list: no pixorly-studio-*.js chunk in the build");
  const chunks = [];
  const walk = (file) => {
    if (file === entry || chunks.includes(file)) return;
    chunks.push(file);
    for (const { path: imported, kind } of metafile.outputs[file].imports ?? [])
      if (kind === "import-statement") walk(imported);
  };
  walk(studio);
  const file = path.join(dist, "pixorly.js");
  const code = fs.readFileSync(file, "utf8");
  if (!code.includes(PLACEHOLDER)) throw new Error(`preload-list: pixorly.js does not hold ${PLACEHOLDER}`);
  fs.writeFileSync(file, code.replaceAll(PLACEHOLDER, chunks.map((chunk) => path.basename(chunk)).join(",")));
  metafile.outputs[entry].bytes = fs.statSync(file).size;
}
