import { z } from "@hono/zod-openapi";

export const JwksSchema = z
  .object({
    keys: z.array(
      z.object({
        kty: z.literal("EC"),
        crv: z.literal("P-256"),
        x: z.string(),
        y: z.string(),
        kid: z.string(),
        alg: z.literal("ES256"),
        use: z.literal("sig"),
      }),
    ),
  })
  .openapi("JsonWebKeySet");

export const OpenIdConfigurationSchema = z
  .object({
    issuer: z.string().url(),
    jwks_uri: z.string().url(),
    id_token_signing_alg_values_supported: z.array(z.string()),
    subject_types_supported: z.array(z.string()),
    response_types_supported: z.array(z.string()),
    claims_supported: z.array(z.string()),
  })
  .openapi("OpenIdConfiguration");
