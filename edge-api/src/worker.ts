/**
 * The Cloudflare Workers entry point. The app is built once per isolate from the Worker's
 * bindings (vars and secrets) and reused for every request. No sharp here: the CDN route then
 * serves originals and answers 501 to transform requests (run the Node entry, or put
 * CloudFront's own transforms in front, for those).
 */
import { createApp, type EdgeApp, type EdgeEnv } from "./app";

interface WorkerContext {
  waitUntil(promise: Promise<unknown>): void;
  passThroughOnException(): void;
}

let app: EdgeApp | undefined;

export default {
  fetch(request: Request, env: EdgeEnv, ctx: WorkerContext): Response | Promise<Response> {
    app ??= createApp(env);
    return app.fetch(request, env, ctx as never);
  },
};
