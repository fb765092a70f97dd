/**
 * Webhooks end to end: convex-local running convex/, s3rver, the official ConvexClient, and a
 * receiver on 127.0.0.1 that verifies every request with `standardwebhooks` (401 when it does not
 * verify). A real generation's `generation.completed` is answered 500 then 200: delivered once after
 * a retry, both attempts logged; a replay delivers it again with the same webhook-id. A private
 * address is refused at registration, and a loopback endpoint at delivery once local mode is off.
 */
import { ConvexClient } from "convex/browser";
import { ConvexError } from "convex/values";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api } from "../convex/_generated/api.js";
import { startConvexLocal, type ConvexLocal } from "../packages/convex-local/src/index.js";
import { startIssuer, waitFor, type Issuer } from "../packages/convex-local/test/harness.js";
// @ts-expect-error a plain ESM script without types
import { startS3Local } from "../scripts/s3-local.mjs";
import { jobIdOf } from "../convex/jobResult.testing";

let server: ConvexLocal;
let issuer: Issuer;
let s3: { endpoint: string; bucket: string; close(): Promise<void> };
const dirs: string[] = [];
const clients: ConvexClient[] = [];
const savedEnv = {
  LOCAL_MODE: process.env.LOCAL_MODE,
  PIXORLY_WEBHOOK_RETRY_BASE_MS: process.env.PIXORLY_WEBHOOK_RETRY_BASE_MS,
};

function tmp() {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "pixorly-webhooks-"));
  dirs.push(d);
  return d;
}

async function clientFor(sub: string) {
  const client = new ConvexClient(server.url, { unsavedChangesWarning: false, logger: false });
  clients.push(client);
  const token = await issuer.mint({ sub });
  client.setAuth(async () => token);
  // The studio's first call. It also waits for the token to be accepted: convex-local runs an action at once,
  // not behind a pending Authenticate as it does mutations, so an action sent first would run signed out.
  await client.mutation(api.users.ensure, {});
  return client;
}

type Received = { headers: http.IncomingHttpHeaders; body: string; status: number; verified: unknown };

/** A receiver that verifies signatures with `secret()` and answers `statuses` in turn (the last repeats); 401 when a signature is wrong. */
async function startReceiver(statuses: number[], secret: () => string) {
  const received: Received[] = [];
  let answered = 0;
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      let verified: unknown = null;
      let status: number;
      try {
        verified = new Webhook(secret()).verify(body, req.headers as Record<string, string>);
        status = statuses[Math.min(answered++, statuses.length - 1)]!;
      } catch {
        status = 401;
      }
      received.push({ headers: req.headers, body, status, verified });
      res.statusCode = status;
      res.end(status === 500 ? "stack trace: something internal" : "ok");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/pixorly`,
    received,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

beforeAll(async () => {
  issuer = await startIssuer();
  s3 = await startS3Local({ port: 0, directory: tmp() });
  process.env.S3_ENDPOINT = s3.endpoint;
  process.env.PIXORLY_EDGE_ISSUER = issuer.url;
  process.env.PIXORLY_EDGE_AUDIENCE = "convex-local-test";
  // The offline studio's switch (loopback receivers allowed), and retries 100 ms apart instead of 5 s.
  process.env.LOCAL_MODE = "1";
  process.env.PIXORLY_WEBHOOK_RETRY_BASE_MS = "100";
  server = await startConvexLocal({ dir: path.resolve("convex"), dataDir: tmp(), port: 0, sitePort: 0, log: () => {} });
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await server?.close();
  await s3?.close();
  await issuer?.close();
  for (const [key, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

const page = { numItems: 10, cursor: null };

describe("webhooks on convex-local", () => {
  it("a generation's completed event: 500 then 200, delivered once, attempts logged, signatures verified; a replay keeps the webhook-id", async () => {
    let secret = "";
    const receiver = await startReceiver([500, 200], () => secret);
    try {
      const client = await clientFor("hooked");
      const created = await client.action(api.webhooks.create, { url: receiver.url, events: ["generation.completed"] });
      secret = created.secret;
      expect(secret).toMatch(/^whsec_/);

      const jobId = await client
        .mutation(api.jobs.create, {
          prompt: "a kite over dunes",
          model: "local/aurora",
          parameters: { width: 256, height: 256, seed: 3 },
        })
        .then(jobIdOf);
      await waitFor(
        async () => (await client.query(api.jobs.get, { jobId }))?.status === "completed",
        "job completion",
      );
      await waitFor(async () => {
        const [d] = (
          await client.query(api.webhooks.deliveries, { endpointId: created.endpointId, paginationOpts: page })
        ).page;
        return d?.status === "delivered";
      }, "delivery");

      const [delivery] = (
        await client.query(api.webhooks.deliveries, { endpointId: created.endpointId, paginationOpts: page })
      ).page;
      expect(delivery).toMatchObject({
        eventType: "generation.completed",
        status: "delivered",
        attempts: 2,
        replayOf: null,
      });
      expect(delivery!.log.map((a) => [a.attempt, a.statusCode, a.errorClass])).toEqual([
        [1, 500, "http_status"],
        [2, 200, null],
      ]);
      expect(delivery!.log.every((a) => a.durationMs >= 0 && a.at > 0)).toBe(true);
      expect(JSON.stringify(delivery)).not.toContain("stack trace");
      // Received twice (the 500 and the 200), both verified, both the same message.
      expect(receiver.received.map((r) => r.status)).toEqual([500, 200]);
      expect(receiver.received.map((r) => r.headers["webhook-id"])).toEqual([delivery!.messageId, delivery!.messageId]);
      const body = receiver.received[1]!.verified as {
        type: string;
        data: { jobId: string; imageIds: string[]; credits: number };
      };
      expect(body).toMatchObject({ type: "generation.completed", data: { jobId, credits: 1 } });
      expect(body.data.imageIds).toHaveLength(1);

      const replay = await client.mutation(api.webhooks.replay, { deliveryId: delivery!.deliveryId });
      await waitFor(async () => receiver.received.length === 3, "replay");
      expect(receiver.received[2]).toMatchObject({
        status: 200,
        headers: expect.objectContaining({ "webhook-id": delivery!.messageId }),
      });
      expect(receiver.received[2]!.body).toBe(receiver.received[0]!.body);
      await waitFor(async () => {
        const [latest] = (
          await client.query(api.webhooks.deliveries, { endpointId: created.endpointId, paginationOpts: page })
        ).page;
        return (
          latest?.deliveryId === replay.deliveryId &&
          latest.status === "delivered" &&
          latest.replayOf === delivery!.deliveryId
        );
      }, "replay logged");

      // The account page's numbers for the same generation.
      const summary = await client.query(api.usage.summary, { days: 1 });
      expect(summary.totals).toMatchObject({ credits: 1, generations: 1 });
      expect(summary.byModel).toEqual([{ model: "local/aurora", credits: 1, generations: 1 }]);
    } finally {
      await receiver.close();
    }
  });

  it("a private address is refused at registration", async () => {
    const client = await clientFor("ssrf");
    for (const url of ["http://10.0.0.1/hook", "http://169.254.169.254/latest/meta-data", "http://[fd00:ec2::254]/"]) {
      const error = await client.action(api.webhooks.create, { url, events: ["credit.low"] }).catch((e) => e);
      expect(error).toBeInstanceOf(ConvexError);
      expect(error.data).toMatchObject({ code: "INVALID_ARGUMENT", fields: [{ field: "url" }] });
    }
    expect(await client.query(api.webhooks.list, {})).toEqual([]);
  });

  it("a loopback endpoint is refused at delivery once local mode is off, and never contacted", async () => {
    let secret = "";
    const receiver = await startReceiver([200], () => secret);
    try {
      const client = await clientFor("rebind");
      const created = await client.action(api.webhooks.create, { url: receiver.url, events: ["credit.low"] });
      secret = created.secret;
      process.env.LOCAL_MODE = "0";
      await client.mutation(api.webhooks.sendTest, { endpointId: created.endpointId });
      await waitFor(async () => {
        const [d] = (
          await client.query(api.webhooks.deliveries, { endpointId: created.endpointId, paginationOpts: page })
        ).page;
        return d?.log[0]?.errorClass === "blocked_address";
      }, "blocked attempt");
      const [d] = (
        await client.query(api.webhooks.deliveries, { endpointId: created.endpointId, paginationOpts: page })
      ).page;
      expect(d!.log[0]).toMatchObject({ attempt: 1, statusCode: null, errorClass: "blocked_address" });
      expect(receiver.received).toHaveLength(0);
      // And registering it now is refused too.
      const error = await client
        .action(api.webhooks.create, { url: receiver.url, events: ["credit.low"] })
        .catch((e) => e);
      expect(error.data).toMatchObject({ code: "INVALID_ARGUMENT", fields: [{ field: "url" }] });
    } finally {
      process.env.LOCAL_MODE = "1";
      await receiver.close();
    }
  });
});
