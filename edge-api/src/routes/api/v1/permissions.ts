/**
 * The permission check of the REST API. An API key's token carries the key's permissions as
 * scopes, so this is `requireScope` with the words a developer holding a key reads: the refusal
 * names the API key and the permission to add, not a "token" they never saw.
 */
import type { MiddlewareHandler } from "hono";
import type { UserScope } from "@pixorly/core";
import type { AppEnv } from "../../../lib/context";
import { ApiError } from "../../../lib/errors";

/** After `requireApiKey`: the key must hold `permission` (403 naming it otherwise). */
export function requirePermission(permission: UserScope): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const scopes = c.get("claims").scp;
    if (scopes && !scopes.includes(permission)) {
      throw new ApiError(
        "FORBIDDEN",
        `This API key does not have the "${permission}" permission; create a key that includes it.`,
      );
    }
    await next();
  };
}
