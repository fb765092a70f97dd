/**
 * Development only (Vite's `configureServer`): the Operations page's backend. Operations figures are
 * for operators, so no user session may read them; offline, the dev server reads them with
 * convex-local's admin key (`metrics:overview`, the snapshot the edge API's `/metrics` exports) and
 * the browser never sees the key. `GET /__pixorly/ops`, with the same guard as the partner routes.
 */
import path from "node:path";
import type { Plugin } from "vite";
import { connect } from "../cli/deployment";
import { CommandFailed } from "../cli/usage";
import { fromOwnPages, send } from "./local-partner-api";

export function localOpsApi(root: string, urls: { convexUrl: string }): Plugin {
  const env = { ...process.env, CONVEX_URL: urls.convexUrl };
  return {
    name: "pixorly-local-ops-api",
    apply: "serve",
    configureServer(server) {
      server.middlewares.use("/__pixorly/ops", async (req, res) => {
        if (!fromOwnPages(req))
          return send(res, 403, { message: "Only the demo pages on this dev server may call this." });
        if (req.method !== "GET" || !["/", ""].includes((req.url ?? "/").split("?")[0]!))
          return send(res, 404, { message: "Not found." });
        try {
          return send(res, 200, await connect(env, path.resolve(root)).query("metrics:overview", {}));
        } catch (error) {
          return send(res, error instanceof CommandFailed ? 502 : 500, {
            message: error instanceof CommandFailed ? error.message : "Something went wrong.",
          });
        }
      });
    },
  };
}
