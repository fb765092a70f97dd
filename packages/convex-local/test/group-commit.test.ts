/** Group commit keeps mutations serializable and isolates a failing one. */
import { ConvexClient, ConvexHttpClient } from "convex/browser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api } from "./fixture/convex/_generated/api.js";
import { startHarness, type Harness } from "./harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ workers: 1 });
});
afterAll(async () => {
  await h.close();
});

describe("group commit", () => {
  it("200 concurrent writers incrementing 10,000 times end at 10,000; failing mutations among them leave nothing", async () => {
    const writers = Array.from(
      { length: 200 },
      () => new ConvexClient(h.server.url, { unsavedChangesWarning: false, logger: false }),
    );
    const failures = await Promise.all(
      writers.map(async (c, w) => {
        const calls: Promise<unknown>[] = [];
        for (let i = 0; i < 50; i++) {
          calls.push(c.mutation(api.counters.increment, { name: "group" }));
          // Every tenth writer also sends a mutation that writes then throws, in the same groups.
          if (w % 10 === 0 && i === 25)
            calls.push(
              c.mutation(api.messages.sendThenFail, { body: "must vanish" }).then(
                () => "ok",
                () => "failed",
              ),
            );
        }
        return (await Promise.all(calls)).filter((r) => r === "failed").length;
      }),
    );
    await Promise.all(writers.map((c) => c.close()));
    const http = new ConvexHttpClient(h.server.url);
    expect(await http.query(api.counters.get, { name: "group" })).toBe(10_000);
    expect(failures.reduce((a, b) => a + b, 0)).toBe(20);
    expect((await http.query(api.messages.list, {})).filter((m) => m.body === "must vanish")).toEqual([]);
  });
});
