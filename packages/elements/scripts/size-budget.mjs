/**
 * The size budget of the first paint: pixorly.js plus every chunk it imports statically, each gzipped
 * on its own as it is served, must stay ≤ 60 KB. Every bundle build checks it and fails past it, so a
 * dependency that would slow partners' pages is caught where it is added (`npm run bench` prints the
 * breakdown by package).
 */
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

export const FIRST_PAINT_BUDGET = 60 * 1024;

/** The output files the browser needs before the first paint (paths as the metafile names them). */
export function firstPaintFiles(metafile, entry = "dist/pixorly.js") {
  const files = new Set();
  const visit = (file) => {
    if (files.has(file) || !metafile.outputs[file]) return;
    files.add(file);
    for (const imported of metafile.outputs[file].imports ?? [])
      if (imported.kind === "import-statement") visit(imported.path);
  };
  visit(entry);
  return files;
}

export function checkSizeBudget(root, metafile, budget = FIRST_PAINT_BUDGET) {
  const files = firstPaintFiles(metafile);
  const gzipped = [...files].reduce((sum, file) => {
    const full = path.join(root, file);
    return fs.existsSync(full) ? sum + zlib.gzipSync(fs.readFileSync(full), { level: 9 }).length : sum;
  }, 0);
  if (gzipped > budget) {
    throw new Error(
      `pixorly.js's first paint is ${(gzipped / 1024).toFixed(1)} KB gzipped, over its ${(budget / 1024).toFixed(0)} KB budget ` +
        `(${[...files].join(", ")}): move what is not needed for the first paint into a lazy chunk (npm run bench shows what it holds)`,
    );
  }
  return gzipped;
}
