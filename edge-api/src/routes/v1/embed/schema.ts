import { z } from "@hono/zod-openapi";
import { USER_SCOPES } from "@pixorly/core";
import { OriginSchema, UserIdSchema } from "../../../lib/schemas";

/** Embed tokens live at most 15 minutes; the element refreshes them before they expire. */
export const EMBED_TOKEN_TTL = { min: 60, max: 900, default: 900 } as const;

export const EmbedTokenRequestSchema = z
  .object({
    userId: UserIdSchema,
    scopes: z
      .array(z.enum(USER_SCOPES))
      .min(1)
      .max(USER_SCOPES.length * 2)
      .optional()
      .openapi({
        description: "Scopes for the token; default: every scope the partner may grant.",
        example: ["generate", "images:read"],
      }),
    origin: OriginSchema,
    ttlSeconds: z
      .number()
      .int()
      .min(EMBED_TOKEN_TTL.min)
      .max(EMBED_TOKEN_TTL.max)
      .optional()
      .openapi({
        description: `Lifetime in seconds (${EMBED_TOKEN_TTL.min}–${EMBED_TOKEN_TTL.max}, default ${EMBED_TOKEN_TTL.default}).`,
      }),
  })
  .openapi("EmbedTokenRequest");
