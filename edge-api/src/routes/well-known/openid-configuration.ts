import { createRoute } from "@hono/zod-openapi";
import type { AppServices } from "../../lib/context";
import type { Router } from "../../lib/openapi";
import { JWKS_CACHE_CONTROL } from "./jwks";
import { OpenIdConfigurationSchema } from "./schema";

const route = createRoute({
  method: "get",
  path: "/openid-configuration",
  tags: ["Identity"],
  summary: "Discovery document for the token issuer",
  responses: {
    200: {
      description: "Where the issuer's keys are and what its tokens hold.",
      content: { "application/json": { schema: OpenIdConfigurationSchema } },
    },
  },
});

export function registerOpenIdConfiguration(router: Router, services: AppServices) {
  const { issuer } = services.config;
  router.openapi(route, (c) => {
    c.header("Cache-Control", JWKS_CACHE_CONTROL);
    return c.json(
      {
        issuer,
        jwks_uri: `${issuer}/.well-known/jwks.json`,
        id_token_signing_alg_values_supported: ["ES256"],
        subject_types_supported: ["public"],
        response_types_supported: ["id_token"],
        claims_supported: ["iss", "aud", "sub", "iat", "exp", "jti", "scp", "pid", "origin"],
      },
      200,
    );
  });
}
