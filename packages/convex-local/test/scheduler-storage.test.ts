/** Scheduler, actions, file storage and HTTP actions. */
import { ConvexHttpClient } from "convex/browser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api } from "./fixture/convex/_generated/api.js";
import { startHarness, waitFor, type Harness } from "./harness.js";

let h: Harness;
let client: ConvexHttpClient;

beforeAll(async () => {
  h = await startHarness();
  client = new ConvexHttpClient(h.server.url);
});
afterAll(() => h.close());

describe("scheduler", () => {
  it("runs a scheduled mutation after its delay and records its state", async () => {
    const started = Date.now();
    const id = await client.mutation(api.jobs.scheduleLabel, { label: "later", delayMs: 300 });
    expect((await client.query(api.jobs.status, { id }))?.state).toEqual({ kind: "pending" });
    await waitFor(async () => (await client.query(api.jobs.labels, {})).includes("later"), "the scheduled job");
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    const status = await waitFor(async () => {
      const s = await client.query(api.jobs.status, { id });
      return s?.state.kind === "success" ? s : null;
    }, "success state");
    expect(status.completedTime).toBeGreaterThan(0);
    expect(status.name).toBe("jobs:record");
  });

  it("a rolled-back mutation schedules nothing", async () => {
    await expect(client.mutation(api.jobs.scheduleThenFail, { label: "ghost" })).rejects.toThrow(/rolled back/);
    await new Promise((r) => setTimeout(r, 200));
    expect(await client.query(api.jobs.labels, {})).not.toContain("ghost");
  });

  it("a cancelled job never runs", async () => {
    const id = await client.mutation(api.jobs.scheduleLabel, { label: "cancelled", delayMs: 300 });
    await client.mutation(api.jobs.cancel, { id });
    expect((await client.query(api.jobs.status, { id }))?.state).toEqual({ kind: "canceled" });
    await new Promise((r) => setTimeout(r, 500));
    expect(await client.query(api.jobs.labels, {})).not.toContain("cancelled");
  });

  it("actions call queries and mutations and schedule other actions", async () => {
    const labels = await client.action(api.jobs.viaAction, { label: "act" });
    expect(labels).toContain("act");
    await waitFor(
      async () => (await client.query(api.jobs.labels, {})).includes("act-scheduled"),
      "the scheduled action",
    );
  });

  it("runs the crons of crons.ts", async () => {
    await waitFor(async () => (await client.query(api.jobs.labels, {})).includes("cron-tick"), "a cron run", 5000);
  });

  it("an invalid delay is refused", async () => {
    await expect(client.mutation(api.jobs.scheduleLabel, { label: "x", delayMs: Number.NaN })).rejects.toThrow();
  });
});

describe("file storage", () => {
  it("uploads through an upload URL, serves the file, and exposes metadata", async () => {
    const uploadUrl = await client.mutation(api.files.uploadUrl, {});
    const bytes = new Uint8Array([137, 80, 78, 71, 1, 2, 3, 4]);
    const res = await fetch(uploadUrl, { method: "POST", body: bytes, headers: { "Content-Type": "image/png" } });
    expect(res.status).toBe(200);
    const { storageId } = await res.json();
    await client.mutation(api.files.save, { storageId, name: "pic.png" });
    const [file] = await client.query(api.files.list, {});
    expect(file.meta).toMatchObject({ _id: storageId, size: 8, contentType: "image/png" });
    const served = await fetch(file.url!);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(bytes);
  });

  it("refuses an upload with a forged token and serves 404 for unknown files", async () => {
    const url = new URL(await client.mutation(api.files.uploadUrl, {}));
    const token = url.searchParams.get("token")!;
    const signature = token.slice(token.lastIndexOf(".") + 1);
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const forge = (index: number, change: (value: number) => number) => {
      const forged = new URL(url);
      const value = alphabet.indexOf(signature[index]!);
      const sig = signature.slice(0, index) + alphabet[change(value)] + signature.slice(index + 1);
      forged.searchParams.set("token", token.slice(0, token.length - signature.length) + sig);
      return forged;
    };
    // A changed bit of the HMAC.
    expect(
      (
        await fetch(
          forge(10, (v) => v ^ 1),
          { method: "POST", body: "x" },
        )
      ).status,
    ).toBe(401);
    // The same HMAC bytes spelled differently: the last character's two low bits are not data.
    expect(
      (
        await fetch(
          forge(signature.length - 1, (v) => v ^ 1),
          { method: "POST", body: "x" },
        )
      ).status,
    ).toBe(401);
    expect((await fetch(new URL(`${url}.extra`), { method: "POST", body: "x" })).status).toBe(401);
    expect((await fetch(`${h.server.url}/api/storage/abc123`)).status).toBe(404);
  });

  it("stores and reads blobs from an action", async () => {
    const out = await client.action(api.files.storeText, { text: "hello storage" });
    expect(out.roundTrip).toBe("hello storage");
  });
});

describe("HTTP actions", () => {
  it("serves http.ts routes on the site port, with ctx.runQuery and auth", async () => {
    const token = await h.issuer.mint({ sub: "http-user" });
    const res = await fetch(`${h.server.siteUrl}/echo`, {
      method: "POST",
      body: "ping",
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ body: "ping", subject: "http-user" });
    expect((await fetch(`${h.server.siteUrl}/missing`)).status).toBe(404);
    expect(
      (await fetch(`${h.server.siteUrl}/echo`, { method: "POST", headers: { Authorization: "Bearer bad" } })).status,
    ).toBe(401);
  });
});
