/**
 * The backend's `_system/cli/*` queries, which the Convex CLI runs with the admin key over the socket
 * (`npx convex data`, `env get/list`, `export`, `import`): tables, a table's documents by creation time,
 * table sizes, environment variables, the latest snapshot export and the snapshot imports. Shapes are
 * what the CLI reads (its data.ts, env.ts, convexExport.ts, convexImport.ts). They are registered as
 * internal queries (engine.ts `systemModules`), so only an admin reaches them. Each notes what it reads,
 * so a subscription (the CLI waits on exports and imports this way) runs again when that changes.
 */
import { convexToJson, type Value } from "convex/values";
import { executions } from "./context.js";
import type { Engine } from "./engine.js";
import type { DeploymentEnv } from "./env-vars.js";
import type { RegisteredFunction } from "./modules.js";

/** Pseudo tables: state kept outside the documents, invalidated through a system transaction's writes. */
export const ENV_TABLE = "_environment_variables";
export const EXPORTS_TABLE = "_exports";
export const IMPORTS_TABLE = "_snapshot_imports";

export type SnapshotState = {
  latestExport(): Record<string, Value> | null;
  importState(id: string): Record<string, Value> | null;
  imports(): Record<string, Value>[];
};

type PaginationOpts = { cursor?: string | null; numItems?: number };

const FULL_RANGE_END = Buffer.from([0xff, 0xff]);

function query(handler: (args: Record<string, unknown>) => Value): RegisteredFunction {
  return {
    isQuery: true,
    isInternal: true,
    isPublic: false,
    invokeQuery: async (argsJson: string) => {
      const [args] = JSON.parse(argsJson) as [Record<string, unknown>];
      return JSON.stringify(convexToJson(handler(args ?? {})));
    },
  };
}

function reads(...tables: string[]) {
  const ctx = executions.getStore();
  for (const t of tables) ctx?.reads.add(t);
}

function argError(message: string): never {
  throw Object.assign(new Error(message), { name: "ArgumentValidationError" });
}

export function systemModules(
  engine: Engine,
  env: DeploymentEnv,
  snapshots: SnapshotState,
  cloudUrl: () => string,
): Map<string, Record<string, unknown>> {
  const userTables = () => {
    const declared = engine.schema?.documentTypes.keys() ?? [];
    const withDocs = engine.store
      .tableNames()
      .filter((t) => !t.startsWith("_") && engine.store.index(`${t}.by_creation_time`) && engine.store.count(t) > 0);
    return [...new Set([...declared, ...withDocs])].filter((t) => !t.startsWith("_")).sort();
  };

  const tables = query(() => {
    const names = userTables();
    reads(...names);
    return { page: names.map((name) => ({ name })), isDone: true, continueCursor: "end" };
  });

  const tableData = query((args) => {
    const table = args.table;
    if (typeof table !== "string") argError("`table` must be a string");
    const order = args.order === "asc" ? "asc" : "desc";
    const opts = (args.paginationOpts ?? {}) as PaginationOpts;
    const numItems = Math.max(1, Math.min(Number(opts.numItems ?? 100), 10_000));
    reads(table);
    const index = `${table}.by_creation_time`;
    if (!engine.store.index(index)) return { page: [], isDone: true, continueCursor: "end" };
    let lo = Buffer.alloc(0);
    let hi = FULL_RANGE_END;
    if (opts.cursor === "end") return { page: [], isDone: true, continueCursor: "end" };
    if (opts.cursor) {
      const after = Buffer.from(opts.cursor, "base64");
      if (order === "asc") lo = Buffer.concat([after, Buffer.from([0])]);
      else hi = after;
    }
    const page: Value[] = [];
    let last: Buffer | null = null;
    for (const { key, id } of engine.store.scan(index, lo, hi, order)) {
      const found = engine.store.get(id);
      if (!found) continue;
      page.push(found.doc as Value);
      last = key;
      if (page.length >= numItems) break;
    }
    const isDone = page.length < numItems;
    return { page, isDone, continueCursor: isDone || !last ? "end" : last.toString("base64") };
  });

  const tableSize = query((args) => {
    const table = args.tableName;
    if (typeof table !== "string") argError("`tableName` must be a string");
    reads(table);
    return engine.store.index(`${table}.by_creation_time`) ? engine.store.count(table) : 0;
  });

  const envList = query(() => {
    reads(ENV_TABLE);
    return env.list();
  });
  const envGet = query((args) => {
    if (typeof args.name !== "string") argError("`name` must be a string");
    reads(ENV_TABLE);
    return env.get(args.name);
  });

  const latestExport = query(() => {
    reads(EXPORTS_TABLE);
    return snapshots.latestExport();
  });

  const importState = query((args) => {
    if (typeof args.importId !== "string") argError("`importId` must be a string");
    reads(IMPORTS_TABLE);
    const state = snapshots.importState(args.importId);
    if (!state) throw new Error(`Import ${args.importId} not found`);
    return state;
  });
  const importList = query(() => {
    reads(IMPORTS_TABLE);
    return snapshots.imports();
  });

  const url = query(() => cloudUrl());

  // `npx convex function-spec`: every function with its validators, and the HTTP routes.
  const apiSpec = query(() => {
    const out: Value[] = [];
    for (const [modulePath, exports] of engine.app.modules) {
      for (const [name, value] of Object.entries(exports)) {
        const fn = value as RegisteredFunction | null;
        const functionType = fn?.isQuery ? "Query" : fn?.isMutation ? "Mutation" : fn?.isAction ? "Action" : null;
        if (!fn || !functionType) continue;
        out.push({
          functionType,
          identifier: `${modulePath}.js:${name}`,
          visibility: { kind: fn.isPublic ? "public" : "internal" },
          args: JSON.parse(fn.exportArgs?.() ?? '{"type":"any"}'),
          returns: JSON.parse(fn.exportReturns?.() ?? '{"type":"any"}'),
        });
      }
    }
    const router = engine.app.modules.get("http")?.default as
      { isRouter?: boolean; getRoutes?: () => [string, string, unknown][] } | undefined;
    if (router?.isRouter && router.getRoutes) {
      for (const [routePath, method] of router.getRoutes())
        out.push({ functionType: "HttpAction", method, path: routePath });
    }
    return out;
  });

  return new Map<string, Record<string, unknown>>([
    ["_system/cli/tables", { default: tables }],
    ["_system/cli/tableData", { default: tableData }],
    ["_system/cli/tableSize", { default: tableSize }],
    ["_system/cli/queryEnvironmentVariables", { default: envList, get: envGet }],
    ["_system/cli/exports", { getLatest: latestExport }],
    ["_system/cli/queryImport", { default: importState, list: importList }],
    ["_system/cli/convexUrl", { cloudUrl: url }],
    ["_system/cli/modules", { apiSpec }],
  ]);
}
