/**
 * Webhook endpoints (auth, bad input, ownership), events from the pipeline, credit alerts, and
 * deliveries to a real receiver on loopback (signed, retried, logged, replayed, disabled).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { api, internal } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { errorOf, newBackend, partnerUser, signedIn, type Backend } from "./setup.testing";
import { jobIdOf } from "./jobResult.testing";

const request = { prompt: "a paper boat", model: "local/aurora", parameters: { width: 256, height: 256 } };
const ALL = ["generation.started", "generation.completed", "generation.failed", "credit.low", "credit.depleted"];
const page = { numItems: 20, cursor: null };
let t: Backend;

const savedEnv = { ...process.env };
function restoreEnv() {
  for (const key of [
    "LOCAL_MODE",
    "PIXORLY_WEBHOOK_RETRY_BASE_MS",
    "PIXORLY_WEBHOOK_MAX_ATTEMPTS",
    "PIXORLY_WEBHOOK_DISABLE_AFTER",
  ]) {
    if (savedEnv[key] === undefined) delete process.env[key];
    else process.env[key] = savedEnv[key];
  }
}

async function deliveriesOf(userId: Id<"users">) {
  return await t.run(async (ctx) =>
    (await ctx.db.query("webhookDeliveries").collect()).filter((d) => d.userId === userId),
  );
}

describe("endpoints (no delivery runs: fake timers)", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    t = newBackend();
  });
  afterEach(() => {
    vi.useRealTimers();
    restoreEnv();
  });

  it("creates an endpoint with a whsec_ secret shown once; the list never shows it", async () => {
    const ada = signedIn(t, "ada");
    const { endpointId, secret } = await ada.action(api.webhooks.create, {
      url: "https://8.8.8.8/hooks",
      events: ["generation.completed", "generation.completed"],
    });
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(() => new Webhook(secret)).not.toThrow();
    const list = await ada.query(api.webhooks.list, {});
    expect(list).toEqual([
      {
        endpointId,
        url: "https://8.8.8.8/hooks",
        events: ["generation.completed"],
        enabled: true,
        createdAt: expect.any(Number),
        failedMessages: 0,
        disabledNotice: null,
      },
    ]);
    expect(JSON.stringify(list)).not.toContain(secret);
    expect(await signedIn(t, "bob").query(api.webhooks.list, {})).toEqual([]);
  });

  it("refuses callers that are not first-party sessions", async () => {
    const args = { url: "https://8.8.8.8/", events: ["generation.completed"] };
    expect((await errorOf(t.action(api.webhooks.create, args))).code).toBe("UNAUTHENTICATED");
    const embed = partnerUser(t, "p", "u", { pver: 1 });
    expect((await errorOf(embed.action(api.webhooks.create, args))).code).toBe("FORBIDDEN");
    const apiKey = t.withIdentity({
      subject: "ada",
      issuer: "https://edge.test",
      tokenIdentifier: "https://edge.test|ada",
      scp: ["generate"],
      akid: "k",
    });
    expect((await errorOf(apiKey.action(api.webhooks.create, args))).code).toBe("FORBIDDEN");
    expect((await errorOf(apiKey.query(api.webhooks.list, {}))).code).toBe("FORBIDDEN");
    const serviceToken = signedIn(t, "service:edge-api", ["service"]);
    expect((await errorOf(serviceToken.action(api.webhooks.create, args))).code).toBe("FORBIDDEN");
  });

  it("signed out: mutations are UNAUTHENTICATED, queries see nothing", async () => {
    const { endpointId } = await signedIn(t, "ada").action(api.webhooks.create, {
      url: "https://8.8.8.8/",
      events: ["credit.low"],
    });
    const { deliveryId } = await signedIn(t, "ada").mutation(api.webhooks.sendTest, { endpointId });
    expect((await errorOf(t.mutation(api.webhooks.remove, { endpointId }))).code).toBe("UNAUTHENTICATED");
    expect((await errorOf(t.mutation(api.webhooks.setEnabled, { endpointId, enabled: false }))).code).toBe(
      "UNAUTHENTICATED",
    );
    expect((await errorOf(t.mutation(api.webhooks.sendTest, { endpointId }))).code).toBe("UNAUTHENTICATED");
    expect((await errorOf(t.mutation(api.webhooks.replay, { deliveryId }))).code).toBe("UNAUTHENTICATED");
    expect(await t.query(api.webhooks.list, {})).toEqual([]);
    expect((await errorOf(t.query(api.webhooks.deliveries, { endpointId, paginationOpts: page }))).code).toBe(
      "NOT_FOUND",
    );
  });

  it.each([
    ["ftp://example.com/", ["generation.started"], ["url"]],
    ["https://user:pw@example.com/", ["generation.started"], ["url"]],
    ["not a url", [], ["url", "events"]],
    ["https://8.8.8.8/", ["generation.exploded"], ["events.0"]],
    ["http://10.0.0.7/hook", ["credit.low"], ["url"]],
    ["http://192.168.1.20/hook", ["credit.low"], ["url"]],
    ["http://100.100.1.1/hook", ["credit.low"], ["url"]],
    ["http://169.254.169.254/latest/meta-data", ["credit.low"], ["url"]],
    ["http://[fd00:ec2::254]/", ["credit.low"], ["url"]],
    ["http://[fe80::1]/", ["credit.low"], ["url"]],
    ["http://127.0.0.1:9999/", ["credit.low"], ["url"]],
    ["http://localhost:9999/", ["credit.low"], ["url"]],
  ])("refuses %s %j, naming %j", async (url, events, fields) => {
    const data = await errorOf(signedIn(t, "ada").action(api.webhooks.create, { url, events }));
    expect(data.code).toBe("INVALID_ARGUMENT");
    expect(data.fields?.map((f) => f.field)).toEqual(fields);
    expect(await signedIn(t, "ada").query(api.webhooks.list, {})).toEqual([]);
  });

  it("resolves host names at registration: localhost is loopback, allowed only in local mode", async () => {
    const data = await errorOf(
      signedIn(t, "ada").action(api.webhooks.create, { url: "http://localhost:9/", events: ["credit.low"] }),
    );
    expect(data.message).toMatch(/loopback address \((127\.0\.0\.1|::1)\)/);
    process.env.LOCAL_MODE = "1";
    await expect(
      signedIn(t, "ada").action(api.webhooks.create, { url: "http://localhost:9/", events: ["credit.low"] }),
    ).resolves.toMatchObject({
      secret: expect.stringMatching(/^whsec_/),
    });
    // Local mode allows loopback only, never a private network.
    expect(
      (
        await errorOf(
          signedIn(t, "ada").action(api.webhooks.create, { url: "http://10.0.0.1/", events: ["credit.low"] }),
        )
      ).code,
    ).toBe("INVALID_ARGUMENT");
  });

  it("allows at most 10 endpoints per account", async () => {
    const ada = signedIn(t, "ada");
    for (let i = 0; i < 10; i++)
      await ada.action(api.webhooks.create, { url: `https://8.8.8.8/${i}`, events: ["credit.low"] });
    expect(
      (await errorOf(ada.action(api.webhooks.create, { url: "https://8.8.8.8/x", events: ["credit.low"] }))).code,
    ).toBe("CONFLICT");
  });

  it("others' and malformed ids are not found for every endpoint function", async () => {
    const { endpointId } = await signedIn(t, "ada").action(api.webhooks.create, {
      url: "https://8.8.8.8/",
      events: ["credit.low"],
    });
    const { deliveryId } = await signedIn(t, "ada").mutation(api.webhooks.sendTest, { endpointId });
    const bob = signedIn(t, "bob");
    await bob.mutation(api.users.ensure, {});
    for (const id of [endpointId, "garbage"]) {
      expect((await errorOf(bob.mutation(api.webhooks.remove, { endpointId: id }))).code).toBe("NOT_FOUND");
      expect((await errorOf(bob.mutation(api.webhooks.setEnabled, { endpointId: id, enabled: false }))).code).toBe(
        "NOT_FOUND",
      );
      expect((await errorOf(bob.mutation(api.webhooks.sendTest, { endpointId: id }))).code).toBe("NOT_FOUND");
      expect((await errorOf(bob.query(api.webhooks.deliveries, { endpointId: id, paginationOpts: page }))).code).toBe(
        "NOT_FOUND",
      );
    }
    for (const id of [deliveryId, "garbage"])
      expect((await errorOf(bob.mutation(api.webhooks.replay, { deliveryId: id }))).code).toBe("NOT_FOUND");
    expect(
      (
        await errorOf(
          signedIn(t, "ada").query(api.webhooks.deliveries, {
            endpointId,
            paginationOpts: { numItems: 0, cursor: null },
          }),
        )
      ).code,
    ).toBe("INVALID_ARGUMENT");
  });

  it("setEnabled, sendTest on a disabled endpoint, and remove with its log", async () => {
    const ada = signedIn(t, "ada");
    const { endpointId } = await ada.action(api.webhooks.create, { url: "https://8.8.8.8/", events: ["credit.low"] });
    const { messageId } = await ada.mutation(api.webhooks.sendTest, { endpointId });
    expect(messageId).toMatch(/^msg_[A-Za-z0-9_-]{22}$/);
    const log = await ada.query(api.webhooks.deliveries, { endpointId, paginationOpts: page });
    expect(log.page).toEqual([
      expect.objectContaining({
        messageId,
        eventType: "webhook.test",
        status: "pending",
        attempts: 0,
        nextAttemptAt: expect.any(Number),
        replayOf: null,
        log: [],
      }),
    ]);
    expect(JSON.parse(log.page[0]!.payload)).toMatchObject({ type: "webhook.test", data: { endpointId } });
    // Still pending: it cannot be replayed yet.
    expect((await errorOf(ada.mutation(api.webhooks.replay, { deliveryId: log.page[0]!.deliveryId }))).code).toBe(
      "CONFLICT",
    );

    await ada.mutation(api.webhooks.setEnabled, { endpointId, enabled: false });
    expect((await ada.query(api.webhooks.list, {}))[0]!.enabled).toBe(false);
    expect((await errorOf(ada.mutation(api.webhooks.sendTest, { endpointId }))).code).toBe("CONFLICT");
    await ada.mutation(api.webhooks.remove, { endpointId });
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    expect(await ada.query(api.webhooks.list, {})).toEqual([]);
    expect(await t.run(async (ctx) => (await ctx.db.query("webhookDeliveries").collect()).length)).toBe(0);
  });
});

describe("sweep (fake timers)", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    t = newBackend();
  });
  afterEach(() => vi.useRealTimers());

  it("restarts a pending delivery only once it is 10 minutes past due", async () => {
    const ada = signedIn(t, "ada");
    const { endpointId } = await ada.action(api.webhooks.create, { url: "https://8.8.8.8/", events: ["credit.low"] });
    const { deliveryId } = await ada.mutation(api.webhooks.sendTest, { endpointId });
    const due = async () => (await t.run(async (ctx) => ctx.db.get(deliveryId)))!.nextAttemptAt!;
    const first = await due();
    const scheduled = async () =>
      (await t.run(async (ctx) => ctx.db.system.query("_scheduled_functions").collect())).length;
    const before = await scheduled();
    vi.advanceTimersByTime(9 * 60_000);
    await t.mutation(internal.webhooks.sweep, {});
    expect(await due()).toBe(first);
    vi.advanceTimersByTime(2 * 60_000);
    await t.mutation(internal.webhooks.sweep, {});
    expect(await due()).toBe(first + 11 * 60_000);
    expect(await scheduled()).toBe(before + 1);
  });
});

describe("events from the pipeline (fake timers)", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    t = newBackend();
  });
  afterEach(() => vi.useRealTimers());

  it("a completed job emits generation.started then generation.completed; a failed one generation.failed", async () => {
    const ada = signedIn(t, "ada");
    const { userId } = await ada.mutation(api.users.ensure, {});
    await ada.action(api.webhooks.create, { url: "https://8.8.8.8/all", events: ALL });
    await ada.action(api.webhooks.create, { url: "https://8.8.8.8/done", events: ["generation.completed"] });
    const jobId = await ada.mutation(api.jobs.create, request).then(jobIdOf);
    await t.mutation(internal.generation.start, { jobId });
    await t.mutation(internal.generation.complete, {
      jobId,
      images: [{ s3Bucket: "b", s3Key: "k", size: 10, width: 256, height: 256, format: "png", seed: 1 }],
    });
    const failing = await ada.mutation(api.jobs.create, request).then(jobIdOf);
    await t.mutation(internal.generation.start, { jobId: failing });
    await t.mutation(internal.generation.fail, {
      jobId: failing,
      code: "PROVIDER_ERROR",
      message: "The model is down.",
    });

    const rows = await deliveriesOf(userId);
    const events = rows.map((d) => ({ type: d.eventType, body: JSON.parse(d.payload) }));
    expect(events.map((e) => e.type)).toEqual([
      "generation.started",
      "generation.completed",
      "generation.completed",
      "generation.started",
      "generation.failed",
    ]);
    const completed = rows.filter((d) => d.eventType === "generation.completed");
    // One message to two endpoints: the same webhook-id.
    expect(new Set(completed.map((d) => d.messageId)).size).toBe(1);
    expect(new Set(completed.map((d) => d.endpointId)).size).toBe(2);
    expect(events[1]!.body).toMatchObject({
      type: "generation.completed",
      data: { jobId, model: "local/aurora", credits: 1, imageIds: [expect.any(String)] },
    });
    expect(events[4]!.body).toMatchObject({
      data: { jobId: failing, error: { code: "PROVIDER_ERROR", message: "The model is down." } },
    });
    expect(events[0]!.body.timestamp).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it("credit.low once per crossing below 10 % of the last grant, credit.depleted at 0, re-armed by a refund or grant", async () => {
    const ada = signedIn(t, "ada");
    const { userId } = await ada.mutation(api.users.ensure, {});
    await ada.action(api.webhooks.create, {
      url: "https://8.8.8.8/credits",
      events: ["credit.low", "credit.depleted"],
    });
    await t.mutation(internal.users.updateAccount, { userId, credits: 201 });
    const types = async () => (await deliveriesOf(userId)).map((d) => d.eventType);

    const two = { ...request, parameters: { ...request.parameters, numImages: 2 } };
    const a = await ada.mutation(api.jobs.create, two).then(jobIdOf); // 199: low
    await ada.mutation(api.jobs.create, request).then(jobIdOf); // 198: still low, no event
    expect(await types()).toEqual(["credit.low"]);
    const body = JSON.parse((await deliveriesOf(userId))[0]!.payload);
    expect(body.data).toEqual({ balance: 199, lastGrant: 2000, threshold: 200 });

    await ada.mutation(api.jobs.cancel, { jobId: a }); // 200: ok again
    await ada.mutation(api.jobs.create, two).then(jobIdOf); // 198: a new crossing
    expect(await types()).toEqual(["credit.low", "credit.low"]);

    await t.mutation(internal.users.updateAccount, { userId, credits: 1 });
    await ada.mutation(api.jobs.create, request).then(jobIdOf); // 0
    expect(await types()).toEqual(["credit.low", "credit.low", "credit.depleted"]);

    // A grant of 1,000 re-arms both, and the next low is measured against it (below 100).
    await t.mutation(internal.users.updateAccount, { userId, credits: 1000 });
    expect((await ada.query(api.usage.account, {}))!.lastGrant).toBe(1000);
    await t.mutation(internal.users.updateAccount, { userId, credits: 101 });
    await ada.mutation(api.jobs.create, two).then(jobIdOf); // 99
    expect(await types()).toEqual(["credit.low", "credit.low", "credit.depleted", "credit.low"]);

    // The operators' grant (`pixorly user grant-credits`) records its amount as the last grant too.
    await t.mutation(internal.users.grantCredits, { userId, credits: 500 });
    expect((await ada.query(api.usage.account, {}))!).toMatchObject({ credits: 599, lastGrant: 500 });
    expect(await t.run(async (ctx) => (await ctx.db.get(userId))!.creditAlert ?? "ok")).toBe("ok");
  });

  it("a disabled endpoint or an unsubscribed type gets nothing", async () => {
    const ada = signedIn(t, "ada");
    const { userId } = await ada.mutation(api.users.ensure, {});
    const { endpointId } = await ada.action(api.webhooks.create, {
      url: "https://8.8.8.8/",
      events: ["generation.started"],
    });
    await ada.action(api.webhooks.create, { url: "https://8.8.8.8/other", events: ["credit.low"] });
    await ada.mutation(api.webhooks.setEnabled, { endpointId, enabled: false });
    const jobId = await ada.mutation(api.jobs.create, request).then(jobIdOf);
    await t.mutation(internal.generation.start, { jobId });
    expect(await deliveriesOf(userId)).toEqual([]);
  });
});

/** A receiver on loopback answering with the statuses given, in turn (the last one repeats). */
type Received = { headers: http.IncomingHttpHeaders; body: string };
async function receiver(statuses: number[]) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.statusCode = statuses[Math.min(received.length - 1, statuses.length - 1)]!;
      res.end("internal detail the sender must not log");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
    close: () => new Promise((r) => server.close(r)),
  };
}

describe("delivery to a receiver on loopback (real timers, local mode)", () => {
  beforeAll(() => {
    process.env.LOCAL_MODE = "1";
    process.env.PIXORLY_WEBHOOK_RETRY_BASE_MS = "50";
  });
  afterAll(restoreEnv);
  beforeEach(() => {
    t = newBackend();
  });

  it("500 then 200: delivered once after a retry, both attempts logged, signature valid; a replay re-sends the same webhook-id", async () => {
    const hook = await receiver([500, 200]);
    try {
      const ada = signedIn(t, "ada");
      const { endpointId, secret } = await ada.action(api.webhooks.create, { url: hook.url, events: ALL });
      const { deliveryId, messageId } = await ada.mutation(api.webhooks.sendTest, { endpointId });
      await vi.waitFor(
        async () => {
          const d = (await ada.query(api.webhooks.deliveries, { endpointId, paginationOpts: page })).page[0]!;
          expect(d.status).toBe("delivered");
        },
        { timeout: 5_000, interval: 25 },
      );
      const [delivery] = (await ada.query(api.webhooks.deliveries, { endpointId, paginationOpts: page })).page;
      expect(delivery).toMatchObject({ deliveryId, messageId, attempts: 2, nextAttemptAt: null });
      expect(delivery!.log).toEqual([
        {
          attempt: 1,
          at: expect.any(Number),
          statusCode: 500,
          durationMs: expect.any(Number),
          errorClass: "http_status",
        },
        { attempt: 2, at: expect.any(Number), statusCode: 200, durationMs: expect.any(Number), errorClass: null },
      ]);
      expect(JSON.stringify(delivery)).not.toContain("internal detail");
      expect(hook.received).toHaveLength(2);
      const wh = new Webhook(secret);
      for (const r of hook.received) {
        expect(r.headers["webhook-id"]).toBe(messageId);
        expect(r.headers["content-type"]).toBe("application/json");
        expect(wh.verify(r.body, r.headers as Record<string, string>)).toMatchObject({ type: "webhook.test" });
      }
      // A wrong secret does not verify.
      expect(() =>
        new Webhook(`whsec_${Buffer.alloc(24, 1).toString("base64")}`).verify(
          hook.received[1]!.body,
          hook.received[1]!.headers as Record<string, string>,
        ),
      ).toThrow();

      const replay = await ada.mutation(api.webhooks.replay, { deliveryId });
      await vi.waitFor(() => expect(hook.received).toHaveLength(3), { timeout: 5_000, interval: 25 });
      expect(hook.received[2]!.headers["webhook-id"]).toBe(messageId);
      expect(hook.received[2]!.body).toBe(hook.received[0]!.body);
      expect(wh.verify(hook.received[2]!.body, hook.received[2]!.headers as Record<string, string>)).toBeTruthy();
      await vi.waitFor(
        async () => {
          const log = (await ada.query(api.webhooks.deliveries, { endpointId, paginationOpts: page })).page;
          expect(log[0]).toMatchObject({
            deliveryId: replay.deliveryId,
            replayOf: deliveryId,
            messageId,
            status: "delivered",
            attempts: 1,
          });
        },
        { timeout: 5_000, interval: 25 },
      );
    } finally {
      await hook.close();
    }
  });

  it("an endpoint failing every attempt of N messages in a row is disabled with a notice; enabling clears it", async () => {
    process.env.PIXORLY_WEBHOOK_MAX_ATTEMPTS = "2";
    process.env.PIXORLY_WEBHOOK_DISABLE_AFTER = "2";
    const hook = await receiver([503]);
    try {
      const ada = signedIn(t, "ada");
      const { endpointId } = await ada.action(api.webhooks.create, { url: hook.url, events: ALL });
      await ada.mutation(api.webhooks.sendTest, { endpointId });
      await ada.mutation(api.webhooks.sendTest, { endpointId });
      await vi.waitFor(async () => expect((await ada.query(api.webhooks.list, {}))[0]!.enabled).toBe(false), {
        timeout: 5_000,
        interval: 25,
      });
      const [endpoint] = await ada.query(api.webhooks.list, {});
      expect(endpoint!.failedMessages).toBe(2);
      expect(endpoint!.disabledNotice?.reason).toMatch(
        /2 messages in a row failed on every attempt \(last: HTTP 503\)/,
      );
      // The owner is told by email too (the outbox, offline).
      expect((await ada.query(api.email.outbox, {})).map((m) => [m.template, m.text])).toEqual([
        ["endpointDisabled", expect.stringContaining(`${hook.url} was disabled. ${endpoint!.disabledNotice!.reason}`)],
      ]);
      const log = (await ada.query(api.webhooks.deliveries, { endpointId, paginationOpts: page })).page;
      expect(log.map((d) => [d.status, d.attempts])).toEqual([
        ["failed", 2],
        ["failed", 2],
      ]);
      expect(hook.received).toHaveLength(4);
      expect((await errorOf(ada.mutation(api.webhooks.replay, { deliveryId: log[0]!.deliveryId }))).code).toBe(
        "CONFLICT",
      );
      await ada.mutation(api.webhooks.setEnabled, { endpointId, enabled: true });
      expect((await ada.query(api.webhooks.list, {}))[0]).toMatchObject({
        enabled: true,
        failedMessages: 0,
        disabledNotice: null,
      });
    } finally {
      delete process.env.PIXORLY_WEBHOOK_MAX_ATTEMPTS;
      delete process.env.PIXORLY_WEBHOOK_DISABLE_AFTER;
      await hook.close();
    }
  });

  it("refuses the address again at delivery: loopback once local mode is off is never contacted", async () => {
    const hook = await receiver([200]);
    try {
      const ada = signedIn(t, "ada");
      const { endpointId } = await ada.action(api.webhooks.create, { url: hook.url, events: ALL });
      process.env.LOCAL_MODE = "0";
      process.env.PIXORLY_WEBHOOK_MAX_ATTEMPTS = "1";
      await ada.mutation(api.webhooks.sendTest, { endpointId });
      await vi.waitFor(
        async () => {
          const [d] = (await ada.query(api.webhooks.deliveries, { endpointId, paginationOpts: page })).page;
          expect(d).toMatchObject({
            status: "failed",
            log: [{ attempt: 1, statusCode: null, errorClass: "blocked_address" }],
          });
        },
        { timeout: 5_000, interval: 25 },
      );
      expect(hook.received).toHaveLength(0);
    } finally {
      process.env.LOCAL_MODE = "1";
      delete process.env.PIXORLY_WEBHOOK_MAX_ATTEMPTS;
      await hook.close();
    }
  });

  it("a receiver that never answers is a timeout; a closed port a network error", async () => {
    const silent = http.createServer(() => {});
    await new Promise<void>((r) => silent.listen(0, "127.0.0.1", r));
    process.env.PIXORLY_WEBHOOK_TIMEOUT_MS = "200";
    process.env.PIXORLY_WEBHOOK_MAX_ATTEMPTS = "1";
    try {
      const ada = signedIn(t, "ada");
      const slow = await ada.action(api.webhooks.create, {
        url: `http://127.0.0.1:${(silent.address() as AddressInfo).port}/`,
        events: ALL,
      });
      const closed = await receiver([200]);
      await closed.close();
      const gone = await ada.action(api.webhooks.create, { url: closed.url, events: ALL });
      await ada.mutation(api.webhooks.sendTest, { endpointId: slow.endpointId });
      await ada.mutation(api.webhooks.sendTest, { endpointId: gone.endpointId });
      for (const [endpointId, errorClass] of [
        [slow.endpointId, "timeout"],
        [gone.endpointId, "network"],
      ] as const) {
        await vi.waitFor(
          async () => {
            const [d] = (await ada.query(api.webhooks.deliveries, { endpointId, paginationOpts: page })).page;
            expect(d).toMatchObject({ status: "failed", log: [{ statusCode: null, errorClass }] });
          },
          { timeout: 5_000, interval: 25 },
        );
      }
    } finally {
      delete process.env.PIXORLY_WEBHOOK_TIMEOUT_MS;
      delete process.env.PIXORLY_WEBHOOK_MAX_ATTEMPTS;
      silent.closeAllConnections();
      await new Promise((r) => silent.close(r));
    }
  });
});
