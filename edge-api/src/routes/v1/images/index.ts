/** `/v1/images/*`: image delivery for browsers and the REST API. */
import type { AppServices } from "../../../lib/context";
import { createRouter } from "../../../lib/openapi";
import { registerGetImageZip } from "./get-zip";
import { registerPostImageUrls } from "./post-urls";
import { registerPostImageZip } from "./post-zip";

export function imagesRoutes(services: AppServices) {
  const router = createRouter();
  registerPostImageUrls(router, services);
  registerPostImageZip(router, services);
  registerGetImageZip(router, services);
  return router;
}
