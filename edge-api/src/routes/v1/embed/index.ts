/** `/v1/embed/tokens`: partners mint short-lived, scoped tokens for their users. */
import type { AppServices } from "../../../lib/context";
import { createRouter } from "../../../lib/openapi";
import { registerPostEmbedToken } from "./post-tokens";

export function embedRoutes(services: AppServices) {
  const router = createRouter();
  registerPostEmbedToken(router, services);
  return router;
}
