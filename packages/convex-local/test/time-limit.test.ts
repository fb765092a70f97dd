/**
 * The 1-second execution limit of queries and mutations, with Convex's message, through the official
 * clients: checked at every syscall and when the function returns; a caught timeout still fails; a
 * mutation over the limit commits nothing; other calls go on.
 */
import { ConvexClient, ConvexHttpClient } from "convex/browser";
import { anyApi } from "convex/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "./harness.js";

const slow = anyApi.slow;
let h: Harness;
let http: ConvexHttpClient;
beforeAll(async () => {
  h = await startHarness({ workers: 0 });
  http = new ConvexHttpClient(h.server.url);
});
afterAll(() => h.close());

describe("execution limit of queries and mutations", () => {
  it("fails a query past 1 s at its next database call with Convex's message; one under it is fine", async () => {
    expect(await http.query(slow.busyReads, { ms: 50 })).toBeGreaterThan(0);
    const started = Date.now();
    await expect(http.query(slow.busyReads, { ms: 10_000 })).rejects.toThrow(
      /Server Error\nFunction execution timed out \(maximum duration: 1s\)$/,
    );
    // Stopped after 1 s of its own execution (the database calls' time does not count), long before 10 s.
    expect(Date.now() - started).toBeLessThan(7000);
  });

  describe("with a shorter limit", () => {
    beforeAll(() => {
      h.server.engine.udfTimeLimitMs = 150;
    });
    afterAll(() => {
      h.server.engine.udfTimeLimitMs = 1000;
    });

    it("checks when the function returns, too (no syscall after the limit)", async () => {
      await expect(http.query(slow.busyThenReturn, { ms: 300 })).rejects.toThrow(
        "Function execution timed out (maximum duration: 150ms)",
      );
      expect(await http.query(slow.busyThenReturn, { ms: 10 })).toBe("done");
    });

    it("fails the function even if its code catches the timeout", async () => {
      await expect(http.query(slow.catchesTimeout, { ms: 2000 })).rejects.toThrow(
        "Function execution timed out (maximum duration: 150ms)",
      );
    });

    it("a mutation over the limit commits nothing; a subscription on another connection keeps updating", async () => {
      const client = new ConvexClient(h.server.url);
      try {
        const seen: number[] = [];
        client.onUpdate(anyApi.counters.get, { name: "tl-live" }, (v: number) => seen.push(v));
        await expect(http.mutation(slow.writeThenBusy, { name: "tl-written", ms: 1000 })).rejects.toThrow(
          "Function execution timed out (maximum duration: 150ms)",
        );
        expect(await http.query(anyApi.counters.get, { name: "tl-written" })).toBe(0);
        await http.mutation(anyApi.counters.increment, { name: "tl-live" });
        await expect.poll(() => seen.at(-1), { timeout: 5000 }).toBe(1);
      } finally {
        await client.close();
      }
    });
  });
});
