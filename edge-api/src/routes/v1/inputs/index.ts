/** `/v1/inputs`: image uploads for the elements (issue 16). */
import type { AppServices } from "../../../lib/context";
import { createRouter } from "../../../lib/openapi";
import { registerPostInput } from "./post";

export function inputsRoutes(services: AppServices) {
  const router = createRouter();
  registerPostInput(router, services);
  return router;
}
