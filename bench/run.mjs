#!/usr/bin/env node
/**
 * `npm run bench`: runs every `bench/*.bench.ts` with `npx tsx`, one after
 * another, with inherited stdio. Exits non-zero if any of them fails.
 * Optional arguments filter the files by substring: `node bench/run.mjs convex`.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(benchDir);
const filters = process.argv.slice(2);
const files = fs
  .readdirSync(benchDir)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)))
  .sort();

if (files.length === 0) {
  console.error(`bench: no bench/*.bench.ts files${filters.length ? ` matching ${filters.join(", ")}` : ""}`);
  process.exit(1);
}

const failed = [];
for (const file of files) {
  const rel = path.join("bench", file);
  console.log(`\n=== ${rel} ===`);
  const started = Date.now();
  const result = spawnSync("npx", ["tsx", rel], {
    cwd: root,
    stdio: "inherit",
    env: process.env,
    shell: process.platform === "win32",
  });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (result.error || result.status !== 0) {
    const why = result.error
      ? result.error.message
      : result.signal
        ? `signal ${result.signal}`
        : `exit code ${result.status}`;
    console.error(`=== ${rel} FAILED (${why}) after ${secs}s ===`);
    failed.push(rel);
  } else {
    console.log(`=== ${rel} done in ${secs}s ===`);
  }
}

if (failed.length) {
  console.error(`\nbench: ${failed.length} of ${files.length} failed: ${failed.join(", ")}`);
  process.exit(1);
}
console.log(`\nbench: all ${files.length} passed`);
