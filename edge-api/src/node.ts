/**
 * The Node entry point (`npm start`, containers): reads the environment, generates offline keys
 * on first start, serves the app on 127.0.0.1:8787 and shuts down gracefully. Node is where sharp
 * runs, so the image transformer is passed here (the Worker entry has none).
 */
import { serve } from "@hono/node-server";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createApp } from "./app";
import { transformImage } from "./cdn/transform";
import { jsonLogger } from "./lib/logger";
import { nodeSettings } from "./lib/node-env";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const { env, host, port } = await nodeSettings(process.env, path.join(root, ".pixorly/keys"));

// The Scalar bundle from node_modules, so /docs works without a CDN.
const scalarBundle = path.join(path.dirname(createRequire(import.meta.url).resolve("@scalar/api-reference")), "browser/standalone.js");

const app = createApp(env, {
  docsScript: () => readFile(scalarBundle, "utf8"),
  imageTransformer: transformImage,
});

const server = serve({ fetch: app.fetch, hostname: host, port }, (info) => {
  jsonLogger({
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
  jsonLogger({ level: "info", msg: `edge API stopping (${signal})` });
  // Finish requests in flight; give up on idle keep-alive connections after a grace period.
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 5_000).unref();
}
process.on("SIGINT", () => shutdown("SIGINT"));
process.on("SIGTERM", () => shutdown("SIGTERM"));
