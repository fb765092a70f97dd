/** Per-connection subscription limit and pagination options validation. */
import { ConvexHttpClient } from "convex/browser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { MAX_SUBSCRIPTIONS_PER_CONNECTION } from "../src/sync.js";
import { api } from "./fixture/convex/_generated/api.js";
import { startHarness, waitFor, type Harness } from "./harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ workers: 1 });
});
afterAll(async () => {
  await h.close();
});

describe("limits", () => {
  it(`a connection asking for ${MAX_SUBSCRIPTIONS_PER_CONNECTION + 1} subscriptions is refused; other clients go on`, async () => {
    const ws = new WebSocket(`${h.server.url.replace("http", "ws")}/api/1.48.0/sync`);
    const inbox: Record<string, any>[] = [];
    ws.on("message", (d) => inbox.push(JSON.parse(d.toString())));
    const closed = new Promise((r) => ws.once("close", r));
    await new Promise((r) => ws.once("open", r));
    const modifications = Array.from({ length: MAX_SUBSCRIPTIONS_PER_CONNECTION + 1 }, (_, i) => ({
      type: "Add",
      queryId: i,
      udfPath: "counters:get",
      args: [{ name: `s${i}` }],
    }));
    ws.send(JSON.stringify({ type: "ModifyQuerySet", baseVersion: 0, newVersion: 1, modifications }));
    await waitFor(() => inbox.some((m) => m.type === "FatalError"), "the refusal");
    expect(inbox.find((m) => m.type === "FatalError")!.error).toMatch(/Too many subscriptions/);
    await closed;
    const other = new ConvexHttpClient(h.server.url);
    await other.mutation(api.counters.increment, { name: "unaffected" });
    expect(await other.query(api.counters.get, { name: "unaffected" })).toBe(1);
  });

  it("numItems that is not a whole number is refused, naming the field", async () => {
    const http = new ConvexHttpClient(h.server.url);
    await expect(
      http.query(api.messages.paginated, { paginationOpts: { numItems: NaN, cursor: null } }),
    ).rejects.toThrow(/Invalid paginationOpts\.numItems/);
    await expect(
      http.query(api.messages.paginated, { paginationOpts: { numItems: 2.5, cursor: null } }),
    ).rejects.toThrow(/Invalid paginationOpts\.numItems: 2\.5/);
    expect(await http.query(api.messages.paginated, { paginationOpts: { numItems: 2, cursor: null } })).toMatchObject({
      isDone: true,
    });
  });
});
