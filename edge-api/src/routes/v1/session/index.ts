/**
 * `/v1/session/token`: Clerk sign-in for Pixorly's own site. Without a Clerk configuration the
 * path answers 404 with a message that says so (instead of a generic "no route").
 */
import type { AppServices } from "../../../lib/context";
import { ApiError } from "../../../lib/errors";
import { createRouter } from "../../../lib/openapi";
import { registerPostSessionToken } from "./post-token";

export function sessionRoutes(services: AppServices) {
  const router = createRouter();
  if (services.config.clerk) {
    registerPostSessionToken(router, services);
  } else {
    router.post("/token", () => {
      throw new ApiError(
        "NOT_FOUND",
        "Clerk sign-in is not configured on this server (set CLERK_JWT_KEY or CLERK_JWKS_URL).",
      );
    });
  }
  return router;
}
