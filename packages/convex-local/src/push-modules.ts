/**
 * Modules pushed by `npx convex dev` / `deploy` (deploy.ts): the CLI has already bundled them with esbuild
 * (ESM, `convex/server` inside, shared chunks under `_deps/`), so they are written as they are into a new
 * build folder beside the app's node_modules (`package.json` with `"type": "module"` makes the `.js` files
 * ESM; each gets its source map) and imported. `analyzeModules` describes their functions the way the
 * backend's analysis does, for the CLI's codegen and push diff.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { buildWorkerEntry, cacheRoot, newBuildDir, type LoadedApp, type RegisteredFunction } from "./modules.js";

export type PushedModule = { path: string; source: string; sourceMap?: string | null; environment: string };

export class PushError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The hash the CLI compares (`hash()` in the CLI's components.ts): sha256 of source then source map, hex. */
export function moduleHash(m: PushedModule): string {
  return createHash("sha256")
    .update(m.source)
    .update(m.sourceMap ?? "")
    .digest("hex");
}

/** `messages.js`, `dir/mod.js`, `_deps/ABC.js`: relative, no `..`, ending in `.js`. */
function checkPath(p: unknown): string {
  if (typeof p !== "string" || p.length > 1024 || !p.endsWith(".js") || p.includes("\\") || p.includes("\0")) {
    throw new PushError(
      "InvalidModulePath",
      `Invalid module path ${JSON.stringify(p)}: module paths are relative and end in .js`,
    );
  }
  if (p.split("/").some((part) => part === "" || part === "." || part === "..")) {
    throw new PushError(
      "InvalidModulePath",
      `Invalid module path ${JSON.stringify(p)}: module paths are relative and end in .js`,
    );
  }
  return p;
}

/**
 * The CLI's maps name sources relative to the functions folder it bundled (`../convex/x.ts`), which means
 * nothing beside the build folder here. The CLI runs on this machine and pushes the folder this server
 * serves, so each source that exists relative to `appDir` is named absolutely: stack traces then point at
 * the app's TypeScript (errors.ts shows them relative to the app folder).
 */
function withAbsoluteSources(sourceMap: string, appDir: string): string {
  try {
    const map = JSON.parse(sourceMap) as { sources?: string[] };
    if (!Array.isArray(map.sources)) return sourceMap;
    map.sources = map.sources.map((src) => {
      const candidate = path.resolve(appDir, src);
      return fs.existsSync(candidate) ? candidate : src;
    });
    return JSON.stringify(map);
  } catch {
    return sourceMap;
  }
}

/** Chunks shared by modules: written, never imported as modules of their own. */
const isChunk = (p: string) => p.startsWith("_deps/");

export async function loadPushedApp(
  appDir: string,
  modules: PushedModule[],
  schema: PushedModule | null,
): Promise<LoadedApp> {
  const buildDir = newBuildDir(cacheRoot(appDir));
  fs.mkdirSync(buildDir, { recursive: true });
  try {
    fs.writeFileSync(path.join(buildDir, "package.json"), JSON.stringify({ type: "module" }));
    const all = schema ? [...modules, { ...schema, path: "schema.js" }] : modules;
    for (const m of all) {
      const rel = checkPath(m.path);
      if (typeof m.source !== "string") throw new PushError("InvalidModule", `Module ${rel} has no source`);
      const file = path.join(buildDir, rel);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      if (m.sourceMap) {
        fs.writeFileSync(`${file}.map`, withAbsoluteSources(m.sourceMap, appDir));
        const linked = /\/\/# sourceMappingURL=\S+\s*$/.test(m.source);
        fs.writeFileSync(file, linked ? m.source : `${m.source}\n//# sourceMappingURL=${path.basename(rel)}.map\n`);
      } else {
        fs.writeFileSync(file, m.source);
      }
    }
    const workerEntry = await buildWorkerEntry(buildDir);
    const loaded = new Map<string, Record<string, unknown>>();
    let schemaExport: LoadedApp["schema"] = null;
    let authConfig: LoadedApp["authConfig"] = null;
    for (const m of all) {
      if (isChunk(m.path)) continue;
      let exports: Record<string, unknown>;
      try {
        exports = (await import(pathToFileURL(path.join(buildDir, m.path)).href)) as Record<string, unknown>;
      } catch (e) {
        throw new PushError(
          "ModuleAnalysisError",
          `Failed to analyze ${m.path}: Uncaught ${(e as Error)?.name ?? "Error"}: ${(e as Error)?.message ?? String(e)}`,
        );
      }
      const modulePath = m.path.slice(0, -".js".length);
      if (modulePath === "schema") schemaExport = (exports.default as LoadedApp["schema"]) ?? null;
      else if (modulePath === "auth.config") authConfig = (exports.default as LoadedApp["authConfig"]) ?? null;
      else loaded.set(modulePath, exports);
    }
    return { modules: loaded, schema: schemaExport, authConfig, buildDir, workerEntry, moduleExt: ".js" };
  } catch (e) {
    fs.rmSync(buildDir, { recursive: true, force: true });
    throw e;
  }
}

const UDF_TYPE = (fn: RegisteredFunction) =>
  fn.isQuery ? "Query" : fn.isMutation ? "Mutation" : fn.isAction ? "Action" : null;

/** The backend's per-module analysis (`analyzedModule` in the CLI's deployApi/modules.ts), keyed `messages.js`. */
export function analyzeModules(app: LoadedApp): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [modulePath, exports] of app.modules) {
    const functions = [];
    for (const [name, value] of Object.entries(exports)) {
      const fn = value as RegisteredFunction | null;
      const udfType = fn && (typeof fn === "function" || typeof fn === "object") ? UDF_TYPE(fn) : null;
      if (!udfType) continue;
      functions.push({
        name,
        pos: null,
        udfType,
        visibility: { kind: fn!.isPublic ? "public" : "internal" },
        args: fn!.exportArgs?.() ?? null,
        returns: fn!.exportReturns?.() ?? null,
      });
    }
    out[`${modulePath}.js`] = {
      functions,
      httpRoutes: modulePath === "http" ? httpRoutes(app) : null,
      cronSpecs: modulePath === "crons" ? cronNames(app) : null,
      sourceMapped: null,
    };
  }
  return out;
}

type Router = { isRouter?: boolean; getRoutes?: () => [string, string, unknown][] };

/** `http.js`'s routes as `{ path, method }` (null without an HTTP router). */
export function httpRoutes(app: LoadedApp): { path: string; method: string }[] | null {
  const router = app.modules.get("http")?.default as Router | undefined;
  if (!router?.isRouter || typeof router.getRoutes !== "function") return null;
  return router.getRoutes().map(([routePath, method]) => ({ path: routePath, method }));
}

type Crons = { isCrons?: boolean; crons?: Record<string, unknown> };

export function cronNames(app: LoadedApp): string[] {
  const crons = app.modules.get("crons")?.default as Crons | undefined;
  return crons?.isCrons ? Object.keys(crons.crons ?? {}) : [];
}

export function cronSpecs(app: LoadedApp): Record<string, unknown> {
  const crons = app.modules.get("crons")?.default as Crons | undefined;
  return crons?.isCrons ? (crons.crons ?? {}) : {};
}
