/**
 * `dist/pixorly.licenses.txt`: the licence of every npm package bundled into pixorly.js and its
 * chunks, read from esbuild's metafile (so the list is exactly what ships, not what is installed),
 * with each package's version, licence name and full licence text. The script-tag file is
 * minified with `legalComments: 'none'`, so this file is how their notices travel with it.
 *
 *   node scripts/licenses.mjs [dist]     rewrite the file from dist/pixorly.meta.json
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const LICENSE_FILE = /^(licen[cs]e|copying)(\.(md|txt))?$/i;

/** `node_modules/@scope/name/…` or `node_modules/name/…` → the package folder, innermost node_modules wins. */
function packageDir(input) {
  const abs = path.resolve(root, input);
  const marker = `${path.sep}node_modules${path.sep}`;
  const at = abs.lastIndexOf(marker);
  if (at < 0) return null;
  const rest = abs.slice(at + marker.length).split(path.sep);
  const name = rest[0].startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0];
  return path.join(abs.slice(0, at + marker.length), name);
}

/** The workspace's own packages bundled from source (`@pixorly/core`), found by their package.json. */
function workspaceDir(input) {
  let dir = path.dirname(path.resolve(root, input));
  while (dir !== path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "package.json"))) return dir;
    dir = path.dirname(dir);
  }
  return null;
}

export function bundledPackages(metafile) {
  const dirs = new Set();
  for (const input of Object.keys(metafile.inputs)) {
    const dir = packageDir(input) ?? workspaceDir(input);
    if (dir && dir !== root) dirs.add(dir);
  }
  return [...dirs]
    .map((dir) => {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
      const file = fs.readdirSync(dir).find((name) => LICENSE_FILE.test(name));
      return {
        name: pkg.name,
        version: pkg.version,
        license: typeof pkg.license === "string" ? pkg.license : (pkg.license?.type ?? "UNKNOWN"),
        author: typeof pkg.author === "string" ? pkg.author : pkg.author?.name,
        text: file ? fs.readFileSync(path.join(dir, file), "utf8").trim() : null,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function writeLicenses(dist, metafile) {
  const own = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
  const packages = bundledPackages(metafile);
  // A package may declare its licence without shipping the text (thumbhash: MIT, no file): name it, its
  // author and the SPDX text's address. One with neither stops the build: it cannot ship without a notice.
  for (const p of packages) {
    if (p.text) continue;
    if (!/^[A-Za-z0-9.+-]+$/.test(p.license) || p.license === "UNKNOWN")
      throw new Error(`${p.name} declares no licence: pixorly.js cannot ship it`);
    p.text = `${p.license} licence${p.author ? `, copyright ${p.author}` : ""}. The package ships no licence file; the licence text is https://spdx.org/licenses/${p.license}.html`;
  }
  const header = [
    `pixorly.js ${own.version} — ${own.license}. It bundles the packages below; their licences follow.`,
    "",
    ...packages.map((p) => `  ${p.name}@${p.version}  ${p.license}`),
  ].join("\n");
  const sections = packages.map((p) => `${"-".repeat(78)}\n${p.name}@${p.version} (${p.license})\n\n${p.text}`);
  fs.writeFileSync(path.join(dist, "pixorly.licenses.txt"), `${header}\n\n${sections.join("\n\n")}\n`);
  return packages;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dist = path.resolve(process.argv[2] ?? path.join(root, "dist"));
  const metafile = JSON.parse(fs.readFileSync(path.join(dist, "pixorly.meta.json"), "utf8"));
  const packages = writeLicenses(dist, metafile);
  console.log(
    `elements: ${packages.length} bundled packages' licences in ${path.relative(process.cwd(), path.join(dist, "pixorly.licenses.txt"))}`,
  );
}
