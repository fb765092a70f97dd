import { beforeEach, describe, expect, it } from "vitest";
import { api } from "../_generated/api";
import { v } from "convex/values";
import { userMutation, userQuery } from "./auth";
import { newBackend, signedIn, type Backend, codeOf } from "../setup.testing";

let t: Backend;
beforeEach(() => {
  t = newBackend();
});

describe("user and service callers never stand in for each other", () => {
  it("a service token is refused by user queries and mutations", async () => {
    const service = signedIn(t, "service:edge-api", ["service"]);
    expect(await codeOf(service.query(api.jobs.me, {}))).toBe("FORBIDDEN");
    expect(await codeOf(service.mutation(api.users.ensure, {}))).toBe("FORBIDDEN");
    // Holding user scopes as well does not make it a user.
    expect(await codeOf(signedIn(t, "service:edge-api", ["service", "generate"]).mutation(api.users.ensure, {}))).toBe(
      "FORBIDDEN",
    );
  });

  it("user tokens, scoped or first-party, are refused by service functions", async () => {
    for (const user of [
      signedIn(t, "ada"),
      signedIn(t, "ada", ["generate", "images:read", "images:write", "collections:write"]),
    ]) {
      expect(await codeOf(user.query(api.partners.origins, {}))).toBe("FORBIDDEN");
      expect(await codeOf(user.mutation(api.apiKeys.verify, { key: "px_x" }))).toBe("FORBIDDEN");
    }
  });

  it("service functions need a token at all", async () => {
    expect(await codeOf(t.query(api.partners.origins, {}))).toBe("UNAUTHENTICATED");
    expect(await codeOf(t.mutation(api.apiKeys.verify, { key: "px_x" }))).toBe("UNAUTHENTICATED");
  });

  it("the service token passes service functions", async () => {
    expect(await signedIn(t, "service:edge-api", ["service"]).query(api.partners.origins, {})).toEqual([]);
  });
});

// Compile-time checks (never called): `npm test -- typecheck` fails if a user function could omit its scope.
export function scopesAreRequired() {
  // @ts-expect-error a user function must declare its scope
  userQuery({ args: {}, handler: async () => null });
  // @ts-expect-error the bare-handler form, which would skip the scope, is not offered
  userMutation(async () => null);
  // @ts-expect-error only the declared scopes exist
  userQuery({ scope: "images:everything", args: {}, handler: async () => null });
  // Handlers keep their types: arguments come from the validators, the context has the caller.
  userQuery({
    scope: "session",
    args: { n: v.number() },
    handler: async (ctx, { n }) => {
      // @ts-expect-error `n` is a number, not any
      const text: string = n;
      // @ts-expect-error `user` may be null in a query (not provisioned yet)
      const id: string = ctx.user._id;
      return [text, id];
    },
  });
}
