/**
 * Loads a Convex app's `convex/` folder the way the Convex CLI does: every
 * module is bundled with esbuild (TypeScript, npm imports), then imported.
 * Source maps are kept so stack traces point at the TypeScript source.
 */
import * as esbuild from "esbuild";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export type RegisteredFunction = {
  isQuery?: boolean;
  isMutation?: boolean;
  isAction?: boolean;
  isHttp?: boolean;
  isPublic?: boolean;
  isInternal?: boolean;
  invokeQuery?: (argsJson: string) => Promise<string>;
  invokeMutation?: (argsJson: string) => Promise<string>;
  invokeAction?: (requestId: string, argsJson: string) => Promise<string>;
  exportArgs?: () => string;
  exportReturns?: () => string;
};

export type LoadedApp = {
  /** Module path without extension (`messages`, `dir/module`) → its exports. */
  modules: Map<string, Record<string, unknown>>;
  schema: { export(): string } | null;
  authConfig: { providers?: unknown[] } | null;
  buildDir: string;
  /** The action worker's entry, bundled beside the app's modules (worker-main.ts). */
  workerEntry: string;
  /** Extension of the built module files in buildDir (`.mjs`; `.js` for modules pushed by the CLI, push-modules.ts). */
  moduleExt?: string;
};

/** worker-main.ts in the workspace; worker-main.js beside the built package's dist/index.js (scripts/build.mjs). */
const WORKER_SOURCE = [".ts", ".js"]
  .map((ext) => fileURLToPath(new URL(`./worker-main${ext}`, import.meta.url)))
  .find((file) => fs.existsSync(file))!;

const SOURCE_EXT = /\.(ts|tsx|js|jsx|mjs|cjs|mts|cts)$/;

/** The module files of a Convex folder, relative, as the CLI picks them. */
export function listModuleFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const name = entry.name;
      const relPath = rel ? `${rel}/${name}` : name;
      if (name.startsWith(".") || name.startsWith("#") || name === "node_modules" || name === "_generated") continue;
      if (entry.isDirectory()) {
        walk(relPath);
        continue;
      }
      if (!SOURCE_EXT.test(name)) continue;
      if (name === "auth.config.ts" || name === "auth.config.js") {
        out.push(relPath);
        continue;
      }
      // The Convex CLI's rules: names with more than one dot (tests, configs, d.ts) and paths with spaces are not modules.
      if ((name.match(/\./g) ?? []).length > 1 || relPath.includes(" ")) continue;
      out.push(relPath);
    }
  };
  walk("");
  return out.sort();
}

/** Where bundles go: beside the app's node_modules, so npm imports resolve. */
export function cacheRoot(dir: string): string {
  let cur = path.resolve(dir);
  for (;;) {
    const nm = path.join(cur, "node_modules");
    if (fs.existsSync(nm)) return path.join(nm, ".cache", "convex-local");
    const parent = path.dirname(cur);
    if (parent === cur) throw new Error(`No node_modules folder above ${dir}: install the app's dependencies first`);
    cur = parent;
  }
}

let buildCounter = 0;

/**
 * Packages installed in node_modules stay external (loaded by Node, one shared
 * copy of `convex`); workspace packages linked from source are bundled, as the
 * Convex CLI would bundle them for deployment.
 */
const externalizeInstalledPackages: esbuild.Plugin = {
  name: "externalize-installed-packages",
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.pluginData?.fromPlugin || args.path.startsWith("node:")) return undefined;
      const resolved = await build.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        importer: args.importer,
        pluginData: { fromPlugin: true },
      });
      if (resolved.errors.length) return { errors: resolved.errors };
      if (resolved.external || resolved.path.includes(`${path.sep}node_modules${path.sep}`)) {
        return { path: args.path, external: true };
      }
      return { path: resolved.path };
    });
  },
};

export async function loadApp(dir: string): Promise<LoadedApp> {
  const absDir = path.resolve(dir);
  if (!fs.existsSync(absDir)) throw new Error(`Convex folder not found: ${absDir}`);
  const files = listModuleFiles(absDir);
  const root = cacheRoot(absDir);
  const buildDir = newBuildDir(root);
  const result = await esbuild.build({
    absWorkingDir: absDir,
    entryPoints: files.map((f) => path.join(absDir, f)),
    outbase: absDir,
    outdir: buildDir,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    plugins: [externalizeInstalledPackages],
    sourcemap: "linked",
    outExtension: { ".js": ".mjs" },
    logLevel: "silent",
    metafile: false,
  });
  if (result.errors.length) throw new Error(result.errors.map((e) => e.text).join("\n"));
  const workerEntry = await buildWorkerEntry(buildDir);
  const modules = new Map<string, Record<string, unknown>>();
  let schema: LoadedApp["schema"] = null;
  let authConfig: LoadedApp["authConfig"] = null;
  for (const file of files) {
    const modulePath = file.replace(SOURCE_EXT, "");
    const built = path.join(buildDir, `${modulePath}.mjs`);
    const exports = (await import(pathToFileURL(built).href)) as Record<string, unknown>;
    if (modulePath === "schema") schema = (exports.default as LoadedApp["schema"]) ?? null;
    else if (modulePath === "auth.config") authConfig = (exports.default as LoadedApp["authConfig"]) ?? null;
    else modules.set(modulePath, exports);
  }
  pruneOldBuilds(root, buildDir);
  return { modules, schema, authConfig, buildDir, workerEntry };
}

/** A new build folder of this process under the cache root (older ones go with pruneOldBuilds). */
export function newBuildDir(root: string): string {
  return path.join(root, `build-${process.pid}-${Date.now()}-${buildCounter++}`);
}

/** Bundles the action worker's entry into `buildDir` (installed packages stay external). */
export async function buildWorkerEntry(buildDir: string): Promise<string> {
  const workerEntry = path.join(buildDir, "_convex_local_worker.mjs");
  await esbuild.build({
    entryPoints: [WORKER_SOURCE],
    outfile: workerEntry,
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    packages: "external",
    sourcemap: "linked",
    logLevel: "silent",
  });
  return workerEntry;
}

export function pruneOldBuilds(root: string, keep: string) {
  const mine = `build-${process.pid}-`;
  for (const name of fs.readdirSync(root)) {
    const full = path.join(root, name);
    if (full === keep) continue;
    // Builds of this process other than the newest, and builds of dead processes.
    const pid = Number(name.split("-")[1]);
    const alive = (() => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    })();
    if (name.startsWith(mine) || !alive) fs.rmSync(full, { recursive: true, force: true });
  }
}

/** Splits `dir/module:export` (or `module` for the default export, `.js` allowed). */
export function parseUdfPath(udfPath: string): { modulePath: string; exportName: string } {
  if (typeof udfPath !== "string" || udfPath.length === 0 || udfPath.length > 1024) {
    throw new Error(`Invalid function path: ${JSON.stringify(udfPath)}`);
  }
  const [mod, exportName = "default", ...rest] = udfPath.split(":");
  if (rest.length) throw new Error(`Invalid function path: ${JSON.stringify(udfPath)}`);
  return { modulePath: mod.replace(/\.(js|ts)$/, ""), exportName };
}

/** The canonical form Convex prints: `module:export` (`.js` dropped). */
export function canonicalPath(udfPath: string): string {
  const { modulePath, exportName } = parseUdfPath(udfPath);
  return `${modulePath}:${exportName}`;
}
