/**
 * The official Convex CLI (this repository's node_modules/convex, self-hosted mode) against convex-local:
 * `dev --once` pushes, a schema the data violates is refused, `run --identity`, `data`, `env`, `logs`,
 * `export` then `import --replace` into a fresh data folder, and a wrong admin key on every admin route.
 * The CLI runs as a subprocess in a scratch app (its own convex/ folder and package.json in a temp folder).
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { ConvexClient, ConvexHttpClient } from "convex/browser";
import { makeFunctionReference } from "convex/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { startConvexLocal, type ConvexLocal } from "../src/index.js";
import { tempDataDir, waitFor } from "./harness.js";

const CONVEX_PACKAGE = path.dirname(createRequire(import.meta.url).resolve("convex/package.json"));
const CLI = path.join(CONVEX_PACKAGE, "bin/main.js");

const MESSAGES = (suffix: string) => `
import { actionGeneric, internalQueryGeneric, mutationGeneric, queryGeneric } from "convex/server";
import { v } from "convex/values";
export const list = queryGeneric({ args: {}, handler: async (ctx) => {
  console.log("listing messages");
  return (await ctx.db.query("messages").collect()).map((m) => m.body + "${suffix}");
} });
export const send = mutationGeneric({ args: { body: v.string() }, handler: async (ctx, { body }) => {
  console.log("sending", body);
  return await ctx.db.insert("messages", { body });
} });
export const sendRich = mutationGeneric({ args: { body: v.string(), n: v.int64(), raw: v.bytes() }, handler: async (ctx, args) => await ctx.db.insert("messages", args) });
export const whoami = internalQueryGeneric({ args: {}, handler: async (ctx) => (await ctx.auth.getUserIdentity())?.subject ?? null });
export const envValue = queryGeneric({ args: {}, handler: async () => process.env.CLI_TEST_GREETING ?? null });
export const storeText = actionGeneric({ args: { text: v.string() }, handler: async (ctx, { text }) => await ctx.storage.store(new Blob([text], { type: "text/plain" })) });
`;

const SCHEMA = (fields: string) => `
import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
export default defineSchema({
  messages: defineTable({ body: v.string(), n: v.optional(v.int64()), raw: v.optional(v.bytes())${fields} }).index("by_body", ["body"]),
});
`;

let appDir: string;
let server: ConvexLocal;
const closers: (() => unknown)[] = [];
const dataDirs: string[] = [];
const dataDir = () => {
  const dir = tempDataDir();
  dataDirs.push(dir);
  return dir;
};

function cliEnv(url: string, adminKey: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CI: "1",
    CONVEX_SELF_HOSTED_URL: url,
    CONVEX_SELF_HOSTED_ADMIN_KEY: adminKey,
  };
  for (const name of ["CONVEX_DEPLOYMENT", "CONVEX_DEPLOY_KEY", "CONVEX_URL", "CONVEX_SITE_URL"]) delete env[name];
  return env;
}

type Run = { code: number | null; stdout: string; stderr: string; output: string };

/** The CLI as a subprocess (never synchronous: the server answering it runs in this process). */
function cli(args: string[], opts: { url?: string; adminKey?: string; timeoutMs?: number } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: appDir,
      env: cliEnv(opts.url ?? server.url, opts.adminKey ?? server.adminKey),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c) => (stdout += c));
    child.stderr.on("data", (c) => (stderr += c));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`npx convex ${args.join(" ")} timed out:\n${stdout}\n${stderr}`));
    }, opts.timeoutMs ?? 45_000);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, output: stdout + stderr });
    });
  });
}

function admin(url = server.url, key = server.adminKey) {
  const client = new ConvexHttpClient(url, { logger: false });
  (client as unknown as { setAdminAuth(key: string): void }).setAdminAuth(key);
  return client;
}

const ref = (name: string) => makeFunctionReference<"query" | "mutation" | "action", any, any>(name) as any;

beforeAll(async () => {
  appDir = fs.mkdtempSync(path.join(os.tmpdir(), "convex-local-cli-"));
  fs.mkdirSync(path.join(appDir, "convex"));
  fs.mkdirSync(path.join(appDir, "node_modules"));
  fs.symlinkSync(CONVEX_PACKAGE, path.join(appDir, "node_modules", "convex"), "dir");
  fs.writeFileSync(
    path.join(appDir, "package.json"),
    JSON.stringify({ name: "cli-scratch", private: true, type: "module", dependencies: { convex: "*" } }),
  );
  fs.writeFileSync(path.join(appDir, "convex", "messages.ts"), MESSAGES("!"));
  fs.writeFileSync(path.join(appDir, "convex", "schema.ts"), SCHEMA(""));
  server = await startConvexLocal({
    dir: path.join(appDir, "convex"),
    dataDir: dataDir(),
    port: 0,
    sitePort: 0,
    watch: false,
    log: () => {},
    workers: 1,
  });
  closers.push(() => server.close());
});

afterAll(async () => {
  for (const close of closers.reverse()) await close();
  for (const dir of [appDir, ...dataDirs]) fs.rmSync(dir, { recursive: true, force: true });
});

// Each CLI run starts a Node process with the CLI bundle (1-2 s alone, more on a busy machine).
describe("npx convex against convex-local", { timeout: 120_000 }, () => {
  it("dev --once pushes an edit that a subscribed client sees, then a second push sends only what changed", async () => {
    await admin().mutation(ref("messages:send"), { body: "hi" });
    const client = new ConvexClient(server.url, {
      unsavedChangesWarning: false,
      webSocketConstructor: WebSocket as unknown as typeof globalThis.WebSocket,
    });
    closers.push(() => client.close());
    const seen: string[][] = [];
    client.onUpdate(ref("messages:list"), {}, (value: string[]) => seen.push(value));
    await waitFor(() => seen.some((v) => v[0] === "hi!"), "the first result");

    fs.writeFileSync(path.join(appDir, "convex", "messages.ts"), MESSAGES("?"));
    // auth.config.ts and crons.ts follow the push too.
    fs.writeFileSync(
      path.join(appDir, "convex", "auth.config.ts"),
      `export default { providers: [{ type: "customJwt", issuer: "https://issuer.cli.test", jwks: "https://issuer.cli.test/jwks", algorithm: "ES256", applicationID: "cli-test" }] };`,
    );
    fs.writeFileSync(
      path.join(appDir, "convex", "crons.ts"),
      `import { cronJobs, makeFunctionReference } from "convex/server";\nconst crons = cronJobs();\ncrons.daily("nightly", { hourUTC: 3, minuteUTC: 0 }, makeFunctionReference<"mutation">("messages:send"), { body: "cron" });\nexport default crons;\n`,
    );
    const push = await cli(["dev", "--once", "--typecheck", "disable"]);
    expect(push.code, push.output).toBe(0);
    expect(push.output).toContain("Convex functions ready");
    await waitFor(() => seen.some((v) => v[0] === "hi?"), "the pushed code's result");
    const hashes = await (
      await fetch(`${server.url}/api/get_config_hashes`, {
        method: "POST",
        headers: { Authorization: `Convex ${server.adminKey}` },
        body: "{}",
      })
    ).json();
    expect(hashes.config.authInfo).toEqual([
      {
        type: "customJwt",
        applicationID: "cli-test",
        issuer: "https://issuer.cli.test",
        jwks: "https://issuer.cli.test/jwks",
        algorithm: "ES256",
      },
    ]);
    expect(hashes.moduleHashes.map((m: { path: string }) => m.path)).toEqual(
      expect.arrayContaining(["messages.js", "crons.js", "auth.config.js"]),
    );
    expect(Object.keys((server.engine.app.modules.get("crons")?.default as { crons: object }).crons)).toEqual([
      "nightly",
    ]);
    // The CLI generated its code from the push's analysis.
    expect(fs.readFileSync(path.join(appDir, "convex", "_generated", "api.d.ts"), "utf8")).toContain("messages");

    const again = await cli(["dev", "--once", "--typecheck", "disable"]);
    expect(again.code, again.output).toBe(0);
    expect(await admin().query(ref("messages:list"), {})).toEqual(["hi?"]);
  });

  it("refuses a schema the existing documents violate, printing the document, and keeps serving the old code", async () => {
    fs.writeFileSync(path.join(appDir, "convex", "schema.ts"), SCHEMA(", author: v.string()"));
    fs.writeFileSync(path.join(appDir, "convex", "messages.ts"), MESSAGES("#"));
    const push = await cli(["dev", "--once", "--typecheck", "disable"]);
    expect(push.code).not.toBe(0);
    expect(push.output).toContain("Schema validation failed");
    expect(push.output).toMatch(
      /Document with ID "\w+" in table "messages" does not match the schema: Object is missing the required field `author`/,
    );
    expect(await admin().query(ref("messages:list"), {})).toEqual(["hi?"]);

    // A schema the data fits, with a new index: backfilled before the push finishes.
    fs.writeFileSync(
      path.join(appDir, "convex", "schema.ts"),
      SCHEMA(", author: v.optional(v.string())").replace(
        `.index("by_body", ["body"])`,
        `.index("by_body", ["body"]).index("by_author", ["author"])`,
      ),
    );
    const fixed = await cli(["dev", "--once", "--typecheck", "disable"]);
    expect(fixed.code, fixed.output).toBe(0);
    expect(fixed.output).toContain("messages.by_author");
    expect(await admin().query(ref("messages:list"), {})).toEqual(["hi#"]);
  });

  it("run calls an internal function as the --identity given", async () => {
    const run = await cli([
      "run",
      "messages:whoami",
      "{}",
      "--identity",
      JSON.stringify({ subject: "user-7", issuer: "https://issuer.test" }),
    ]);
    expect(run.code, run.output).toBe(0);
    expect(run.stdout.trim()).toBe('"user-7"');
    // Without an identity the admin is no user.
    expect(await admin().query(ref("messages:whoami"), {})).toBe(null);
  });

  it("data lists the tables and a table's documents with --limit and --order", async () => {
    await admin().mutation(ref("messages:send"), { body: "second" });
    const [tables, oldest, newest] = await Promise.all([
      cli(["data"]),
      cli(["data", "messages", "--limit", "1", "--order", "asc"]),
      admin().query(ref("_system/cli/tableData"), {
        table: "messages",
        order: "desc",
        paginationOpts: { cursor: null, numItems: 1 },
      }),
    ]);
    expect(tables.code, tables.output).toBe(0);
    expect(tables.stdout.trim().split("\n")).toEqual(["messages"]);
    expect(oldest.code, oldest.output).toBe(0);
    expect(oldest.stdout).toContain('"hi"');
    expect(oldest.stdout).not.toContain('"second"');
    expect(oldest.output).toContain("Showing the 1 oldest created document. Use the --limit option to see more.");
    expect(newest.page.map((d: { body: string }) => d.body)).toEqual(["second"]);
    expect(newest.isDone).toBe(false);
  });

  it("env set/get/list/remove round-trips, and functions see the variable", async () => {
    expect((await cli(["env", "set", "CLI_TEST_GREETING", "hello there"])).code).toBe(0);
    const [get, list] = await Promise.all([
      cli(["env", "get", "CLI_TEST_GREETING"]),
      cli(["env", "list", "--include-values"]),
    ]);
    expect(get.stdout.trim()).toBe("hello there");
    expect(list.stdout).toContain("CLI_TEST_GREETING=");
    expect(await admin().query(ref("messages:envValue"), {})).toBe("hello there");
    expect((await cli(["env", "remove", "CLI_TEST_GREETING"])).code).toBe(0);
    expect(await admin().query(ref("messages:envValue"), {})).toBe(null);
    expect(await admin().query(ref("_system/cli/queryEnvironmentVariables"), {})).toEqual([]);
    const bad = await fetch(`${server.url}/api/update_environment_variables`, {
      method: "POST",
      headers: { Authorization: `Convex ${server.adminKey}`, "Content-Type": "application/json" },
      body: JSON.stringify({ changes: [{ name: "1BAD NAME", value: "x" }] }),
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).message).toContain('"1BAD NAME"');
  });

  it("logs shows a call made after it started", async () => {
    const child: ChildProcess = spawn(process.execPath, [CLI, "logs"], {
      cwd: appDir,
      env: cliEnv(server.url, server.adminKey),
      stdio: ["ignore", "pipe", "pipe"],
    });
    closers.push(() => child.kill());
    let output = "";
    child.stdout!.on("data", (c) => (output += c));
    child.stderr!.on("data", (c) => (output += c));
    await waitFor(() => output.includes("Watching logs"), "logs to start", 20_000);
    await new Promise((r) => setTimeout(r, 1000)); // its first poll (the history) is answered
    await admin().mutation(ref("messages:send"), { body: "logged" });
    await waitFor(() => output.includes("sending logged"), "the call's log line", 20_000);
    expect(output).toMatch(
      /\[CONVEX M\(messages\.js:send\)\] \[LOG\] 'sending' 'logged'|\[CONVEX M\(messages\.js:send\)\] \[LOG\] sending logged/,
    );
    child.kill();
  });

  it("export then import --replace into a fresh data folder gives identical documents and files", async () => {
    await admin().mutation(ref("messages:sendRich"), {
      body: "rich",
      n: 2n ** 60n + 1n,
      raw: new Uint8Array([0, 1, 2, 255]).buffer,
    });
    const storageId: string = await admin().action(ref("messages:storeText"), { text: "file bytes ✓" });
    const zip = path.join(appDir, "snapshot.zip");
    const exported = await cli(["export", "--path", zip, "--include-file-storage"]);
    expect(exported.code, exported.output).toBe(0);

    const fresh = await startConvexLocal({
      dir: path.join(appDir, "convex"),
      dataDir: dataDir(),
      port: 0,
      sitePort: 0,
      watch: false,
      log: () => {},
      workers: 0,
    });
    closers.push(() => fresh.close());
    const imported = await cli(["import", "--replace", "--yes", zip], { url: fresh.url, adminKey: fresh.adminKey });
    expect(imported.code, imported.output).toBe(0);
    expect(imported.output).toMatch(/Added \d+ documents/);

    const all = async (url: string, key: string, table: string) =>
      (
        await admin(url, key).query(ref("_system/cli/tableData"), {
          table,
          order: "asc",
          paginationOpts: { cursor: null, numItems: 1000 },
        })
      ).page;
    const before = await all(server.url, server.adminKey, "messages");
    const after = await all(fresh.url, fresh.adminKey, "messages");
    expect(after).toEqual(before);
    expect(after.find((d: { body: string }) => d.body === "rich").n).toBe(2n ** 60n + 1n);
    expect(await all(fresh.url, fresh.adminKey, "_storage")).toEqual(
      await all(server.url, server.adminKey, "_storage"),
    );
    expect(await (await fetch(`${fresh.url}/api/storage/${storageId}`)).text()).toBe("file bytes ✓");

    // Without --replace into a deployment that has the documents: refused, nothing written.
    const twice = await cli(["import", "--yes", zip], { url: fresh.url, adminKey: fresh.adminKey });
    expect(twice.code).not.toBe(0);
    expect(twice.output).toContain('Table "messages" is not empty');
    expect(await all(fresh.url, fresh.adminKey, "messages")).toEqual(before);
  });

  it("answers bad pushes and imports with errors that name the problem, changing nothing", async () => {
    const post = (route: string, body: unknown) =>
      fetch(`${server.url}${route}`, {
        method: "POST",
        headers: { Authorization: `Convex ${server.adminKey}`, "Content-Type": "application/json" },
        body: typeof body === "string" ? body : JSON.stringify(body),
      });
    const push = (changedModules: unknown[], unchangedModuleHashes: unknown[] = []) => ({
      adminKey: server.adminKey,
      dryRun: false,
      functions: "convex/",
      appDefinition: {
        definition: null,
        dependencies: [],
        schema: null,
        changedModules,
        unchangedModuleHashes,
        udfServerVersion: "1.48.0",
      },
      componentDefinitions: [],
      nodeDependencies: [],
    });
    const before = await admin().query(ref("messages:list"), {});
    const expectError = async (res: Response, status: number, code: string, text: string) => {
      expect(res.status).toBe(status);
      const body = await res.json();
      expect(body.code).toBe(code);
      expect(body.message).toContain(text);
    };
    await expectError(
      await post(
        "/api/deploy2/start_push",
        push([{ path: "../evil.js", source: "export {}", environment: "isolate" }]),
      ),
      400,
      "InvalidModulePath",
      "../evil.js",
    );
    await expectError(
      await post("/api/deploy2/start_push", push([], [{ path: "gone.js", environment: "isolate", sha256: "00" }])),
      400,
      "ModuleNotFound",
      "gone.js",
    );
    await expectError(
      await post(
        "/api/deploy2/start_push",
        push([{ path: "broken.js", source: "throw new Error('fails at import');", environment: "isolate" }]),
      ),
      400,
      "ModuleAnalysisError",
      "broken.js: Uncaught Error: fails at import",
    );
    await expectError(
      await post("/api/deploy2/finish_push", { startPush: { schemaChange: { schemaIds: { "": "nope" } } } }),
      400,
      "RaceDetected",
      "no longer pending",
    );
    await expectError(await post("/api/deploy2/wait_for_schema", "{not json"), 400, "BadJsonBody", "not valid JSON");
    expect(await admin().query(ref("messages:list"), {})).toEqual(before);

    // An import whose document the schema refuses: failed, naming it; nothing written.
    const { uploadToken } = await (await post("/api/import/start_upload", "")).json();
    const part = await (
      await fetch(`${server.url}/api/import/upload_part?uploadToken=${uploadToken}&partNumber=1`, {
        method: "POST",
        headers: { Authorization: `Convex ${server.adminKey}` },
        body: '{"body":"ok"}\n{"body":42}\n',
      })
    ).json();
    const { importId } = await (
      await post("/api/import/finish_upload", {
        import: { tableName: "messages", mode: "append", format: "jsonLines" },
        uploadToken,
        partTokens: [part],
      })
    ).json();
    const state = async () => (await admin().query(ref("_system/cli/queryImport"), { importId })).state;
    expect((await state()).state).toBe("waiting_for_confirmation");
    expect((await post("/api/perform_import", { importId })).status).toBe(200);
    const failed = await state();
    expect(failed.state).toBe("failed");
    expect(failed.error_message).toMatch(/Document with ID "\w+" in table "messages" does not match the schema/);
    expect(await admin().query(ref("messages:list"), {})).toEqual(before);
  });

  it("refuses a wrong admin key on every admin route, and the CLI says so", async () => {
    const wrong = `convex-local|${"0".repeat(64)}`;
    const routes: [string, string][] = [
      ["GET", "/api/v1/get_canonical_urls"],
      ["POST", "/api/get_config_hashes"],
      ["POST", "/api/deploy2/start_push"],
      ["POST", "/api/deploy2/evaluate_push"],
      ["POST", "/api/deploy2/wait_for_schema"],
      ["POST", "/api/deploy2/finish_push"],
      ["POST", "/api/deploy2/report_push_completed"],
      ["POST", "/api/update_environment_variables"],
      ["GET", "/api/stream_function_logs?cursor=0"],
      ["POST", "/api/export/request/zip?includeStorage=false"],
      ["GET", "/api/export/zip/1"],
      ["POST", "/api/import/start_upload"],
      ["POST", "/api/import/upload_part?uploadToken=x&partNumber=1"],
      ["POST", "/api/import/finish_upload"],
      ["POST", "/api/perform_import"],
    ];
    for (const [method, route] of routes) {
      for (const authorization of [`Convex ${wrong}`, undefined, "Bearer not-an-admin"]) {
        const res = await fetch(`${server.url}${route}`, {
          method,
          headers: authorization ? { Authorization: authorization } : {},
          body: method === "POST" ? "{}" : undefined,
        });
        expect(res.status, `${method} ${route} with ${authorization}`).toBe(401);
        expect(await res.json()).toEqual({
          code: "BadAdminKey",
          message: "The provided admin key was invalid for this instance",
        });
      }
    }
    const [run, env] = await Promise.all([
      cli(["run", "messages:list"], { adminKey: wrong }),
      cli(["env", "list"], { adminKey: wrong }),
    ]);
    expect(run.code).not.toBe(0);
    expect(run.output).toContain("BadAdminKey");
    expect(env.code).not.toBe(0);
    expect(env.output).toContain("The provided admin key was invalid for this instance");
  });
});
