/**
 * `POST /v1/inputs`: the elements upload an image (or a mask) to work from, with the Convex token
 * they already hold. The checks and storage are shared with the REST route (`inputs/upload.ts`).
 */
import { createRoute } from "@hono/zod-openapi";
import type { AppServices } from "../../../lib/context";
import { errorResponses, SECURITY, type Router } from "../../../lib/openapi";
import { requireScope, requireUserToken } from "../../../middleware/auth";
import { InputKindQuerySchema, UploadedInputSchema, uploadInput, uploadRequestBody } from "../../../inputs/upload";

export function registerPostInput(router: Router, services: AppServices) {
  const route = createRoute({
    method: "post",
    path: "/",
    tags: ["Inputs"],
    summary: "Upload an image to work from",
    description:
      "Checks the file from its bytes (type by magic number, size, pixel count before decoding), turns it upright by its " +
      "EXIF orientation, strips its metadata and stores it privately for the caller. Use the `inputId` in a generation's `input`.",
    security: [{ [SECURITY.userToken]: [] }],
    middleware: [requireUserToken(services, { browser: true }), requireScope("generate")] as const,
    request: { query: InputKindQuerySchema, body: uploadRequestBody },
    responses: {
      201: { description: "Stored.", content: { "application/json": { schema: UploadedInputSchema } } },
      ...errorResponses(400, 401, 403, 413, 415, 422, 500, 501),
    },
  });
  router.openapi(route, async (c) => {
    const { kind } = c.req.valid("query");
    return c.json(await uploadInput(c, services, kind ?? "image"), 201);
  });
}
