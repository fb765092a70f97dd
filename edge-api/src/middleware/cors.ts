/**
 * CORS only for origins Pixorly knows: every partner's allowed origins (from Convex, cached)
 * and `CORS_ORIGINS` (Pixorly's own sites; the local demo origins offline). Tokens travel in
 * `Authorization`, never in cookies, so credentials stay off.
 */
import type { MiddlewareHandler } from "hono";
import { cors } from "hono/cors";
import type { AppEnv, AppServices } from "../lib/context";

export function partnerCors(services: AppServices): MiddlewareHandler<AppEnv> {
  const fixed = new Set(services.config.corsOrigins);
  return cors({
    origin: async (origin) => {
      if (!origin) return null;
      if (fixed.has(origin)) return origin;
      return (await services.partnerOrigins.has(origin)) ? origin : null;
    },
    allowMethods: ["GET", "HEAD", "POST", "DELETE", "OPTIONS"],
    allowHeaders: ["Authorization", "Content-Type", "X-Request-Id"],
    exposeHeaders: ["X-Request-Id", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "RateLimit-Policy", "Retry-After"],
    maxAge: 600,
  });
}
