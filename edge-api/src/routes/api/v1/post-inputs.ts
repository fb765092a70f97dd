/** `POST /api/v1/inputs`: the REST twin of `POST /v1/inputs` (an API key with the `generate` permission). */
import { createRoute } from "@hono/zod-openapi";
import type { AppServices } from "../../../lib/context";
import { SECURITY, errorResponses, type Router } from "../../../lib/openapi";
import { InputKindQuerySchema, UploadedInputSchema, uploadInput, uploadRequestBody } from "../../../inputs/upload";
import { requirePermission } from "./permissions";

const route = createRoute({
  method: "post",
  path: "/inputs",
  tags: ["REST API"],
  summary: "Upload an image to work from",
  description:
    "The raw file (any Content-Type; the type is read from the bytes) or `multipart/form-data` with the field `file`. " +
    "Checked (PNG, JPEG or WebP; size; pixels before decoding), turned upright by its EXIF orientation, stripped of " +
    "metadata and stored privately. Pass the `inputId` as `input.inputId` (or `input.maskInputId` for a mask uploaded " +
    "with `kind=mask`) to `POST /api/v1/generate`.",
  security: [{ [SECURITY.apiKey]: [] }],
  middleware: [requirePermission("generate")] as const,
  request: { query: InputKindQuerySchema, body: uploadRequestBody },
  responses: {
    201: { description: "Stored.", content: { "application/json": { schema: UploadedInputSchema } } },
    ...errorResponses(400, 401, 403, 413, 415, 422, 429, 500, 501),
  },
});

export function registerPostInputs(router: Router, services: AppServices) {
  router.openapi(route, async (c) => {
    const { kind } = c.req.valid("query");
    return c.json(await uploadInput(c, services, kind ?? "image"), 201);
  });
}
