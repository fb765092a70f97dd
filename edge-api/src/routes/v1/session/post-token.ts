import { createRoute } from "@hono/zod-openapi";
import { ClerkVerifier } from "../../../lib/clerk";
import type { AppServices } from "../../../lib/context";
import { errorResponses, SECURITY, type Router } from "../../../lib/openapi";
import { TokenResponseSchema } from "../../../lib/schemas";
import { bearerToken } from "../../../middleware/auth";

export const SESSION_TOKEN_TTL_SECONDS = 15 * 60;

const route = createRoute({
  method: "post",
  path: "/token",
  tags: ["Tokens"],
  summary: "Exchange a Clerk session token for a Pixorly token",
  description:
    "For Pixorly's own site: send the Clerk session token as the bearer credential; get a first-party token for `clerk:<userId>`.",
  security: [{ [SECURITY.clerkSession]: [] }],
  responses: {
    200: {
      description: "A first-party token (every user scope).",
      content: { "application/json": { schema: TokenResponseSchema } },
    },
    ...errorResponses(401, 500),
  },
});

export function registerPostSessionToken(router: Router, services: AppServices) {
  const clerk = new ClerkVerifier(services.config.clerk!, services.deps.fetch, services.deps.now);
  router.openapi(route, async (c) => {
    const userId = await clerk.verify(bearerToken(c, "Clerk session token"));
    const signed = await services.tokens.signToken({ sub: `clerk:${userId}`, ttlSeconds: SESSION_TOKEN_TTL_SECONDS });
    services.metrics.recordTokenIssued("session");
    c.header("Cache-Control", "no-store");
    return c.json({ token: signed.token, expiresAt: signed.expiresAt }, 200);
  });
}
