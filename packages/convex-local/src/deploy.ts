/**
 * `npx convex dev` / `deploy` in self-hosted mode: the backend's push protocol (deploy2 routes; request and
 * answer shapes from the CLI's deployApi/*.ts). `start_push` writes and imports the CLI's bundles
 * (push-modules.ts), parses schema, auth config and crons and answers the analysis the CLI generates code
 * from; nothing changes yet. `wait_for_schema` checks every existing document against the new schema;
 * `finish_push` checks again and installs the new app (the same `install` as a reload: indexes backfilled,
 * auth config and crons replaced) under the engine lock, so no function sees half a push. A failing check
 * answers `{type: "failed", error, tableName}`, which the CLI prints, and the running app stays.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { jsonToConvex, type Value } from "convex/values";
import { AuthVerifier } from "./auth.js";
import { nextRunTime, type Schedule } from "./cron.js";
import type { Engine } from "./engine.js";
import type { DeploymentEnv } from "./env-vars.js";
import { pruneOldBuilds, cacheRoot, type LoadedApp } from "./modules.js";
import {
  analyzeModules,
  cronSpecs,
  httpRoutes,
  loadPushedApp,
  moduleHash,
  PushError,
  type PushedModule,
} from "./push-modules.js";
import { parseSchema, type AppSchema } from "./schema.js";
import { ALL_TABLES } from "./sync.js";
import { checkValue } from "./validators.js";

type Pending = {
  id: string;
  app: LoadedApp;
  schema: AppSchema;
  modules: PushedModule[];
  functions: string;
  failed?: SchemaFailure | null;
};
type SchemaFailure = { error: string; tableName: string | null };
type IndexConfig = Record<string, unknown> & { name: string; type: string };

const SERVER_VERSION = "1.48.0";

function indexConfigs(schema: AppSchema): IndexConfig[] {
  const out: IndexConfig[] = [];
  for (const idx of schema.indexes) {
    const short = idx.name.slice(idx.table.length + 1);
    if (short === "by_id" || short === "by_creation_time") continue;
    out.push({ name: idx.name, type: "database", fields: idx.fields.slice(0, -2) });
  }
  for (const s of schema.searchIndexes.values())
    out.push({ name: s.name, type: "search", searchField: s.searchField, filterFields: s.filterFields });
  const vectors = (
    schema as {
      vectorIndexes?: Map<string, { name: string; vectorField: string; dimensions: number; filterFields: string[] }>;
    }
  ).vectorIndexes;
  for (const vi of vectors?.values() ?? []) {
    out.push({
      name: vi.name,
      type: "vector",
      vectorField: vi.vectorField,
      dimensions: vi.dimensions,
      filterFields: vi.filterFields,
    });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

function indexDiff(before: AppSchema | null, after: AppSchema) {
  const key = (c: IndexConfig) => JSON.stringify(c);
  const old = new Map((before ? indexConfigs(before) : []).map((c) => [key(c), c]));
  const next = new Map(indexConfigs(after).map((c) => [key(c), c]));
  return {
    added_indexes: [...next.entries()].filter(([k]) => !old.has(k)).map(([, c]) => c),
    removed_indexes: [...old.entries()].filter(([k]) => !next.has(k)).map(([, c]) => c),
  };
}

function providerNames(app: LoadedApp): string[] {
  return ((app.authConfig?.providers ?? []) as Record<string, unknown>[]).map((p) =>
    String(p.type === "customJwt" ? p.issuer : p.domain),
  );
}

/** The providers as the backend answers them in `appAuth` (the CLI's deployApi/types.ts authInfo). */
function appAuth(app: LoadedApp): unknown[] {
  return ((app.authConfig?.providers ?? []) as Record<string, unknown>[]).map((p) =>
    p.type === "customJwt"
      ? {
          type: "customJwt",
          applicationID: p.applicationID ?? null,
          issuer: p.issuer,
          jwks: p.jwks,
          algorithm: p.algorithm,
        }
      : { applicationID: p.applicationID, domain: p.domain },
  );
}

function schemaJson(app: LoadedApp | null): string | null {
  return app?.schema ? app.schema.export() : null;
}

export class Deployer {
  private pending = new Map<string, Pending>();
  /** The push now running (for get_config_hashes); null while the app comes from the folder. */
  private current: { app: LoadedApp; modules: PushedModule[]; functions: string } | null = null;

  constructor(
    private engine: Engine,
    private install: (app: LoadedApp) => void,
    private env: DeploymentEnv,
    private urls: () => { convexCloudUrl: string; convexSiteUrl: string },
  ) {}

  canonicalUrls() {
    return this.urls();
  }

  /** `/api/get_config_hashes`: what runs now, so the CLI sends only changed modules. */
  configHashes() {
    const running = this.current && this.current.app === this.engine.app ? this.current : null;
    return {
      config: { functions: running?.functions ?? "convex/", authInfo: appAuth(this.engine.app) },
      moduleHashes: (running?.modules ?? []).map((m) => ({
        path: m.path,
        hash: moduleHash(m),
        environment: m.environment,
      })),
      nodeDependencies: [],
      udfServerVersion: SERVER_VERSION,
    };
  }

  private modulesOf(body: Record<string, unknown>): {
    modules: PushedModule[];
    schema: PushedModule | null;
    functions: string;
  } {
    const def = body.appDefinition as Record<string, unknown> | undefined;
    if (!def || typeof def !== "object") throw new PushError("InvalidPush", "The push request has no appDefinition");
    if (Array.isArray(body.componentDefinitions) && body.componentDefinitions.length > 0) {
      throw new PushError(
        "ComponentsNotSupported",
        "convex-local does not support components (convex.config.ts with app.use(...)) yet",
      );
    }
    const changed = (def.changedModules ?? []) as PushedModule[];
    const unchanged = (def.unchangedModuleHashes ?? []) as { path: string; sha256: string }[];
    if (!Array.isArray(changed) || !Array.isArray(unchanged))
      throw new PushError("InvalidPush", "changedModules and unchangedModuleHashes must be arrays");
    const running = this.current && this.current.app === this.engine.app ? this.current.modules : [];
    const byPath = new Map(running.map((m) => [m.path, m]));
    const modules = [...changed];
    for (const u of unchanged) {
      const have = byPath.get(u.path);
      if (!have || moduleHash(have) !== u.sha256) {
        throw new PushError(
          "ModuleNotFound",
          `Module ${u.path} was sent as unchanged, but this deployment does not have it: push again`,
        );
      }
      modules.push(have);
    }
    return {
      modules,
      schema: (def.schema as PushedModule | null) ?? null,
      functions: typeof body.functions === "string" ? body.functions : "convex/",
    };
  }

  /** Loads and checks a push without installing it. */
  private async prepare(body: Record<string, unknown>): Promise<Pending> {
    const { modules, schema: schemaModule, functions } = this.modulesOf(body);
    const app = await loadPushedApp(this.engine.appDir, modules, schemaModule);
    try {
      let schema: AppSchema;
      try {
        schema = parseSchema(app.schema, this.engine.store.tableNames());
      } catch (e) {
        throw new PushError("InvalidSchema", `Hit an error while evaluating your schema:\n${(e as Error).message}`);
      }
      try {
        new AuthVerifier(app.authConfig);
      } catch (e) {
        throw new PushError("InvalidAuthConfig", (e as Error).message);
      }
      for (const [name, spec] of Object.entries(cronSpecs(app))) {
        try {
          nextRunTime((spec as { schedule: Schedule }).schedule, Date.now());
        } catch (e) {
          throw new PushError("InvalidCronSchedule", `Cron job "${name}": ${(e as Error).message}`);
        }
      }
      return { id: randomBytes(12).toString("hex"), app, schema, modules, functions };
    } catch (e) {
      fs.rmSync(app.buildDir, { recursive: true, force: true });
      throw e;
    }
  }

  private answer(p: Pending) {
    const exported = schemaJson(p.app);
    return {
      environmentVariables: this.env.asRecord(),
      externalDepsId: null,
      componentDefinitionPackages: {},
      appAuth: appAuth(p.app),
      analysis: {
        "": {
          definition: {
            path: "",
            definitionType: { type: "app" },
            childComponents: [],
            httpMounts: {},
            exports: { type: "branch", branch: [] },
            envVars: null,
          },
          schema: exported ? JSON.parse(exported) : null,
          functions: analyzeModules(p.app),
          udfConfig: { serverVersion: SERVER_VERSION, importPhaseRngSeed: null, importPhaseUnixTimestamp: null },
        },
      },
      app: {
        definitionPath: "",
        componentPath: "",
        args: {},
        childComponents: {},
        httpRoutes: { httpModuleRoutes: httpRoutes(p.app), mounts: [] },
        exports: {},
      },
      schemaChange: {
        allocatedComponentIds: {},
        schemaIds: { "": p.id },
        indexDiffs: { "": indexDiff(this.engine.schema ?? null, p.schema) },
      },
    };
  }

  async startPush(body: Record<string, unknown>) {
    const p = await this.prepare(body);
    // One push at a time, as on Convex: an older unfinished one is dropped.
    for (const old of this.pending.values()) fs.rmSync(old.app.buildDir, { recursive: true, force: true });
    this.pending.clear();
    this.pending.set(p.id, p);
    return this.answer(p);
  }

  /** `evaluate_push`: the schema change of a push, nothing kept. */
  async evaluatePush(body: Record<string, unknown>) {
    const p = await this.prepare(body);
    fs.rmSync(p.app.buildDir, { recursive: true, force: true });
    return { schemaChange: this.answer(p).schemaChange };
  }

  private pendingOf(schemaChange: unknown): Pending | null {
    const id = (schemaChange as { schemaIds?: Record<string, unknown> } | undefined)?.schemaIds?.[""];
    return typeof id === "string" ? (this.pending.get(id) ?? null) : null;
  }

  /** Every document of the schema's tables against its validator; the first mismatch. */
  private validate(schema: AppSchema): SchemaFailure | null {
    if (!schema.declared || !schema.schemaValidation) return null;
    const stmt = this.engine.store.db.prepare("SELECT id, value FROM documents WHERE table_name = ?");
    for (const [table, validator] of schema.documentTypes) {
      for (const row of stmt.iterate(table) as Iterable<{ id: string; value: string }>) {
        const { _id, _creationTime, ...fields } = jsonToConvex(JSON.parse(row.value)) as Record<string, Value>;
        void _id;
        void _creationTime;
        const err = checkValue(validator, fields as Value, this.engine.isIdOf);
        if (err)
          return {
            error: `Document with ID "${row.id}" in table "${table}" does not match the schema: ${err}`,
            tableName: table,
          };
      }
    }
    return null;
  }

  /** `wait_for_schema`: the check runs at once (indexes are built when the push finishes). */
  async waitForSchema(body: Record<string, unknown>) {
    const p = this.pendingOf(body.schemaChange);
    if (!p) return { type: "raceDetected" };
    p.failed = await this.engine.lock.run(async () => this.validate(p.schema));
    if (p.failed) return { type: "failed", error: p.failed.error, componentPath: "", tableName: p.failed.tableName };
    return { type: "complete" };
  }

  /** `finish_push`: checks again and installs, all under the lock; answers the diff the CLI prints. */
  async finishPush(body: Record<string, unknown>) {
    const startPush = body.startPush as { schemaChange?: unknown } | undefined;
    const p = this.pendingOf(startPush?.schemaChange);
    if (!p)
      throw new PushError("RaceDetected", "This push is no longer pending (another push started since): push again");
    const dryRun = body.dryRun === true;
    let installedAt: bigint | null = null;
    const diff = await this.engine.lock.run(async () => {
      const failure = this.validate(p.schema);
      if (failure) {
        throw new PushError("SchemaValidationFailed", `Schema validation failed.\n${failure.error}`);
      }
      const before = this.engine.app;
      const beforeSchema = this.engine.schema;
      const oldModules = new Set([...before.modules.keys()].map((m) => `${m}.js`));
      const newModules = new Set([...p.app.modules.keys()].map((m) => `${m}.js`));
      const oldCrons = cronSpecs(before);
      const newCrons = cronSpecs(p.app);
      const oldAuth = new Set(providerNames(before));
      const newAuth = new Set(providerNames(p.app));
      const previousSchema = schemaJson(before);
      const nextSchema = schemaJson(p.app);
      const diff = {
        authDiff: {
          added: [...newAuth].filter((a) => !oldAuth.has(a)),
          removed: [...oldAuth].filter((a) => !newAuth.has(a)),
        },
        definitionDiffs: {},
        componentDiffs: {
          "": {
            diffType: { type: "modify" },
            moduleDiff: {
              added: [...newModules].filter((m) => !oldModules.has(m)),
              removed: [...oldModules].filter((m) => !newModules.has(m)),
            },
            udfConfigDiff: null,
            cronDiff: {
              added: Object.keys(newCrons).filter((c) => !(c in oldCrons)),
              updated: Object.keys(newCrons).filter(
                (c) => c in oldCrons && JSON.stringify(newCrons[c]) !== JSON.stringify(oldCrons[c]),
              ),
              deleted: Object.keys(oldCrons).filter((c) => !(c in newCrons)),
            },
            indexDiff: indexDiff(beforeSchema ?? null, p.schema),
            schemaDiff:
              previousSchema === nextSchema ? null : { previous_schema: previousSchema, next_schema: nextSchema },
          },
        },
      };
      this.pending.delete(p.id);
      if (dryRun) {
        fs.rmSync(p.app.buildDir, { recursive: true, force: true });
        return diff;
      }
      this.install(p.app);
      this.current = { app: p.app, modules: p.modules, functions: p.functions };
      // A new timestamp: cached query results of the old code are not served again.
      installedAt = this.engine.store.nextTs();
      pruneOldBuilds(cacheRoot(this.engine.appDir), p.app.buildDir);
      return diff;
    });
    // Every subscription runs again with the new code.
    if (installedAt !== null) this.engine.notifyCommit(new Set([ALL_TABLES]), installedAt);
    return diff;
  }
}
