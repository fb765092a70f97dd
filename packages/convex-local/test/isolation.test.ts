/**
 * Actions run in worker threads: a function's stray exception, unhandled rejection or endless loop
 * fails that call only, while queries, mutations and subscriptions on other connections go on.
 */
import { ConvexClient, ConvexHttpClient } from "convex/browser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api } from "./fixture/convex/_generated/api.js";
import { startHarness, waitFor, type Harness } from "./harness.js";

let h: Harness;
let watcher: ConvexClient;

beforeAll(async () => {
  // A short action limit so the endless loop is cut in the test's time (Convex: 10 minutes).
  h = await startHarness({ actionTimeoutMs: 3000 });
  watcher = new ConvexClient(h.server.url, { unsavedChangesWarning: false, logger: false });
});
afterAll(async () => {
  await watcher.close();
  await h.close();
});

const failure = (p: Promise<unknown>) =>
  p.then(
    (v) => `resolved: ${JSON.stringify(v)}`,
    (e: Error) => e.message,
  );

describe("action isolation", () => {
  it("a throw from a timer, an unhandled rejection, a failed DNS lookup and an endless loop fail their own calls", async () => {
    const http = new ConvexHttpClient(h.server.url);
    const seen: number[] = [];
    watcher.onUpdate(api.counters.get, { name: "isolation" }, (v) => seen.push(v));
    await waitFor(() => seen.length > 0, "the first result");

    // Each fails fast, with its own error, however the pool places them.
    const [timer, rejection, lookup] = await Promise.all([
      failure(http.action(api.node.throwFromTimer, {})),
      failure(http.action(api.node.rejectUnhandled, {})),
      failure(http.action(api.node.failingLookup, {})),
    ]);
    expect(timer).toMatch(/Server Error\nUncaught Error: thrown from a timer/);
    expect(rejection).toMatch(/Server Error\nUncaught Error: rejected and never handled/);
    expect(lookup).toMatch(/Server Error\nUncaught Error: getaddrinfo \w+ convex-local-test\.invalid/);

    // While an action loops forever, another connection's subscription keeps updating.
    const loop = failure(http.action(api.node.loopForever, {}));
    for (let i = 1; i <= 3; i++) {
      await http.mutation(api.counters.increment, { name: "isolation" });
      await waitFor(() => seen.at(-1) === i, `update ${i} while the action loops`);
    }
    expect(await loop).toMatch(/Function execution timed out \(maximum duration: 3s\)/);

    // The server is up, and "use node" code loads built-ins and npm packages through require.
    expect(await http.action(api.node.builtins, {})).toEqual({ platform: process.platform, bigint: "1" });
    expect(await http.query(api.counters.get, { name: "isolation" })).toBe(3);
  });
});
