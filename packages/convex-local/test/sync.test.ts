/** Live queries over the WebSocket sync protocol, through the official ConvexClient. */
import { ConvexClient } from "convex/browser";
import { makeFunctionReference } from "convex/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { api } from "./fixture/convex/_generated/api.js";
import { startHarness, waitFor, type Harness } from "./harness.js";

let h: Harness;
const clients: ConvexClient[] = [];
function newClient() {
  const c = new ConvexClient(h.server.url, { unsavedChangesWarning: false });
  clients.push(c);
  return c;
}

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await h.close();
});

describe("subscriptions", () => {
  it("pushes a new result to every subscriber after a commit", async () => {
    const watcher = newClient();
    const writer = newClient();
    const seen: number[] = [];
    watcher.onUpdate(api.counters.get, { name: "live" }, (v) => seen.push(v));
    await waitFor(() => seen.length === 1, "the first result");
    expect(seen).toEqual([0]);
    await writer.mutation(api.counters.increment, { name: "live" });
    await writer.mutation(api.counters.increment, { name: "live" });
    await waitFor(() => seen.at(-1) === 2, "the updated result");
    // Intermediate states may be coalesced, but results arrive in commit order.
    expect(seen[0]).toBe(0);
    expect([...seen].sort()).toEqual(seen);
  });

  it("pushes only changed results: a write to another table does not re-send a query", async () => {
    const watcher = newClient();
    const counterUpdates: number[] = [];
    const messageUpdates: number[] = [];
    watcher.onUpdate(api.counters.get, { name: "quiet" }, (v) => counterUpdates.push(v));
    watcher.onUpdate(api.messages.count, {}, (v) => messageUpdates.push(v));
    await waitFor(() => counterUpdates.length === 1 && messageUpdates.length === 1, "first results");
    await newClient().mutation(api.messages.send, { author: "s", body: "hello" });
    await waitFor(() => messageUpdates.length === 2, "the message count update");
    // Same table, but the result for this counter does not change: nothing is pushed either.
    await newClient().mutation(api.counters.increment, { name: "other" });
    await new Promise((r) => setTimeout(r, 150));
    expect(counterUpdates).toEqual([0]);
    expect(messageUpdates[1]).toBe(messageUpdates[0] + 1);
  });

  it("a mutation over the socket resolves and its own subscription already shows its write", async () => {
    const c = newClient();
    const seen: number[] = [];
    c.onUpdate(api.counters.get, { name: "own" }, (v) => seen.push(v));
    await waitFor(() => seen.length === 1, "first result");
    await c.mutation(api.counters.increment, { name: "own" });
    expect(seen.at(-1)).toBe(1);
  });

  it("actions and queries over the socket", async () => {
    const c = newClient();
    expect(await c.query(api.messages.slowAnswer, {})).toBe(42);
    const labels = await c.action(api.jobs.viaAction, { label: "from-socket" });
    expect(labels).toContain("from-socket");
  });

  it("errors of mutations reach the socket client", async () => {
    const c = newClient();
    await expect(c.mutation(api.messages.sendThenFail, { body: "x" })).rejects.toThrow(/boom after writing/);
    await expect(c.mutation(makeFunctionReference<"mutation">("messages:nope"), {})).rejects.toThrow(
      /Could not find public function for 'messages:nope'/,
    );
  });
});

describe("protocol errors", () => {
  function rawSocket(): Promise<WebSocket> {
    const ws = new WebSocket(`${h.server.url.replace("http", "ws")}/api/1.48.0/sync`);
    return new Promise((resolve, reject) => {
      ws.once("open", () => resolve(ws));
      ws.once("error", reject);
    });
  }

  async function expectFatal(payload: string) {
    const ws = await rawSocket();
    const messages: { type: string; error?: string }[] = [];
    ws.on("message", (d) => messages.push(JSON.parse(d.toString())));
    const closed = new Promise<number>((r) => ws.once("close", (code) => r(code)));
    ws.send(payload);
    expect(await closed).toBe(1008);
    expect(messages.find((m) => m.type === "FatalError")?.error).toMatch(/Malformed/);
  }

  it("a malformed message gets FatalError and that connection closes; the server stays up", async () => {
    await expectFatal("this is not json");
    await expectFatal(JSON.stringify({ type: "Nonsense" }));
    await expectFatal(JSON.stringify({ type: "ModifyQuerySet", baseVersion: 7, newVersion: 8, modifications: [] }));
    await expectFatal(JSON.stringify({ type: "Mutation", requestId: "x" }));
    const c = newClient();
    expect(await c.query(api.messages.slowAnswer, {})).toBe(42);
  });

  it("a mutation's answer is followed by a transition, even when an earlier one already carried its timestamp", async () => {
    // A query set change and a mutation sent together (a page unsubscribing as it writes): the
    // mutation runs at once, so the query set's transition can be stamped with the mutation's
    // commit while its answer is still queued behind. The client resolves a mutation only on a
    // transition that arrives after the answer: without one it waited for the next commit.
    for (let attempt = 0; attempt < 5; attempt++) {
      const ws = await rawSocket();
      const messages: { type: string }[] = [];
      ws.on("message", (d) => messages.push(JSON.parse(d.toString())));
      ws.send(
        JSON.stringify({
          type: "Connect",
          sessionId: `pipelined-${attempt}`,
          connectionCount: 0,
          lastCloseReason: null,
        }),
      );
      ws.send(
        JSON.stringify({
          type: "ModifyQuerySet",
          baseVersion: 0,
          newVersion: 1,
          modifications: [{ type: "Add", queryId: 0, udfPath: "messages:slowAnswer", args: [{}] }],
        }),
      );
      ws.send(
        JSON.stringify({
          type: "Mutation",
          requestId: 0,
          udfPath: "counters:increment",
          args: [{ name: "pipelined" }],
        }),
      );
      const answered = () => messages.findIndex((m) => m.type === "MutationResponse");
      await waitFor(() => answered() >= 0, "the mutation's answer");
      await waitFor(
        () => messages.slice(answered() + 1).some((m) => m.type === "Transition"),
        "a transition after the answer",
        3000,
      );
      ws.close();
    }
  });

  it("a query that throws is reported to its subscriber as an error", async () => {
    const c = newClient();
    const errors: Error[] = [];
    c.onUpdate(
      makeFunctionReference<"query">("messages:nope"),
      {},
      () => {},
      (e) => errors.push(e),
    );
    await waitFor(() => errors.length === 1, "the query error");
    expect(errors[0].message).toMatch(/Could not find public function/);
  });
});
