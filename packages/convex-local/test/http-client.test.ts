/** Functions, validators, transactions and queries through the official ConvexHttpClient. */
import { ConvexHttpClient } from "convex/browser";
import { ConvexError } from "convex/values";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { api, internal } from "./fixture/convex/_generated/api.js";
import { startHarness, type Harness } from "./harness.js";

let h: Harness;
let client: ConvexHttpClient;

beforeAll(async () => {
  h = await startHarness();
  client = new ConvexHttpClient(h.server.url);
});
afterAll(() => h.close());

async function clearMessages() {
  for (const m of await client.query(api.messages.list, {})) await client.mutation(api.messages.remove, { id: m._id });
}

describe("reads and writes", () => {
  beforeEach(clearMessages);

  it("inserts, reads, patches (unsetting a field) and deletes", async () => {
    const id = await client.mutation(api.messages.send, { author: "ada", body: "first", likes: 3 });
    expect(typeof id).toBe("string");
    const [doc] = await client.query(api.messages.list, {});
    expect(doc).toMatchObject({ _id: id, author: "ada", body: "first", likes: 3 });
    expect(doc._creationTime).toBeGreaterThan(Date.now() - 60_000);
    const edited = await client.mutation(api.messages.edit, { id, body: "edited" });
    expect(edited).toMatchObject({ body: "edited" });
    expect(edited).not.toHaveProperty("likes");
    await client.mutation(api.messages.remove, { id });
    expect(await client.query(api.messages.list, {})).toEqual([]);
  });

  it("queries an index by equality and by range, in both orders", async () => {
    await client.mutation(api.messages.send, { author: "ada", body: "a", channel: "x", likes: 1 });
    await client.mutation(api.messages.send, { author: "ada", body: "b", channel: "y", likes: 5 });
    await client.mutation(api.messages.send, { author: "ada", body: "c", channel: "x", likes: 9 });
    await client.mutation(api.messages.send, { author: "bob", body: "d", channel: "x", likes: 7 });
    expect((await client.query(api.messages.list, { channel: "x" })).map((m) => m.body)).toEqual(["a", "c", "d"]);
    const ranged = await client.query(api.messages.byAuthorLikes, { author: "ada", minLikes: 5 });
    expect(ranged.map((m) => m.body)).toEqual(["c", "b"]);
    expect((await client.query(api.messages.popular, {})).map((m) => m.body).sort()).toEqual(["b", "c", "d"]);
    expect(await client.query(api.messages.count, {})).toBe(4);
  });

  it("searches the search index, with a filter field and a prefix on the last term", async () => {
    await client.mutation(api.messages.send, { author: "ada", body: "a red fox in the snow" });
    await client.mutation(api.messages.send, { author: "bob", body: "red sunset over the sea" });
    await client.mutation(api.messages.send, { author: "ada", body: "blue whale" });
    const red = await client.query(api.messages.search, { text: "red" });
    expect(red.map((m) => m.author).sort()).toEqual(["ada", "bob"]);
    const adaRed = await client.query(api.messages.search, { text: "red", author: "ada" });
    expect(adaRed.map((m) => m.body)).toEqual(["a red fox in the snow"]);
    expect((await client.query(api.messages.search, { text: "wha" })).map((m) => m.body)).toEqual(["blue whale"]);
    expect(await client.query(api.messages.search, { text: "zebra" })).toEqual([]);
  });

  it("paginates with stable cursors while documents are inserted", async () => {
    for (let i = 0; i < 7; i++) await client.mutation(api.messages.send, { author: "p", body: `m${i}` });
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    for (;;) {
      const page: { page: { body: string }[]; isDone: boolean; continueCursor: string } = await client.query(
        api.messages.paginated,
        { paginationOpts: { numItems: 3, cursor } },
      );
      seen.push(...page.page.map((m) => m.body));
      // Newer documents sort before the cursor (order desc) and must not shift later pages.
      await client.mutation(api.messages.send, { author: "p", body: `new${pages}` });
      pages++;
      if (page.isDone) break;
      cursor = page.continueCursor;
    }
    expect(seen).toEqual(["m6", "m5", "m4", "m3", "m2", "m1", "m0"]);
    expect(pages).toBe(3);
  });
});

describe("transactions", () => {
  it("a mutation that throws leaves no trace", async () => {
    const before = await client.query(api.messages.count, {});
    await expect(client.mutation(api.messages.sendThenFail, { body: "ghost" })).rejects.toThrow(/boom after writing/);
    expect(await client.query(api.messages.count, {})).toBe(before);
    expect(await client.query(api.counters.get, { name: "rollback" })).toBe(0);
  });

  it("ConvexError data reaches the client", async () => {
    const err = await client.mutation(api.messages.failWithData, {}).catch((e) => e);
    expect(err).toBeInstanceOf(ConvexError);
    expect(err.data).toEqual({ code: "NOT_ALLOWED", message: "You may not do that" });
  });

  it("concurrent increments are serializable", async () => {
    await Promise.all(Array.from({ length: 50 }, () => client.mutation(api.counters.increment, { name: "race" })));
    expect(await client.query(api.counters.get, { name: "race" })).toBe(50);
  });
});

describe("bad input", () => {
  it("an unknown function gets Convex's error text", async () => {
    await expect(client.query("messages:nope" as never, {})).rejects.toThrow(
      "Could not find public function for 'messages:nope'",
    );
    await expect(client.query("nomodule:list" as never, {})).rejects.toThrow(
      "Could not find public function for 'nomodule:list'",
    );
  });

  it("arguments failing the validator name the argument", async () => {
    await expect(client.mutation(api.messages.send, { author: 5, body: "x" } as never)).rejects.toThrow(
      /ArgumentValidationError[\s\S]*Path: \.author/,
    );
    await expect(client.mutation(api.messages.send, { body: "x" } as never)).rejects.toThrow(
      /missing the required field `author`/,
    );
    await expect(client.mutation(api.messages.send, { author: "a", body: "x", extra: 1 } as never)).rejects.toThrow(
      /extra field `extra`/,
    );
    await expect(client.mutation(api.messages.remove, { id: "not-an-id" } as never)).rejects.toThrow(/Path: \.id/);
  });

  it("a client cannot call an internal function", async () => {
    await expect(client.mutation(internal.messages.secretCount as never, {})).rejects.toThrow(
      "Could not find public function for 'messages:secretCount'",
    );
  });

  it("a function called as the wrong kind is refused", async () => {
    await expect(client.mutation(api.messages.list as never, {})).rejects.toThrow(/defined as Query/);
  });

  it("a write that violates the schema is rejected and nothing is written", async () => {
    const before = await client.query(api.messages.count, {});
    await expect(client.mutation(api.messages.writeBadDocument, {})).rejects.toThrow(
      /does not match the schema[\s\S]*Path: \.body/,
    );
    expect(await client.query(api.messages.count, {})).toBe(before);
  });

  it("malformed HTTP bodies get a 400 and the server stays up", async () => {
    const res = await fetch(`${h.server.url}/api/query`, {
      method: "POST",
      body: "{not json",
      headers: { "Content-Type": "application/json" },
    });
    expect(res.status).toBe(400);
    expect((await res.json()).code).toBe("BadJsonBody");
    const noPath = await fetch(`${h.server.url}/api/mutation`, { method: "POST", body: "{}" });
    expect(noPath.status).toBe(400);
    expect(await client.query(api.messages.count, {})).toBeTypeOf("number");
  });

  it("every call is logged with its path, duration and outcome", async () => {
    await client.mutation(api.messages.sendThenFail, { body: "x" }).catch(() => {});
    await client.query(api.messages.count, {});
    const log = h.logs.join("\n");
    expect(log).toMatch(/M messages:sendThenFail [\d.]+ms error: .*boom after writing/);
    expect(log).toMatch(/Q messages:count [\d.]+ms ok/);
  });

  it("GET /version answers 200", async () => {
    const res = await fetch(`${h.server.url}/version`);
    expect(res.status).toBe(200);
  });
});
