import { createRoute } from "@hono/zod-openapi";
import type { AppServices } from "../../../lib/context";
import { errorResponses, type Router } from "../../../lib/openapi";
import { TokenResponseSchema } from "../../../lib/schemas";
import { DEFAULT_LOCAL_USER, DEV_TOKEN_TTL_SECONDS, DevTokenRequestSchema } from "./schema";

const route = createRoute({
  method: "post",
  path: "/token",
  tags: ["Tokens"],
  summary: "Offline sign-in: a token for a local user (local mode only)",
  description:
    "Exists only when the API runs in local mode (`npm start`); elsewhere it is a 404. The body may be empty.",
  request: { body: { required: false, content: { "application/json": { schema: DevTokenRequestSchema } } } },
  responses: {
    200: {
      description: "A first-party token (every user scope) for `local:<userId>`.",
      content: { "application/json": { schema: TokenResponseSchema } },
    },
    ...errorResponses(400, 415, 500),
  },
});

export function registerPostDevToken(router: Router, services: AppServices) {
  router.openapi(route, async (c) => {
    const { userId } = c.req.valid("json");
    const signed = await services.tokens.signToken({
      sub: `local:${userId ?? DEFAULT_LOCAL_USER}`,
      ttlSeconds: DEV_TOKEN_TTL_SECONDS,
    });
    services.metrics.recordTokenIssued("dev");
    c.header("Cache-Control", "no-store");
    return c.json({ token: signed.token, expiresAt: signed.expiresAt }, 200);
  });
}
