/** `/v1/images/*`: image delivery for browsers and the REST API. */
import type { AppServices } from "../../lib/context";
import { createRouter } from "../../lib/openapi";
import { registerPostImageUrls } from "./post-urls";

export function imagesRoutes(services: AppServices) {
  const router = createRouter();
  registerPostImageUrls(router, services);
  return router;
}
