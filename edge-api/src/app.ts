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
import { apiV1Routes } from "./routes/api/v1";
import { cdnRoutes } from "./routes/cdn";
import { devRoutes } from "./routes/v1/dev";
import { elementsRoutes } from "./routes/elements";
import { registerDocs } from "./routes/docs";
import { imagesRoutes } from "./routes/v1/images";
import { accountRoutes } from "./routes/v1/account";
import { inputsRoutes } from "./routes/v1/inputs";
import { opsRoutes } from "./routes/ops";
import { partnerRoutes } from "./routes/v1/partner";
import { sessionRoutes } from "./routes/v1/session";
import { embedRoutes } from "./routes/v1/embed";
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

  // The URL map: each router is mounted at its prefix (its folder under routes/ has the same name)
  // and registers paths relative to it.
  app.route("/.well-known", wellKnownRoutes(services));
  app.route("/", opsRoutes(services));
  app.route("/v1/embed", embedRoutes(services));
  app.route("/v1/partner", partnerRoutes(services));
  app.route("/v1/session", sessionRoutes(services));
  app.route("/v1/images", imagesRoutes(services));
  app.route("/v1/account", accountRoutes(services));
  app.route("/v1/inputs", inputsRoutes(services));
  app.route("/cdn", cdnRoutes(services));
  app.route("/api/v1", apiV1Routes(services));
  app.route("/elements", elementsRoutes(services));
  // Offline sign-in exists only in local mode; elsewhere the path is an ordinary 404.
  if (services.config.localMode) app.route("/v1/dev", devRoutes(services));

  registerDocs(app, services);

  return Object.assign(app, { services });
}
