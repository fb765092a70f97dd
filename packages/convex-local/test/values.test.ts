/** int64 (bigint) values round-trip through insert, index ranges, arguments and returns. */
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

describe("int64", () => {
  it("stores bigint fields and finds them by index range, over HTTP and the socket", async () => {
    const http = new ConvexHttpClient(h.server.url);
    const max = 2n ** 63n - 1n;
    for (const [n, label] of [
      [max, "max"],
      [-5n, "minus five"],
      [7n, "seven"],
      [-(2n ** 63n), "min"],
    ] as const) {
      await http.mutation(api.numbers.put, { n, label });
    }
    expect(await http.query(api.numbers.between, { low: -10n, high: max })).toEqual([
      { n: -5n, label: "minus five" },
      { n: 7n, label: "seven" },
      { n: max, label: "max" },
    ]);
    expect(await http.query(api.numbers.double, { n: 21n })).toBe(42n);
    const socket = new ConvexClient(h.server.url, { unsavedChangesWarning: false, logger: false });
    expect(await socket.query(api.numbers.between, { low: -(2n ** 63n), high: 0n })).toEqual([
      { n: -(2n ** 63n), label: "min" },
      { n: -5n, label: "minus five" },
    ]);
    await socket.close();
  });
});
