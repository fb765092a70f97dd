/**
 * REST API v1 (`/api/v1/*`) for developers, authenticated with API keys (`px_…`). Each app
 * instance has its own key cache; daily limits are counted in Convex (`auth.ts`).
 */
import { ApiKeyAuthenticator } from "../../lib/api-keys";
import type { AppServices } from "../../lib/context";
import { createRouter } from "../../lib/openapi";
import { requireApiKey } from "./auth";
import { registerDeleteImage } from "./delete-image";
import { registerGetImage } from "./get-image";
import { registerGetStatus } from "./get-status";
import { registerListImages } from "./list-images";
import { registerListModels } from "./list-models";
import { registerPostGenerate } from "./post-generate";

export function apiV1Routes(services: AppServices) {
  const router = createRouter();
  const authenticator = new ApiKeyAuthenticator(services.convex, services.tokens, services.deps.now, services.deps.cryptoProvider);
  router.use("/api/v1/*", requireApiKey(services, authenticator));
  registerPostGenerate(router, services);
  registerGetStatus(router, services);
  registerListImages(router, services);
  registerGetImage(router, services);
  registerDeleteImage(router, services);
  registerListModels(router, services);
  return router;
}
