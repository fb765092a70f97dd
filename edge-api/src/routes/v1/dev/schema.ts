import { z } from "@hono/zod-openapi";
import { UserIdSchema } from "../../../lib/schemas";

export const DEFAULT_LOCAL_USER = "local-user";
export const DEV_TOKEN_TTL_SECONDS = 15 * 60;

export const DevTokenRequestSchema = z
  .object({ userId: UserIdSchema.optional().openapi({ description: `Default "${DEFAULT_LOCAL_USER}".` }) })
  .openapi("DevTokenRequest");
