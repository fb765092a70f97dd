import { describe, expect, it } from "vitest";
import { SERVICE_SCOPE, USER_SCOPES, isUserScope, userScopeSchema } from "./scopes";

describe("scopes", () => {
  it("lists the user scopes, without the service scope", () => {
    expect(USER_SCOPES).toEqual(["generate", "images:read", "images:write", "collections:write"]);
    expect(USER_SCOPES).not.toContain(SERVICE_SCOPE);
  });

  it("accepts only user scopes", () => {
    expect(userScopeSchema.parse("images:read")).toBe("images:read");
    expect(userScopeSchema.safeParse(SERVICE_SCOPE).success).toBe(false);
    expect(userScopeSchema.safeParse("images:*").success).toBe(false);
    expect(isUserScope("generate")).toBe(true);
    expect(isUserScope("service")).toBe(false);
    expect(isUserScope(1)).toBe(false);
  });
});
