import { createRoute } from "@hono/zod-openapi";
import { EMBED_WHITE_LABEL_CLAIM, getPlan, isPlanId, isUserScope } from "@pixorly/core";
import type { AppServices } from "../../../lib/context";
import { ApiError } from "../../../lib/errors";
import { errorResponses, SECURITY, type Router } from "../../../lib/openapi";
import { TokenResponseSchema } from "../../../lib/schemas";
import { requirePartner } from "../../../middleware/partner-auth";
import { EMBED_TOKEN_TTL, EmbedTokenRequestSchema } from "./schema";

export function registerPostEmbedToken(router: Router, services: AppServices) {
  const route = createRoute({
    method: "post",
    path: "/tokens",
    tags: ["Tokens"],
    summary: "Mint an embed token for one of your users (server to server)",
    description:
      "Call this from your server with your partner secret key. The token lets `<pixorly-studio>` act for that user, " +
      "with the scopes you grant (a subset of your partner scopes), only from the origin you name.",
    security: [{ [SECURITY.partnerSecret]: [] }],
    middleware: [requirePartner(services)] as const,
    request: { body: { required: true, content: { "application/json": { schema: EmbedTokenRequestSchema } } } },
    responses: {
      200: {
        description: "The token and its expiry.",
        content: { "application/json": { schema: TokenResponseSchema } },
      },
      ...errorResponses(400, 401, 403, 413, 415, 429, 500),
    },
  });

  router.openapi(route, async (c) => {
    const partner = c.get("partner");
    const body = c.req.valid("json");
    const scopes = body.scopes ? [...new Set(body.scopes)] : partner.allowedScopes.filter(isUserScope);
    for (const scope of scopes) {
      if (!partner.allowedScopes.includes(scope)) {
        throw new ApiError("FORBIDDEN", `Your partner account may not grant the scope "${scope}".`);
      }
    }
    if (scopes.length === 0) throw new ApiError("FORBIDDEN", "Your partner account has no scopes to grant.");
    if (!partner.allowedOrigins.includes(body.origin)) {
      throw new ApiError("FORBIDDEN", `The origin ${body.origin} is not registered for your partner account.`);
    }
    const signed = await services.tokens.signToken({
      sub: `partner:${partner.partnerId}:${body.userId}`,
      scp: scopes,
      pid: partner.partnerId,
      // Convex compares it with the partner's current version: suspending, deleting or rotating
      // the partner revokes every embed token issued before.
      pver: partner.tokenVersion,
      origin: body.origin,
      ttlSeconds: body.ttlSeconds ?? EMBED_TOKEN_TTL.default,
      // `<pixorly-studio>` honours `brand` / `hide-brand` only with this claim: the plan decides, not the page.
      ...(isPlanId(partner.plan) && getPlan(partner.plan).whiteLabel
        ? { extra: { [EMBED_WHITE_LABEL_CLAIM]: true } }
        : {}),
    });
    services.metrics.recordTokenIssued("embed");
    c.header("Cache-Control", "no-store");
    return c.json({ token: signed.token, expiresAt: signed.expiresAt }, 200);
  });
}
