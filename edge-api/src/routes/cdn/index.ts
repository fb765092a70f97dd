/** `/cdn/*`: the offline CDN (signed and public image delivery with transforms). */
import type { AppServices } from "../../lib/context";
import { createRouter } from "../../lib/openapi";
import { cdnServices } from "./deps";
import { registerGetCdnObject } from "./get";

export function cdnRoutes(services: AppServices) {
  const router = createRouter();
  registerGetCdnObject(router, services, cdnServices(services));
  return router;
}
