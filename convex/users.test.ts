import { describe, expect, it } from "vitest";
import { api, internal } from "./_generated/api";
import { codeOf, errorOf, newBackend, signedIn } from "./setup.testing";

describe("users.grantCredits (operators, internal)", () => {
  it("adds to the balance and returns the new one", async () => {
    const t = newBackend();
    const me = signedIn(t, "local:alice");
    const { userId, credits } = await me.mutation(api.users.ensure, {});
    expect(await t.mutation(internal.users.grantCredits, { userId, credits: 1500 })).toEqual({
      userId,
      credits: credits + 1500,
    });
    expect((await me.mutation(api.users.ensure, {})).credits).toBe(credits + 1500);
  });

  it("refuses amounts that are not positive whole numbers, and unknown users", async () => {
    const t = newBackend();
    const { userId } = await signedIn(t, "local:bob").mutation(api.users.ensure, {});
    for (const credits of [0, -5, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 2]) {
      const data = await errorOf(t.mutation(internal.users.grantCredits, { userId, credits }));
      expect(data).toMatchObject({ code: "INVALID_ARGUMENT", fields: [{ field: "credits" }] });
    }
    expect(await codeOf(t.mutation(internal.users.grantCredits, { userId: "nobody", credits: 5 }))).toBe("NOT_FOUND");
  });
});
