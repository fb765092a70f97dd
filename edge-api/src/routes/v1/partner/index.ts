/** `/v1/partner/*`: what a partner's server does with its secret key besides minting embed tokens. */
import type { AppServices } from "../../../lib/context";
import { createRouter } from "../../../lib/openapi";
import { registerPostPartnerApiKey } from "./post-api-keys";

export function partnerRoutes(services: AppServices) {
  const router = createRouter();
  registerPostPartnerApiKey(router, services);
  return router;
}
