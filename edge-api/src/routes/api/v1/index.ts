/**
 * REST API v1 (`/api/v1/*`) for developers, authenticated with API keys (`px_…`). Each app
 * instance has its own key cache; daily limits are counted in Convex (`auth.ts`). Every route
 * checks the key's permission here (`permissions.ts`) and acts in Convex as the key's owner, so
 * another user's ids answer exactly as unknown ones.
 */
import { ApiKeyAuthenticator } from "../../../lib/api-keys";
import type { AppServices } from "../../../lib/context";
import { createRouter } from "../../../lib/openapi";
import { requireApiKey } from "./auth";
import { registerCancelJob } from "./cancel-job";
import { registerDeleteCollection } from "./delete-collection";
import { registerDeleteCollectionImage } from "./delete-collection-image";
import { registerDeleteImage } from "./delete-image";
import { registerFavoriteImage } from "./favorite-image";
import { registerGetCollection } from "./get-collection";
import { registerGetImage } from "./get-image";
import { registerGetStatus } from "./get-status";
import { registerGetUsage } from "./get-usage";
import { registerListCollections } from "./list-collections";
import { registerListImages } from "./list-images";
import { registerListJobs } from "./list-jobs";
import { registerListModels } from "./list-models";
import { registerPatchCollection } from "./patch-collection";
import { registerPatchImage } from "./patch-image";
import { registerPostCollection } from "./post-collection";
import { registerPostCollectionImages } from "./post-collection-images";
import { registerPostCompare } from "./post-compare";
import { registerPostGenerate } from "./post-generate";
import { registerPostInputs } from "./post-inputs";

export function apiV1Routes(services: AppServices) {
  const router = createRouter();
  const authenticator = new ApiKeyAuthenticator(
    services.convex,
    services.tokens,
    services.deps.now,
    services.deps.cryptoProvider,
  );
  router.use("*", requireApiKey(services, authenticator));
  registerPostGenerate(router, services);
  registerPostCompare(router, services);
  registerGetStatus(router, services);
  registerListJobs(router, services);
  registerCancelJob(router, services);
  registerListImages(router, services);
  registerGetImage(router, services);
  registerPatchImage(router, services);
  registerFavoriteImage(router, services);
  registerDeleteImage(router, services);
  registerListCollections(router, services);
  registerPostCollection(router, services);
  registerGetCollection(router, services);
  registerPatchCollection(router, services);
  registerDeleteCollection(router, services);
  registerPostCollectionImages(router, services);
  registerDeleteCollectionImage(router, services);
  registerListModels(router, services);
  registerGetUsage(router, services);
  registerPostInputs(router, services);
  return router;
}
