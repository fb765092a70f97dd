/** `/v1/account/*`: the account's own records — data export downloads. */
import type { AppServices } from "../../../lib/context";
import { createRouter } from "../../../lib/openapi";
import { registerGetExport } from "./get-export";
import { registerPostExportUrl } from "./post-export-url";

export function accountRoutes(services: AppServices) {
  const router = createRouter();
  registerPostExportUrl(router, services);
  registerGetExport(router, services);
  return router;
}
