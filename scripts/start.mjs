#!/usr/bin/env node
/**
 * `npm start`: runs the whole studio offline. Each service is a child process
 * with its output prefixed; Ctrl+C (or any service exiting) stops them all.
 * Ports follow docs/architecture.md and can be overridden by environment.
 *
 *   npm start -- --reset     start from empty data (.pixorly/data, .pixorly/s3, the local partner)
 *   npm start -- --verbose   every function call convex-local makes, including each cron run
 *   npm start -- --no-watch  convex-local does not reload convex/ on edits: `npx convex dev` pushes instead
 */
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const USAGE = "usage: npm start [-- --reset] [-- --verbose] [-- --no-watch]";
const flags = new Set(process.argv.slice(2));
for (const flag of flags) {
  if (flag !== "--reset" && flag !== "--verbose" && flag !== "--no-watch") {
    console.error(`npm start: unknown option ${flag}\n${USAGE}`);
    process.exit(2);
  }
}
const verbose = flags.has("--verbose");
// Overridden ports must reach every service that points at another: Convex trusts the edge API's
// issuer and writes to s3rver, the edge API calls Convex, and the demo page names both.
const ports = {
  convex: process.env.CONVEX_LOCAL_PORT ?? "3210",
  edge: process.env.EDGE_API_PORT ?? "8787",
  s3: process.env.S3_LOCAL_PORT ?? "4569",
  partnerSite: process.env.PARTNER_SITE_PORT ?? "5174",
};
const env = {
  ...process.env,
  // The offline studio, said explicitly: the edge API never infers local mode (dev sign-in, generated keys).
  LOCAL_MODE: process.env.LOCAL_MODE ?? "1",
  CONVEX_URL: process.env.CONVEX_URL ?? `http://127.0.0.1:${ports.convex}`,
  PIXORLY_EDGE_ISSUER: process.env.PIXORLY_EDGE_ISSUER ?? `http://127.0.0.1:${ports.edge}`,
  // With real AWS credentials (and no endpoint) the backend writes to AWS instead.
  ...(process.env.AWS_ACCESS_KEY_ID && !process.env.S3_ENDPOINT
    ? {}
    : { S3_ENDPOINT: process.env.S3_ENDPOINT ?? `http://127.0.0.1:${ports.s3}` }),
  ...(process.env.DEMO_PORT && !process.env.CORS_ORIGINS
    ? {
        CORS_ORIGINS: [process.env.DEMO_PORT, ports.partnerSite, "6006"]
          .flatMap((p) => [`http://127.0.0.1:${p}`, `http://localhost:${p}`])
          .join(","),
      }
    : {}),
};

/** Every port the studio binds, with the variable that moves it. */
const bound = [
  { port: ports.s3, what: "s3rver", variable: "S3_LOCAL_PORT" },
  { port: ports.convex, what: "convex-local", variable: "CONVEX_LOCAL_PORT" },
  { port: env.CONVEX_LOCAL_SITE_PORT ?? "3211", what: "convex-local HTTP actions", variable: "CONVEX_LOCAL_SITE_PORT" },
  { port: ports.edge, what: "the edge API", variable: "EDGE_API_PORT" },
  { port: env.DEMO_PORT ?? "5173", what: "the demo site", variable: "DEMO_PORT" },
  { port: ports.partnerSite, what: "the partner example site", variable: "PARTNER_SITE_PORT" },
];

/** Resolves to the error code when 127.0.0.1:port cannot be bound (EADDRINUSE, EACCES), else null. */
function portProblem(port) {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once("error", (error) => resolve(error.code ?? "error"));
    probe.listen(Number(port), "127.0.0.1", () => probe.close(() => resolve(null)));
  });
}

const taken = [];
for (const entry of bound) {
  const problem = await portProblem(entry.port);
  if (problem) taken.push({ ...entry, problem });
}
if (taken.length > 0) {
  for (const { port, what, variable, problem } of taken) {
    const why =
      problem === "EADDRINUSE"
        ? "is already in use (another npm start, or another program)"
        : `cannot be used (${problem})`;
    console.error(
      `npm start: port ${port} for ${what} ${why}. Stop what holds it, or move ${what} with ${variable}=<port>.`,
    );
  }
  process.exit(1);
}

if (flags.has("--reset")) {
  for (const dir of ["data", "s3", "partner.json"])
    fs.rmSync(path.join(root, ".pixorly", dir), { recursive: true, force: true });
  console.log(
    "npm start: --reset removed .pixorly/data, .pixorly/s3 and .pixorly/partner.json (the signing keys stay)",
  );
}

// The demo page loads the studio as partners do, from the one-file bundle; esbuild makes it in well under a second.
execFileSync(process.execPath, [path.join(root, "packages/elements/scripts/build.mjs"), "--bundle-only"], {
  cwd: path.join(root, "packages/elements"),
  stdio: "inherit",
});

const services = [
  {
    name: "s3",
    command: process.execPath,
    args: [path.join(root, "scripts/s3-local.mjs")],
  },
  {
    name: "convex",
    command: process.execPath,
    args: [
      path.join(root, "packages/convex-local/bin/convex-local.mjs"),
      "--dir",
      path.join(root, "convex"),
      "--port",
      ports.convex,
      "--site-port",
      env.CONVEX_LOCAL_SITE_PORT ?? "3211",
      "--data",
      path.join(root, ".pixorly/data"),
      ...(env.PIXORLY_ENV_FILE ? ["--env-file", env.PIXORLY_ENV_FILE] : []),
      ...(flags.has("--no-watch") ? ["--no-watch"] : []),
    ],
  },
  {
    // The edge API calls Convex only when a request needs it, so it may start before convex listens.
    name: "edge",
    command: process.execPath,
    args: ["--import", "tsx", path.join(root, "edge-api/src/node.ts")],
  },
  {
    name: "demo",
    command: process.execPath,
    args: [
      path.join(root, "node_modules/vite/bin/vite.js"),
      "--config",
      path.join(root, "demo/vite.config.ts"),
      "--configLoader",
      "runner",
    ],
  },
  {
    // A partner's site on another origin (examples/partner-site): its server mints embed tokens with the local partner's secret.
    name: "example",
    command: process.execPath,
    args: [path.join(root, "examples/partner-site/server.mjs")],
  },
];

const children = [];
let stopping = false;

function stopAll(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  setTimeout(() => process.exit(code), 2000).unref();
}

/**
 * A successful call in convex-local's log ("06:29:25.201 M generation:sweep 3.5ms ok"): crons alone make
 * one every few seconds, so they are shown only with --verbose. Failures and functions' console output stay.
 */
const ROUTINE_CALL = /^\d{2}:\d{2}:\d{2}\.\d{3} [A-Z] \S+ [\d.]+ms ok$/;
/** The line each service prints once it answers. */
const READY = {
  s3: /s3rver ready/,
  convex: /convex-local ready/,
  edge: /edge API ready/,
  demo: /ready in \d+/,
  example: /partner site ready/,
};
const waitingFor = new Set(Object.keys(READY));

function printSummary() {
  const demo = `http://127.0.0.1:${env.DEMO_PORT ?? "5173"}`;
  console.log(
    [
      "",
      "Pixorly is running offline:",
      `  landing + studio    ${demo}/   full page: ${demo}/studio.html  ${demo}/library.html  ${demo}/collections.html`,
      `  API keys, account   ${demo}/keys.html  ${demo}/account.html  ${demo}/webhooks.html  ${demo}/partner.html`,
      `  outbox, operations  ${demo}/outbox.html  ${demo}/ops.html`,
      `  partner example     http://127.0.0.1:${ports.partnerSite}/  (another origin: examples/partner-site)`,
      `  REST and token docs http://127.0.0.1:${ports.edge}/docs`,
      `  Convex (local)      http://127.0.0.1:${ports.convex}`,
      "Ctrl+C stops everything. npm start -- --reset starts from empty data; -- --verbose shows every function call.",
      "",
    ].join("\n"),
  );
}

/** Prints a child's output line by line behind its name; returns the prefix. */
function prefixOutput(child, name) {
  const prefix = `[${name}]`.padEnd(10);
  for (const stream of [child.stdout, child.stderr]) {
    let pending = "";
    stream.on("data", (chunk) => {
      pending += chunk;
      const lines = pending.split("\n");
      pending = lines.pop();
      for (const line of lines) {
        if (!verbose && name === "convex" && ROUTINE_CALL.test(line)) continue;
        console.log(`${prefix} ${line}`);
        if (waitingFor.has(name) && READY[name].test(line)) {
          waitingFor.delete(name);
          if (waitingFor.size === 0) printSummary();
        }
      }
    });
  }
  return prefix;
}

for (const service of services) {
  const child = spawn(service.command, service.args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  const prefix = prefixOutput(child, service.name);
  child.on("exit", (code, signal) => {
    if (!stopping) {
      console.error(`${prefix} exited (${signal ?? code}); stopping the studio`);
      stopAll(code || 1);
    }
  });
}

// One-shot tasks beside the services: they end on their own, and a failure is reported without stopping the studio.
const tasks = [
  {
    // The local partner (created on the first start, keys in .pixorly/partner.json): cli/seed-local-partner.ts.
    name: "partner",
    command: process.execPath,
    args: ["--import", "tsx", path.join(root, "cli/seed-local-partner.ts")],
  },
];
for (const task of tasks) {
  const child = spawn(task.command, task.args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  prefixOutput(child, task.name);
}

process.on("SIGINT", () => stopAll(0));
process.on("SIGTERM", () => stopAll(0));
