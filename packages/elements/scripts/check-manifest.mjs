#!/usr/bin/env node
/**
 * The committed `custom-elements.json` must be what the analyzer makes from the code today (issue 18):
 * Storybook's controls, the React wrappers' docs and editors read it, so a stale one misleads them.
 * The analyzer joins `--outdir` to the package folder, so it writes into a temporary folder there (removed
 * after) and the two are compared; `npm run analyze` rewrites the committed one.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const out = fs.mkdtempSync(path.join(root, ".manifest-check-"));
// The analyzer also points package.json's `customElements` at its output folder: put it back after, or
// package.json is left naming a removed temporary folder.
const packageJson = path.join(root, "package.json");
const packageText = fs.readFileSync(packageJson, "utf8");
try {
  execFileSync(
    path.join(root, "../../node_modules/.bin/cem"),
    ["analyze", "--config", "custom-elements-manifest.config.mjs", "--outdir", path.relative(root, out), "--quiet"],
    { cwd: root, stdio: "inherit" },
  );
  const fresh = fs.readFileSync(path.join(out, "custom-elements.json"), "utf8");
  const committed = fs.readFileSync(path.join(root, "custom-elements.json"), "utf8");
  // The analyzer lists modules in the order its file walk meets them, which varies: compare them by path.
  const normalized = (text) => {
    const manifest = JSON.parse(text);
    manifest.modules?.sort((a, b) => a.path.localeCompare(b.path));
    return JSON.stringify(manifest);
  };
  if (normalized(fresh) !== normalized(committed)) {
    console.error(
      "elements: custom-elements.json is stale against the code: run `npm run analyze -w @pixorly/elements` and commit it.",
    );
    process.exitCode = 1;
  } else {
    console.log("elements: custom-elements.json matches the code");
  }
} finally {
  fs.rmSync(out, { recursive: true, force: true });
  if (fs.readFileSync(packageJson, "utf8") !== packageText) fs.writeFileSync(packageJson, packageText);
}
