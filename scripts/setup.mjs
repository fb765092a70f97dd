#!/usr/bin/env node
/**
 * `npm run setup`: `npm install` with npm itself running on Node 24, the project's runtime, also on a
 * machine whose Node is older (the README's `npm install` works too: it installs Node 24 as a package, and
 * `.npmrc` quiets npm's engine checks, which run against the Node that runs npm). npm checks every
 * package's `engines` against the Node that runs npm itself (npm 11 has no setting to check against
 * another), so this is the install whose engine checks are meaningful. On an older Node this script runs the
 * same npm through `npm exec node@<version>` — the `node` package on the npm registry ships the binary,
 * no system install — and that npm installs the pinned `node` devDependency, whose
 * node_modules/.bin/node then runs every npm script (`npm start`, `npm test`, …) on Node 24.
 *
 * `npm run setup` runs `npm install`; `npm run setup -- ci` runs `npm ci` ; other
 * arguments go to npm as they are.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
const wanted = pkg.devDependencies?.node;
if (!/^\d+\.\d+\.\d+$/.test(wanted ?? "")) {
  console.error(`setup: package.json must pin the "node" devDependency to an exact version, found ${wanted}`);
  process.exit(1);
}

const args = process.argv.slice(2);
const npmArgs = args.length === 0 ? ["install"] : args;
// The npm that runs this script (`npm run setup`), or the one on PATH when the script is run directly.
const npmCli = process.env.npm_execpath ?? globalNpmCli();
const major = (version) => Number(version.replace(/^v/, "").split(".")[0]);

let command;
if (major(process.version) >= major(wanted)) {
  command = [process.execPath, npmCli, ...npmArgs];
  console.log(`setup: Node ${process.version}: npm ${npmArgs.join(" ")}`);
} else {
  // npm exec fetches node@<wanted> into npm's cache (once) and runs this same npm on it.
  command = [process.execPath, npmCli, "exec", "--yes", `--package=node@${wanted}`, "--", "node", npmCli, ...npmArgs];
  console.log(`setup: Node ${process.version} is older than ${wanted}: npm ${npmArgs.join(" ")} on node@${wanted}`);
}

const result = spawnSync(command[0], command.slice(1), { cwd: root, stdio: "inherit" });
if (result.error) {
  console.error(`setup: could not run ${command[0]}: ${result.error.message}`);
  process.exit(1);
}
process.exit(result.status ?? 1);

/** npm's own script (npm-cli.js), to run it on another Node. */
function globalNpmCli() {
  const found = spawnSync("npm", ["prefix", "-g"], { encoding: "utf8", shell: process.platform === "win32" });
  if (found.status !== 0) {
    console.error("setup: npm is not on PATH");
    process.exit(1);
  }
  return path.join(found.stdout.trim(), "lib/node_modules/npm/bin/npm-cli.js");
}
