"use node";
/**
 * Sending webhooks (Node runtime, for DNS and a connection pinned to a checked address).
 *
 * `deliver` makes one attempt of one delivery: it resolves the endpoint's host, refuses it unless
 * every address is allowed (`lib/webhookAddress.ts`), then POSTs to the first address it checked
 * — the request's own lookup answers with that address, so a DNS answer that changes between the
 * check and the connection (DNS rebinding) cannot redirect it. Redirects are not followed (a 3xx is
 * a failure). The body is signed with `standardwebhooks` (`webhook-id` = the message id, the same
 * on retries and replays; `webhook-timestamp` = this attempt's time). The outcome goes to
 * `webhooks.recordAttempt`, which logs it and schedules the retry; nothing here sleeps.
 */
import { v } from "convex/values";
import { lookup } from "node:dns/promises";
import http from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { Webhook } from "standardwebhooks";
import type { WebhookErrorClass } from "@pixorly/core";
import { internal } from "./_generated/api";
import { internalAction } from "./_generated/server";
import { classifyAddress, isAllowedAddress, isLocalMode, refusalOf } from "./lib/webhookAddress";
import { webhookSettings } from "./lib/webhookEvents";

type Resolved =
  { ok: true; address: string; family: 4 | 6 } | { ok: false; errorClass: "dns" | "blocked_address"; message: string };

/** Every address of the URL's host, refused unless all are allowed; the first one otherwise. */
async function resolveTarget(url: URL, localMode: boolean): Promise<Resolved> {
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  let addresses: { address: string; family: number }[];
  if (isIP(host)) addresses = [{ address: host, family: isIP(host) }];
  else {
    try {
      addresses = await lookup(host, { all: true, verbatim: true });
    } catch {
      return { ok: false, errorClass: "dns", message: `The URL's host ${host} could not be resolved.` };
    }
  }
  if (addresses.length === 0)
    return { ok: false, errorClass: "dns", message: `The URL's host ${host} could not be resolved.` };
  for (const { address } of addresses) {
    const kind = classifyAddress(address) ?? "reserved";
    if (!isAllowedAddress(kind, localMode))
      return { ok: false, errorClass: "blocked_address", message: refusalOf(address, kind) };
  }
  const first = addresses[0]!;
  return { ok: true, address: first.address, family: first.family === 6 ? 6 : 4 };
}

type Outcome = { statusCode: number | null; errorClass: WebhookErrorClass | null };

/** One POST to the pinned address; resolves with the status code or the class of the failure. */
function post(
  url: URL,
  pinned: { address: string; family: 4 | 6 },
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<Outcome> {
  const pinnedLookup: LookupFunction = (_hostname, options, callback) => {
    if (options.all)
      (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [pinned]);
    else callback(null, pinned.address, pinned.family);
  };
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: Outcome) => {
      if (settled) return;
      settled = true;
      resolve(outcome);
    };
    const request = (url.protocol === "https:" ? https : http).request(url, {
      method: "POST",
      headers: { ...headers, "content-length": String(Buffer.byteLength(body)) },
      lookup: pinnedLookup,
      agent: false,
    });
    // Bounds the whole exchange: no answer in time is a timeout, and a body still streaming then is cut off.
    const timer = setTimeout(() => {
      finish({ statusCode: null, errorClass: "timeout" });
      request.destroy();
    }, timeoutMs);
    request.on("response", (response) => {
      const status = response.statusCode ?? null;
      finish({
        statusCode: status,
        errorClass: status !== null && status >= 200 && status < 300 ? null : "http_status",
      });
      // The body is not needed: it is read and dropped, never stored or waited for.
      response.resume();
      response.on("end", () => clearTimeout(timer));
      response.on("error", () => clearTimeout(timer));
    });
    request.on("error", () => {
      clearTimeout(timer);
      finish({ statusCode: null, errorClass: "network" });
    });
    request.end(body);
  });
}

/** One attempt of one delivery (scheduled by `queueDelivery` and by `recordAttempt` for retries). */
export const deliver = internalAction({
  args: { deliveryId: v.id("webhookDeliveries") },
  returns: v.null(),
  handler: async (ctx, { deliveryId }) => {
    const target = await ctx.runQuery(internal.webhooks.deliveryTarget, { deliveryId });
    if (!target) return null;
    const settings = webhookSettings();
    const at = Date.now();
    let outcome: Outcome;
    if (!target.enabled) outcome = { statusCode: null, errorClass: "endpoint_disabled" };
    else {
      outcome = await attempt(target, settings.timeoutMs).catch((e: unknown): Outcome => {
        // Not expected (network failures resolve to an outcome): logged here, never shown to the owner.
        console.error(`webhook delivery ${deliveryId} failed unexpectedly`, e);
        return { statusCode: null, errorClass: "network" };
      });
    }
    await ctx.runMutation(internal.webhooks.recordAttempt, {
      deliveryId,
      attempt: target.attempt,
      at,
      durationMs: Date.now() - at,
      ...outcome,
    });
    return null;
  },
});

/** Resolves and checks the host, signs, and sends one attempt. */
async function attempt(
  target: { url: string; secret: string; messageId: string; payload: string },
  timeoutMs: number,
): Promise<Outcome> {
  const url = new URL(target.url);
  const resolved = await resolveTarget(url, isLocalMode());
  if (!resolved.ok) return { statusCode: null, errorClass: resolved.errorClass };
  const sentAt = new Date();
  const signature = new Webhook(target.secret).sign(target.messageId, sentAt, target.payload);
  const headers = {
    "content-type": "application/json",
    "user-agent": "Pixorly-Webhooks/1.0",
    "webhook-id": target.messageId,
    "webhook-timestamp": String(Math.floor(sentAt.getTime() / 1000)),
    "webhook-signature": signature,
  };
  return await post(url, resolved, headers, target.payload, timeoutMs);
}

/** For `webhooks.create`: null when the URL's host resolves only to allowed addresses, else why not. */
export const checkUrl = internalAction({
  args: { url: v.string() },
  returns: v.union(v.string(), v.null()),
  handler: async (_ctx, { url }) => {
    const resolved = await resolveTarget(new URL(url), isLocalMode());
    return resolved.ok ? null : resolved.message;
  },
});
