/**
 * The Node entry point (`npm start`, containers): reads the environment, generates offline keys
 * on first start, serves the app on 127.0.0.1:8787 and shuts down gracefully. Node is where sharp
 * runs, so the image transformer is passed here (the Worker entry has none), with the rest of
 * the Node dependencies (`lib/node-deps.ts`).
 */
import { serve } from "@hono/node-server";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createApp, type EdgeApp } from "./app";
import { ConfigError } from "./env";
import { nodeDeps } from "./lib/node-deps";
import { nodeSettings } from "./lib/node-env";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const { env, host, port } = await nodeSettings(process.env, path.join(root, ".pixorly/keys"));
const deps = nodeDeps();
const { logger } = deps;

let app: EdgeApp;
try {
  app = createApp(env, deps);
} catch (error) {
  // A bad deployment stops here, with the variable named, not on some later request.
  if (!(error instanceof ConfigError)) throw error;
  logger({ level: "error", msg: error.message });
  process.exit(1);
}

const server = serve({ fetch: app.fetch, hostname: host, port }, (info) => {
  logger({
    level: "info",
    msg: `edge API ready: http://${info.address}:${info.port}`,
    publicUrl: env.PUBLIC_URL,
    convexUrl: env.CONVEX_URL,
    localMode: env.LOCAL_MODE === "1",
  });
});

let stopping = false;
function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger({ level: "info", msg: `edge API stopping (${signal})` });
  // Finish requests in flight; give up on idle keep-alive connections after a grace period.
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 5_000).unref();
}
process.on("SIGINT", () => shutdown("SIGINT"));
process.on("SIGTERM", () => shutdown("SIGTERM"));
