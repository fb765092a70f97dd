/**
 * Subresource-integrity hashes for the script tag: `dist/pixorly.sri.json` (written by every bundle
 * build) and, run directly, the snippet to paste, for the edge API's versioned URL and for npm CDNs.
 *
 *   node scripts/sri.mjs [--base https://api.example.com]
 *
 * `integrity` covers pixorly.js itself. Its lazy chunks are loaded by `import()` relative to it and
 * carry content hashes in their names; browsers that support import-map integrity can pin them too
 * with the `chunks` hashes in the JSON file.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export function integrityOf(bytes) {
  return `sha384-${crypto.createHash("sha384").update(bytes).digest("base64")}`;
}

export function writeSri(dist) {
  const { version } = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
  const files = fs
    .readdirSync(dist)
    .filter((name) => /^pixorly(-.*)?\.js$/.test(name))
    .sort();
  const hashes = Object.fromEntries(files.map((name) => [name, integrityOf(fs.readFileSync(path.join(dist, name)))]));
  const { "pixorly.js": integrity, ...chunks } = hashes;
  const sri = { version, file: "pixorly.js", integrity, chunks };
  fs.writeFileSync(path.join(dist, "pixorly.sri.json"), `${JSON.stringify(sri, null, 2)}\n`);
  return sri;
}

export function snippets(sri, base = "https://api.pixorly.com") {
  const tag = (src) =>
    `<script type="module" src="${src}" integrity="${sri.integrity}" crossorigin="anonymous"></script>`;
  return [
    `<!-- Pixorly ${sri.version}: the edge API -->`,
    tag(`${base.replace(/\/$/, "")}/elements/${sri.version}/pixorly.js`),
    `<!-- or an npm CDN -->`,
    tag(`https://cdn.jsdelivr.net/npm/@pixorly/elements@${sri.version}/dist/pixorly.js`),
  ].join("\n");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf("--base");
  const sri = writeSri(path.join(root, "dist"));
  console.log(snippets(sri, at > 0 ? process.argv[at + 1] : undefined));
}
