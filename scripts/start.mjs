#!/usr/bin/env node
/**
 * `npm start`: runs the whole studio offline. Each service is a child process
 * with its output prefixed; Ctrl+C (or any service exiting) stops them all.
 * Ports follow shared/ARCHITECTURE.md and can be overridden by environment.
 */
import { execFileSync, spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
// Overridden ports must reach every service that points at another: Convex trusts the edge API's
// issuer and writes to s3rver, the edge API calls Convex, and the demo page names both.
const ports = {
  convex: process.env.CONVEX_LOCAL_PORT ?? "3210",
  edge: process.env.EDGE_API_PORT ?? "8787",
  s3: process.env.S3_LOCAL_PORT ?? "4569",
};
const env = {
  ...process.env,
  // The offline studio, said explicitly: the edge API never infers local mode (dev sign-in, generated keys).
  LOCAL_MODE: process.env.LOCAL_MODE ?? "1",
  CONVEX_URL: process.env.CONVEX_URL ?? `http://127.0.0.1:${ports.convex}`,
  PIXORLY_EDGE_ISSUER: process.env.PIXORLY_EDGE_ISSUER ?? `http://127.0.0.1:${ports.edge}`,
  // With real AWS credentials (and no endpoint) the backend writes to AWS instead.
  ...(process.env.AWS_ACCESS_KEY_ID && !process.env.S3_ENDPOINT ? {} : { S3_ENDPOINT: process.env.S3_ENDPOINT ?? `http://127.0.0.1:${ports.s3}` }),
  ...(process.env.DEMO_PORT && !process.env.CORS_ORIGINS
    ? { CORS_ORIGINS: [process.env.DEMO_PORT, "5174", "6006"].flatMap((p) => [`http://127.0.0.1:${p}`, `http://localhost:${p}`]).join(",") }
    : {}),
};

// The demo page loads the studio as partners do, from the one-file bundle; esbuild makes it in well under a second.
execFileSync(process.execPath, [path.join(root, "packages/elements/scripts/build.mjs"), "--bundle-only"], { cwd: path.join(root, "packages/elements"), stdio: "inherit" });

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
      "--dir", path.join(root, "convex"),
      "--port", ports.convex,
      "--site-port", env.CONVEX_LOCAL_SITE_PORT ?? "3211",
      "--data", path.join(root, ".pixorly/data"),
      ...(env.PIXORLY_ENV_FILE ? ["--env-file", env.PIXORLY_ENV_FILE] : []),
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
    args: [path.join(root, "node_modules/vite/bin/vite.js"), "--config", path.join(root, "demo/vite.config.ts")],
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

/** Prints a child's output line by line behind its name; returns the prefix. */
function prefixOutput(child, name) {
  const prefix = `[${name}]`.padEnd(10);
  for (const stream of [child.stdout, child.stderr]) {
    let pending = "";
    stream.on("data", (chunk) => {
      pending += chunk;
      const lines = pending.split("\n");
      pending = lines.pop();
      for (const line of lines) console.log(`${prefix} ${line}`);
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
