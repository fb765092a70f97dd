/**
 * convex-local --dir ./convex --port 3210 --site-port 3211 --data .pixorly/data [--reset] [--env-file F] [--no-watch] [--workers N]
 */
import { parseArgs } from "node:util";
import { startConvexLocal } from "./app.js";
import { executions } from "./context.js";

const USAGE =
  "usage: convex-local --dir ./convex [--port 3210] [--site-port 3211] [--data .pixorly/data] [--reset] [--env-file F] [--no-watch] [--quiet] [--workers N]";

function port(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new Error(`--${name} must be a port number (0-65535), got ${JSON.stringify(value)}`);
  return n;
}

function count(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 256)
    throw new Error(`--${name} must be a whole number from 0 to 256, got ${JSON.stringify(value)}`);
  return n;
}

/**
 * Queries and mutations run on this thread: a stray exception of theirs (a timer's callback) is
 * logged and the server stays up. Anything else is a convex-local bug: print it and exit.
 */
function survive(kind: string) {
  return (e: unknown) => {
    const ctx = executions.getStore();
    const text = (e as Error)?.stack ?? String(e);
    if (ctx) {
      process.stdout.write(`convex-local: ${kind} in ${ctx.udfPath} (ignored, the server stays up):\n${text}\n`);
      return;
    }
    console.error(`convex-local: ${kind}:\n${text}`);
    process.exit(1);
  };
}

async function main() {
  process.on("uncaughtException", survive("uncaught exception"));
  process.on("unhandledRejection", survive("unhandled rejection"));
  const { values } = parseArgs({
    options: {
      dir: { type: "string", default: "./convex" },
      port: { type: "string" },
      "site-port": { type: "string" },
      data: { type: "string", default: ".pixorly/data" },
      reset: { type: "boolean", default: false },
      "env-file": { type: "string" },
      "no-watch": { type: "boolean", default: false },
      quiet: { type: "boolean", default: false },
      workers: { type: "string" },
      help: { type: "boolean", default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const server = await startConvexLocal({
    dir: values.dir!,
    dataDir: values.data!,
    port: port(values.port ?? process.env.CONVEX_LOCAL_PORT, 3210, "port"),
    sitePort: port(values["site-port"] ?? process.env.CONVEX_LOCAL_SITE_PORT, 3211, "site-port"),
    reset: values.reset,
    envFile: values["env-file"],
    watch: !values["no-watch"],
    workers: values.workers === undefined ? undefined : count(values.workers, "workers"),
    log: values.quiet
      ? () => {}
      : (line) => void process.stdout.write(`${new Date().toISOString().slice(11, 23)} ${line}\n`),
    // Unprefixed, and even with --quiet: the lines are meant to be pasted into .env.local.
    announce: (line) => void process.stdout.write(`${line}\n`),
  });
  console.log(`convex-local ready: API ${server.url}  HTTP actions ${server.siteUrl}`);
  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((e) => {
  console.error(`convex-local: ${(e as Error).message}\n${USAGE}`);
  process.exit(1);
});
