/** `/v1/embed/tokens`: partners mint short-lived, scoped tokens for their users. */
import type { AppServices } from "../../lib/context";
import { createRouter } from "../../lib/openapi";
import { registerPostEmbedToken } from "./post";

export function tokenRoutes(services: AppServices) {
  const router = createRouter();
  registerPostEmbedToken(router, services);
  return router;
}
