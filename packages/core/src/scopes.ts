import * as z from "zod/mini";

/**
 * What a token or an API key may do. Tokens minted by the edge API carry these in `scp`;
 * API keys store them as their permissions. A token without `scp` is first-party and may
 * do every user scope, but never act as the service.
 */
export const USER_SCOPES = ["generate", "images:read", "images:write", "collections:write"] as const;
export type UserScope = (typeof USER_SCOPES)[number];
export const userScopeSchema = z.enum(USER_SCOPES);

/** Held only by the edge API's own service token; never granted to a user, partner or key. */
export const SERVICE_SCOPE = "service";
export type ServiceScope = typeof SERVICE_SCOPE;

export function isUserScope(value: unknown): value is UserScope {
  return typeof value === "string" && (USER_SCOPES as readonly string[]).includes(value);
}
