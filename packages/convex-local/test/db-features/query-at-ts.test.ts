/**
 * `ConvexHttpClient.consistentQuery` (`/api/query_ts` then `/api/query_at_ts`): every query of one client
 * reads the state at one timestamp while a writer commits patches, inserts and deletes; a timestamp
 * older than the history window, in the future or malformed is refused.
 */
import { ConvexHttpClient } from "convex/browser";
import { anyApi } from "convex/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorOf, startDbServer, type DbServer } from "./server.js";

type Balance = { name: string; balance: number };
type Summary = { total: number; docs: number; count: number; first: number | null };
const N = 20;

describe("query_at_ts", () => {
  let db: DbServer;
  let writer: ConvexHttpClient;
  let writing = false;
  let rounds = 0;
  let writerLoop: Promise<void> = Promise.resolve();

  beforeAll(async () => {
    db = await startDbServer();
    writer = new ConvexHttpClient(db.server.url);
    await writer.mutation(anyApi.accounts.seed, { n: N });
    await writer.mutation(anyApi.accounts.round, {});
  });
  afterAll(async () => {
    writing = false;
    await writerLoop;
    await db?.close();
  });

  /** Rounds of writes, several in flight (so group commit batches them), until stopped. */
  function startWriter() {
    writing = true;
    const one = async () => {
      while (writing) {
        await writer.mutation(anyApi.accounts.round, {});
        rounds++;
      }
    };
    writerLoop = Promise.all([one(), one(), one()]).then(() => {});
  }
  const waitRounds = async (n: number) => {
    const target = rounds + n;
    while (rounds < target) await new Promise((r) => setTimeout(r, 5));
  };

  it("sees one snapshot across queries while a writer runs", async () => {
    startWriter();
    await waitRounds(3);
    const reader = new ConvexHttpClient(db.server.url);
    const first = (await reader.consistentQuery(anyApi.accounts.balances, {})) as Balance[];
    const summary = (await reader.consistentQuery(anyApi.accounts.summary, {})) as Summary;
    // One committed state: all permanent accounts equal, one temporary account.
    const permanent = first.filter((a) => a.name.startsWith("acct-"));
    expect(permanent).toHaveLength(N);
    const level = permanent[0].balance;
    expect(permanent.every((a) => a.balance === level)).toBe(true);
    expect(first).toHaveLength(N + 1);
    expect(summary).toEqual({ total: N * level, docs: N + 1, count: N + 1, first: level });

    // Many commits later, the same client still reads exactly that state; a plain query sees the new one.
    await waitRounds(10);
    const again = (await reader.consistentQuery(anyApi.accounts.balances, {})) as Balance[];
    expect(again).toEqual(first);
    expect(await reader.consistentQuery(anyApi.accounts.summary, {})).toEqual(summary);
    const now = (await reader.query(anyApi.accounts.balances, {})) as Balance[];
    expect(now.find((a) => a.name === "acct-000")!.balance).toBeGreaterThan(level + 5);

    // A new client gets a new timestamp: a newer, still consistent, state.
    const later = new ConvexHttpClient(db.server.url);
    const newer = (await later.consistentQuery(anyApi.accounts.balances, {})) as Balance[];
    const newLevel = newer[0].balance;
    expect(newLevel).toBeGreaterThan(level);
    expect(newer.filter((a) => a.name.startsWith("acct-")).every((a) => a.balance === newLevel)).toBe(true);
    writing = false;
    await writerLoop;
  });

  it("refuses a timestamp older than the history window, in the future, or malformed", async () => {
    const reader = new ConvexHttpClient(db.server.url);
    await reader.consistentQuery(anyApi.accounts.summary, {});
    await writer.mutation(anyApi.accounts.round, {});
    // Ten minutes pass (the default window is 300 s): the versions the reader needs are pruned.
    const store = db.server.engine.store;
    await db.server.engine.lock.run(async () =>
      store.history.prune(store.currentTs(), store.tableNames(), Date.now() + 600_000),
    );
    expect(await errorOf(reader.consistentQuery(anyApi.accounts.summary, {}))).toMatch(
      /Timestamp \d+ is too old to read: convex-local keeps document history for the last 300 s/,
    );

    const post = (ts: unknown) =>
      fetch(`${db.server.url}/api/query_at_ts`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ path: "accounts:summary", args: [{}], ts }),
      });
    const future = (store.currentTs() + 1_000_000_000_000n).toString();
    const res = await post(future);
    expect(res.status).toBe(560);
    expect((await res.json()).errorMessage).toMatch(/Timestamp \d+ is in the future/);
    const bad = await post("yesterday");
    expect(bad.status).toBe(400);
    expect((await bad.json()).message).toContain("`/api/query_at_ts` needs `ts`");
    // The newest timestamp always reads.
    const ts = (await (await fetch(`${db.server.url}/api/query_ts`, { method: "POST" })).json()).ts;
    const ok = await post(ts);
    expect(ok.status).toBe(200);
    expect((await ok.json()).value.docs).toBe(N + 1);
  });
});
