/** `/.well-known/*`: what token verifiers (Convex, partners) need to trust this issuer. */
import type { AppServices } from "../../lib/context";
import { createRouter } from "../../lib/openapi";
import { registerJwks } from "./jwks";
import { registerOpenIdConfiguration } from "./openid-configuration";

export function wellKnownRoutes(services: AppServices) {
  const router = createRouter();
  registerJwks(router, services);
  registerOpenIdConfiguration(router, services);
  return router;
}
