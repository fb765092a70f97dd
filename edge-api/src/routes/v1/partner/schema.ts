import { z } from "@hono/zod-openapi";
import { API_KEY_LIMITS, USER_SCOPES } from "@pixorly/core";
import { UserIdSchema } from "../../../lib/schemas";

/** Keys for partner users always expire, at most this many days ahead (Convex enforces the same). */
export const PARTNER_KEY_MAX_DAYS = 90;

export const PartnerApiKeyRequestSchema = z
  .strictObject({
    userId: UserIdSchema,
    name: z
      .string()
      .trim()
      .min(API_KEY_LIMITS.name.minLength)
      .max(API_KEY_LIMITS.name.maxLength)
      .openapi({
        description: `A name for the key (${API_KEY_LIMITS.name.minLength}–${API_KEY_LIMITS.name.maxLength} characters).`,
        example: "user_8421 backend",
      }),
    permissions: z
      .array(z.enum(USER_SCOPES))
      .min(1)
      .max(USER_SCOPES.length)
      .refine((p) => new Set(p).size === p.length, "Each permission once")
      .openapi({
        description: "What the key may do: a subset of your partner scopes.",
        example: ["generate", "images:read"],
      }),
    expiresInDays: z
      .number()
      .int()
      .min(1)
      .max(PARTNER_KEY_MAX_DAYS)
      .openapi({
        description: `Days until the key expires (1–${PARTNER_KEY_MAX_DAYS}); required: partner users' keys always expire.`,
        example: 30,
      }),
  })
  .openapi("PartnerApiKeyRequest");

export const PartnerApiKeyResponseSchema = z
  .object({
    id: z.string(),
    key: z
      .string()
      .openapi({ description: "The API key (`px_…`). Shown once: Pixorly stores only its hash.", example: "px_…" }),
    prefix: z.string().openapi({ example: "px_AbC12345" }),
    expiresAt: z.number().int().openapi({ description: "Milliseconds since the Unix epoch.", example: 1767225600000 }),
  })
  .openapi("PartnerApiKey");
