/**
 * The edge API as one Hono app. `createApp` has no side effects: it checks the configuration,
 * builds the app's services and routes, and returns the app. `node.ts` and `worker.ts` are the
 * only places that read the environment and serve it.
 */
import { loadConfig, type EdgeEnv } from "./env";
import { buildServices, defaultDeps, type AppServices, type EdgeDeps } from "./lib/context";
import { createRouter, type Router } from "./lib/openapi";
import { bodyLimits } from "./middleware/body-limit";
import { errorHandler, notFound } from "./middleware/errors";
import { rootMiddleware } from "./middleware/root";
import { apiV1Routes } from "./routes/api-v1";
import { cdnRoutes } from "./routes/cdn";
import { devRoutes } from "./routes/dev";
import { registerDocs } from "./routes/docs";
import { imagesRoutes } from "./routes/images";
import { accountRoutes } from "./routes/account";
import { opsRoutes } from "./routes/ops";
import { partnerRoutes } from "./routes/partner";
import { sessionRoutes } from "./routes/session";
import { tokenRoutes } from "./routes/tokens";
import { wellKnownRoutes } from "./routes/well-known";

export type { EdgeEnv } from "./env";
export type { AppServices, EdgeDeps } from "./lib/context";

export type EdgeApp = Router & { services: AppServices };

export function createApp(env: EdgeEnv, deps: Partial<EdgeDeps> = {}): EdgeApp {
  const services = buildServices(loadConfig(env), defaultDeps(deps));
  const app = createRouter();

  app.use(rootMiddleware(services));
  app.use(bodyLimits());
  app.onError(errorHandler(services));
  app.notFound(notFound);

  app.route("/", wellKnownRoutes(services));
  app.route("/", opsRoutes(services));
  app.route("/", tokenRoutes(services));
  app.route("/", partnerRoutes(services));
  app.route("/", sessionRoutes(services));
  app.route("/", imagesRoutes(services));
  app.route("/", accountRoutes(services));
  app.route("/", cdnRoutes(services));
  app.route("/", apiV1Routes(services));
  // Offline sign-in exists only in local mode; elsewhere the path is an ordinary 404.
  if (services.config.localMode) app.route("/", devRoutes(services));

  registerDocs(app, services);

  return Object.assign(app, { services });
}
