/**
 * convex-local --dir ./convex --port 3210 --site-port 3211 --data .pixorly/data [--reset] [--env-file F] [--no-watch]
 */
import { parseArgs } from "node:util";
import { startConvexLocal } from "./app.js";

const USAGE =
  "usage: convex-local --dir ./convex [--port 3210] [--site-port 3211] [--data .pixorly/data] [--reset] [--env-file F] [--no-watch] [--quiet]";

function port(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`--${name} must be a port number (0-65535), got ${JSON.stringify(value)}`);
  return n;
}

async function main() {
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
    log: values.quiet ? () => {} : (line) => void process.stdout.write(`${new Date().toISOString().slice(11, 23)} ${line}\n`),
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
