/** Request and response pieces several token routes share. */
import { z } from "@hono/zod-openapi";

/** A partner's (or the local) user id, as it goes into `sub`. */
export const UserIdSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9_.:@-]+$/, "Use only letters, digits and _ . : @ -")
  .openapi({ description: "Your own id for the user (1–128 of A–Z a–z 0–9 _ . : @ -).", example: "user_8421" });

/**
 * A browser origin (`scheme://host[:port]`), returned in the normal form browsers send in
 * `Origin` (lowercase host, no default port), so comparisons are exact.
 */
export const OriginSchema = z
  .string()
  .max(2048)
  .transform((value, ctx) => {
    let url: URL | null = null;
    try {
      url = new URL(value);
    } catch {
      // reported below
    }
    const bare =
      url &&
      (url.protocol === "https:" || url.protocol === "http:") &&
      !url.username &&
      !url.password &&
      url.pathname === "/" &&
      !url.search &&
      !url.hash;
    if (!url || !bare) {
      ctx.addIssue({
        code: "custom",
        message: "Must be an origin such as https://example.com (scheme, host and port only)",
      });
      return z.NEVER;
    }
    return url.origin;
  })
  .openapi({
    type: "string",
    description: "The page origin the token will be used from.",
    example: "https://studio.partner.example",
  });

export const TokenResponseSchema = z
  .object({
    token: z.string().openapi({ description: "An ES256 JWT for Convex and the edge API's browser routes." }),
    expiresAt: z
      .number()
      .int()
      .openapi({ description: "Expiry in milliseconds since the Unix epoch.", example: 1767225600000 }),
  })
  .openapi("TokenResponse");
