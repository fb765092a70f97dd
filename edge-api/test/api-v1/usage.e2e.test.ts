/**
 * `GET /api/v1/usage` end to end: a key's owner reads the spend their generations and requests
 * recorded in Convex (`usage:summary` through an API-key session), and only their own.
 */
import { makeFunctionReference } from "convex/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKey, generateImage, startRestStack, withKey, type Stack } from "./setup";

const usageSummary = makeFunctionReference<
  "query",
  { days: number },
  { totals: { generations: number; apiCalls: number } }
>("usage:summary");

let stack: Stack;

beforeAll(async () => {
  ({ stack } = await startRestStack());
}, 60_000);
afterAll(async () => await stack?.close());

describe("GET /api/v1/usage", () => {
  it("gives the owner's generations, spend and requests by day and model — the same as the account page reads", async () => {
    const { key, user } = await createKey(stack, "usage-ada");
    await generateImage(stack, key);
    const res = await withKey(stack, key, "/api/v1/usage?days=7");
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.days).toHaveLength(7);
    expect(body.totals.generations).toBe(1);
    expect(body.totals.apiCalls).toBeGreaterThanOrEqual(2);
    expect(body.byModel).toEqual([expect.objectContaining({ model: "local/aurora", generations: 1 })]);
    expect(body.byModel[0].credits).toBe(body.totals.credits);
    // The owner's own session reads the same generations.
    expect((await user.query(usageSummary, { days: 7 })).totals.generations).toBe(1);

    // Another user's key sees nothing of Ada's.
    const { key: other } = await createKey(stack, "usage-bob");
    const theirs = await (await withKey(stack, other, "/api/v1/usage")).json();
    expect(theirs.days).toHaveLength(30);
    expect(theirs.totals.generations).toBe(0);
    expect(theirs.byModel).toEqual([]);
  });

  it("days out of range is a 400 naming days", async () => {
    const { key } = await createKey(stack, "usage-cy");
    const res = await withKey(stack, key, "/api/v1/usage?days=91");
    expect(res.status).toBe(400);
    expect((await res.json()).fields).toEqual([
      { field: "days", path: "days", message: "days must be a whole number from 1 to 90" },
    ]);
  });
});
