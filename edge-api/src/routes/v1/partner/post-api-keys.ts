import { createRoute } from "@hono/zod-openapi";
import { api } from "../../../lib/convex-api";
import type { AppServices } from "../../../lib/context";
import { ApiError } from "../../../lib/errors";
import { errorResponses, SECURITY, type Router } from "../../../lib/openapi";
import { requirePartner } from "../../../middleware/partner-auth";
import { PartnerApiKeyRequestSchema, PartnerApiKeyResponseSchema } from "./schema";

/** Service mutation (backend): an expiring API key for one of the partner's users, within the partner's scopes. */
export const apiKeysCreateForPartnerUser = api.apiKeys.createForPartnerUser;

const DAY_MS = 86_400_000;

export function registerPostPartnerApiKey(router: Router, services: AppServices) {
  const route = createRoute({
    method: "post",
    path: "/api-keys",
    tags: ["Partners"],
    summary: "Create an API key for one of your users (server to server)",
    description:
      "Call this from your server with your partner secret key. The key acts for `partner:<you>:<userId>` with the " +
      "permissions you give (a subset of your partner scopes), always expires, and stops working when your partner " +
      "account is suspended or deleted. Embed tokens cannot create keys.",
    security: [{ [SECURITY.partnerSecret]: [] }],
    middleware: [requirePartner(services)] as const,
    request: { body: { required: true, content: { "application/json": { schema: PartnerApiKeyRequestSchema } } } },
    responses: {
      201: {
        description: "The key, shown once.",
        content: { "application/json": { schema: PartnerApiKeyResponseSchema } },
      },
      ...errorResponses(400, 401, 403, 413, 415, 429, 500),
    },
  });

  router.openapi(route, async (c) => {
    const partner = c.get("partner");
    const { userId, name, permissions, expiresInDays } = c.req.valid("json");
    const refused = permissions.find((p) => !partner.allowedScopes.includes(p));
    if (refused) throw new ApiError("FORBIDDEN", `Your partner account may not grant the permission "${refused}".`);
    const created = await (
      await services.convex.asService()
    ).mutation(apiKeysCreateForPartnerUser, {
      partnerId: partner.partnerId,
      userId,
      name,
      permissions,
      expiresAt: services.deps.now() + expiresInDays * DAY_MS,
    });
    c.header("Cache-Control", "no-store");
    return c.json(created, 201);
  });
}
