/**
 * Webhook endpoints of an account and their delivery log (Standard Webhooks). An endpoint has a
 * URL, the event types it wants (`WEBHOOK_EVENTS` in core) and a `whsec_…` signing secret shown
 * once, when it is created. Messages are queued by the pipeline (`lib/webhookEvents.ts`) and sent
 * by scheduled actions (`webhookDelivery.ts`); each attempt is logged with its status code,
 * duration and error class (never an internal error text). Failed attempts are retried with
 * exponential backoff for about a day (`webhookRetryDelayMs`); when `disableAfterFailedMessages`
 * messages in a row (5 by default) have failed after all their retries, the endpoint is disabled
 * and carries a notice for its owner until they enable it again.
 *
 * First-party sessions only: an embed session or an API key must not be able to point an
 * account's events at a URL of its choosing.
 */
import { v } from "convex/values";
import { paginationOptsValidator } from "convex/server";
import { WEBHOOK_EVENTS, WEBHOOK_LIMITS, WEBHOOK_TEST_EVENT, isWebhookEvent } from "@pixorly/core";
import { internal } from "./_generated/api";
import type { Doc, Id } from "./_generated/dataModel";
import { internalMutation, internalQuery, type QueryCtx } from "./_generated/server";
import { FIRST_PARTY, internalUserMutation, userAction, userMutation, userQuery } from "./lib/auth";
import { fail } from "./lib/errors";
import { sendEmail } from "./lib/email";
import { InputIssues } from "./lib/inputs";
import { paginateChecked } from "./lib/pagination";
import { checkWebhookUrl, isLocalMode } from "./lib/webhookAddress";
import { messageBody, newMessageId, newWebhookSecret, queueDelivery, webhookSettings } from "./lib/webhookEvents";

const endpointShape = v.object({
  endpointId: v.id("webhookEndpoints"),
  url: v.string(),
  events: v.array(v.string()),
  enabled: v.boolean(),
  createdAt: v.number(),
  /** Messages in a row that failed after all retries (the endpoint is disabled at the limit). */
  failedMessages: v.number(),
  /** Why and when the endpoint was disabled for repeated failure; null otherwise. */
  disabledNotice: v.union(v.object({ at: v.number(), reason: v.string() }), v.null()),
});

const attemptShape = v.object({
  attempt: v.number(),
  at: v.number(),
  statusCode: v.union(v.number(), v.null()),
  durationMs: v.number(),
  errorClass: v.union(v.string(), v.null()),
});

const deliveryShape = v.object({
  deliveryId: v.id("webhookDeliveries"),
  endpointId: v.id("webhookEndpoints"),
  messageId: v.string(),
  eventType: v.string(),
  payload: v.string(),
  status: v.union(v.literal("pending"), v.literal("delivered"), v.literal("failed")),
  attempts: v.number(),
  createdAt: v.number(),
  nextAttemptAt: v.union(v.number(), v.null()),
  replayOf: v.union(v.id("webhookDeliveries"), v.null()),
  log: v.array(attemptShape),
});

function endpointView(e: Doc<"webhookEndpoints">) {
  return {
    endpointId: e._id,
    url: e.url,
    events: e.events,
    enabled: e.enabled,
    createdAt: e.createdAt,
    failedMessages: e.failedMessages,
    disabledNotice: e.disabledNotice ?? null,
  };
}

/** One of the caller's endpoints by an untrusted id string, or NOT_FOUND (others' look unknown). */
async function ownEndpoint(
  ctx: QueryCtx,
  user: Doc<"users"> | null,
  endpointId: string,
): Promise<Doc<"webhookEndpoints">> {
  const id = ctx.db.normalizeId("webhookEndpoints", endpointId);
  const endpoint = id ? await ctx.db.get(id) : null;
  if (!endpoint || !user || endpoint.userId !== user._id) return fail("NOT_FOUND", "Webhook endpoint not found.");
  return endpoint;
}

/** The caller's endpoints, oldest first; never their secrets. */
export const list = userQuery({
  scope: FIRST_PARTY,
  args: {},
  returns: v.array(endpointShape),
  handler: async (ctx) => {
    const user = ctx.user;
    if (!user) return [];
    const endpoints = await ctx.db
      .query("webhookEndpoints")
      .withIndex("by_user", (q) => q.eq("userId", user._id))
      .take(WEBHOOK_LIMITS.endpointsPerUser);
    return endpoints.map(endpointView);
  },
});

/** Checks `events` (a non-empty list of known types, duplicates dropped). */
function checkEvents(issues: InputIssues, events: string[]): string[] {
  if (events.length === 0) issues.add("events", `Choose at least one of ${WEBHOOK_EVENTS.join(", ")}`);
  events.forEach((e, i) => {
    if (!isWebhookEvent(e))
      issues.add(`events.${i}`, `"${e}" is not an event; expected one of ${WEBHOOK_EVENTS.join(", ")}`);
  });
  return [...new Set(events.filter(isWebhookEvent))];
}

/**
 * Registers an endpoint and returns its signing secret, shown this once. An action, because the
 * URL's host is resolved first: a host with any non-public address is refused (loopback only in
 * local mode). The same check runs again at every delivery.
 */
export const create = userAction({
  scope: FIRST_PARTY,
  args: { url: v.string(), events: v.array(v.string()) },
  returns: v.object({ endpointId: v.id("webhookEndpoints"), secret: v.string() }),
  handler: async (ctx, args): Promise<{ endpointId: Id<"webhookEndpoints">; secret: string }> => {
    const issues = new InputIssues();
    const checked = checkWebhookUrl(args.url, isLocalMode());
    if (!checked.ok) issues.add("url", checked.message);
    const events = checkEvents(issues, args.events);
    issues.throwIfAny();
    const url = (checked as { url: URL }).url.href;
    const refusal: string | null = await ctx.runAction(internal.webhookDelivery.checkUrl, { url });
    if (refusal) fail("INVALID_ARGUMENT", `url: ${refusal}`, [{ field: "url", message: refusal }]);
    return await ctx.runMutation(internal.webhooks.insertEndpoint, { url, events });
  },
});

/** The write step of `create` (as the same caller): limits, then the endpoint and its new secret. */
export const insertEndpoint = internalUserMutation({
  scope: FIRST_PARTY,
  args: { url: v.string(), events: v.array(v.string()) },
  returns: v.object({ endpointId: v.id("webhookEndpoints"), secret: v.string() }),
  handler: async (ctx, { url, events }) => {
    const existing = await ctx.db
      .query("webhookEndpoints")
      .withIndex("by_user", (q) => q.eq("userId", ctx.user._id))
      .take(WEBHOOK_LIMITS.endpointsPerUser);
    if (existing.length >= WEBHOOK_LIMITS.endpointsPerUser) {
      fail(
        "CONFLICT",
        `An account can have at most ${WEBHOOK_LIMITS.endpointsPerUser} webhook endpoints; remove one first.`,
      );
    }
    const secret = newWebhookSecret();
    const endpointId = await ctx.db.insert("webhookEndpoints", {
      userId: ctx.user._id,
      url,
      events,
      secret,
      enabled: true,
      createdAt: Date.now(),
      failedMessages: 0,
    });
    return { endpointId, secret };
  },
});

/** Removes one of the caller's endpoints; its delivery log is deleted in the background. */
export const remove = userMutation({
  scope: FIRST_PARTY,
  args: { endpointId: v.string() },
  returns: v.null(),
  handler: async (ctx, { endpointId }) => {
    const endpoint = await ownEndpoint(ctx, ctx.user, endpointId);
    await ctx.db.delete(endpoint._id);
    await ctx.scheduler.runAfter(0, internal.webhooks.purgeLog, { endpointId: endpoint._id });
    return null;
  },
});

/** Log rows one purge transaction deletes; it reschedules itself until none are left. */
const PURGE_BATCH = 100;

export const purgeLog = internalMutation({
  args: { endpointId: v.id("webhookEndpoints") },
  returns: v.null(),
  handler: async (ctx, { endpointId }) => {
    const attempts = await ctx.db
      .query("webhookAttempts")
      .withIndex("by_endpoint", (q) => q.eq("endpointId", endpointId))
      .take(PURGE_BATCH);
    const deliveries = await ctx.db
      .query("webhookDeliveries")
      .withIndex("by_endpoint", (q) => q.eq("endpointId", endpointId))
      .take(PURGE_BATCH);
    for (const row of [...attempts, ...deliveries]) await ctx.db.delete(row._id);
    if (attempts.length === PURGE_BATCH || deliveries.length === PURGE_BATCH) {
      await ctx.scheduler.runAfter(0, internal.webhooks.purgeLog, { endpointId });
    }
    return null;
  },
});

/** Enables or disables one of the caller's endpoints; enabling clears the failure count and notice. */
export const setEnabled = userMutation({
  scope: FIRST_PARTY,
  args: { endpointId: v.string(), enabled: v.boolean() },
  returns: v.null(),
  handler: async (ctx, { endpointId, enabled }) => {
    const endpoint = await ownEndpoint(ctx, ctx.user, endpointId);
    await ctx.db.patch(endpoint._id, enabled ? { enabled, failedMessages: 0, disabledNotice: undefined } : { enabled });
    return null;
  },
});

/** Sends a `webhook.test` message to one of the caller's enabled endpoints, whatever it subscribed to. */
export const sendTest = userMutation({
  scope: FIRST_PARTY,
  args: { endpointId: v.string() },
  returns: v.object({ deliveryId: v.id("webhookDeliveries"), messageId: v.string() }),
  handler: async (ctx, { endpointId }) => {
    const endpoint = await ownEndpoint(ctx, ctx.user, endpointId);
    if (!endpoint.enabled) fail("CONFLICT", "This webhook endpoint is disabled; enable it first.");
    const messageId = newMessageId();
    const payload = messageBody(WEBHOOK_TEST_EVENT, { endpointId: endpoint._id }, Date.now());
    const deliveryId = await queueDelivery(ctx, endpoint, { messageId, eventType: WEBHOOK_TEST_EVENT, payload });
    return { deliveryId, messageId };
  },
});

/** Re-sends a delivered or failed message to its endpoint with the same `webhook-id` and body (a new delivery in the log). */
export const replay = userMutation({
  scope: FIRST_PARTY,
  args: { deliveryId: v.string() },
  returns: v.object({ deliveryId: v.id("webhookDeliveries") }),
  handler: async (ctx, { deliveryId }) => {
    const id = ctx.db.normalizeId("webhookDeliveries", deliveryId);
    const delivery = id ? await ctx.db.get(id) : null;
    if (!delivery || delivery.userId !== ctx.user._id) return fail("NOT_FOUND", "Webhook delivery not found.");
    const endpoint = await ctx.db.get(delivery.endpointId);
    if (!endpoint) return fail("NOT_FOUND", "Webhook delivery not found.");
    if (!endpoint.enabled) return fail("CONFLICT", "This webhook endpoint is disabled; enable it first.");
    if (delivery.status === "pending") return fail("CONFLICT", "This message is still being delivered.");
    const replayId = await queueDelivery(ctx, endpoint, {
      messageId: delivery.messageId,
      eventType: delivery.eventType,
      payload: delivery.payload,
      replayOf: delivery.replayOf ?? delivery._id,
    });
    return { deliveryId: replayId };
  },
});

/** The delivery log of one of the caller's endpoints, newest first, each delivery with its attempts. */
export const deliveries = userQuery({
  scope: FIRST_PARTY,
  args: { endpointId: v.string(), paginationOpts: paginationOptsValidator },
  returns: v.object({
    page: v.array(deliveryShape),
    isDone: v.boolean(),
    continueCursor: v.string(),
    splitCursor: v.optional(v.union(v.string(), v.null())),
    pageStatus: v.optional(v.union(v.literal("SplitRecommended"), v.literal("SplitRequired"), v.null())),
  }),
  handler: async (ctx, { endpointId, paginationOpts }) => {
    const endpoint = await ownEndpoint(ctx, ctx.user, endpointId);
    const result = await paginateChecked(
      ctx.db
        .query("webhookDeliveries")
        .withIndex("by_endpoint", (q) => q.eq("endpointId", endpoint._id))
        .order("desc"),
      paginationOpts,
    );
    const page = [];
    for (const d of result.page) {
      const log = await ctx.db
        .query("webhookAttempts")
        .withIndex("by_delivery", (q) => q.eq("deliveryId", d._id))
        .take(WEBHOOK_LIMITS.maxAttempts * 2);
      page.push({
        deliveryId: d._id,
        endpointId: d.endpointId,
        messageId: d.messageId,
        eventType: d.eventType,
        payload: d.payload,
        status: d.status,
        attempts: d.attempts,
        createdAt: d.createdAt,
        nextAttemptAt: d.nextAttemptAt ?? null,
        replayOf: d.replayOf ?? null,
        log: log.map(({ attempt, at, statusCode, durationMs, errorClass }) => ({
          attempt,
          at,
          statusCode,
          durationMs,
          errorClass,
        })),
      });
    }
    return { ...result, page };
  },
});

/** A pending delivery this long past its due time lost its run (a restart cut the action): `sweep` starts it again. */
const LOST_AFTER_MS = 10 * 60_000;

/**
 * Cron: restarts deliveries whose scheduled attempt was lost. A run that was merely slow may then
 * send twice; receivers deduplicate by `webhook-id`, as Standard Webhooks expects.
 */
export const sweep = internalMutation({
  args: {},
  returns: v.null(),
  handler: async (ctx) => {
    const lost = await ctx.db
      .query("webhookDeliveries")
      .withIndex("by_status_due", (q) => q.eq("status", "pending").lt("nextAttemptAt", Date.now() - LOST_AFTER_MS))
      .take(100);
    for (const delivery of lost) {
      await ctx.db.patch(delivery._id, { nextAttemptAt: Date.now() });
      await ctx.scheduler.runAfter(0, internal.webhookDelivery.deliver, { deliveryId: delivery._id });
    }
    return null;
  },
});

/** For the delivery action: what to send for a pending delivery's next attempt, or null when there is nothing to send. */
export const deliveryTarget = internalQuery({
  args: { deliveryId: v.id("webhookDeliveries") },
  returns: v.union(
    v.null(),
    v.object({
      url: v.string(),
      secret: v.string(),
      enabled: v.boolean(),
      messageId: v.string(),
      payload: v.string(),
      attempt: v.number(),
    }),
  ),
  handler: async (ctx, { deliveryId }) => {
    const delivery = await ctx.db.get(deliveryId);
    if (!delivery || delivery.status !== "pending") return null;
    const endpoint = await ctx.db.get(delivery.endpointId);
    if (!endpoint) return null;
    return {
      url: endpoint.url,
      secret: endpoint.secret,
      enabled: endpoint.enabled,
      messageId: delivery.messageId,
      payload: delivery.payload,
      attempt: delivery.attempts + 1,
    };
  },
});

/**
 * Logs an attempt and decides what follows: delivered on a 2xx; otherwise another attempt after
 * the backoff delay, or — after the last one — failed, counting towards disabling the endpoint.
 * An attempt logged already (a duplicate run) changes nothing.
 */
export const recordAttempt = internalMutation({
  args: {
    deliveryId: v.id("webhookDeliveries"),
    attempt: v.number(),
    at: v.number(),
    statusCode: v.union(v.number(), v.null()),
    durationMs: v.number(),
    errorClass: v.union(v.string(), v.null()),
  },
  returns: v.null(),
  handler: async (ctx, { deliveryId, attempt, at, statusCode, durationMs, errorClass }) => {
    const delivery = await ctx.db.get(deliveryId);
    if (!delivery || delivery.status !== "pending" || delivery.attempts !== attempt - 1) return null;
    await ctx.db.insert("webhookAttempts", {
      deliveryId,
      endpointId: delivery.endpointId,
      attempt,
      at,
      statusCode,
      durationMs,
      errorClass,
    });
    const endpoint = await ctx.db.get(delivery.endpointId);
    if (statusCode !== null && statusCode >= 200 && statusCode < 300) {
      await ctx.db.patch(deliveryId, { status: "delivered", attempts: attempt, nextAttemptAt: undefined });
      if (endpoint && endpoint.failedMessages > 0) await ctx.db.patch(endpoint._id, { failedMessages: 0 });
      return null;
    }
    const settings = webhookSettings();
    if (endpoint && errorClass !== "endpoint_disabled" && attempt < settings.maxAttempts) {
      const delay = settings.retryDelayMs(attempt);
      await ctx.db.patch(deliveryId, { attempts: attempt, nextAttemptAt: Date.now() + delay });
      await ctx.scheduler.runAfter(delay, internal.webhookDelivery.deliver, { deliveryId });
      return null;
    }
    await ctx.db.patch(deliveryId, { status: "failed", attempts: attempt, nextAttemptAt: undefined });
    // A message that failed because the endpoint was off says nothing new about the endpoint.
    if (!endpoint || errorClass === "endpoint_disabled") return null;
    const failedMessages = endpoint.failedMessages + 1;
    if (endpoint.enabled && failedMessages >= settings.disableAfter) {
      const reason =
        `Disabled on ${new Date(at).toISOString().slice(0, 10)} (UTC): ${failedMessages} messages in a row failed on every attempt ` +
        `(last: ${statusCode !== null ? `HTTP ${statusCode}` : (errorClass ?? "error")}). Fix the endpoint, then enable it again.`;
      await ctx.db.patch(endpoint._id, { enabled: false, failedMessages, disabledNotice: { at, reason } });
      await sendEmail(ctx, {
        userId: endpoint.userId,
        template: "endpointDisabled",
        data: { url: endpoint.url, reason },
      });
    } else {
      await ctx.db.patch(endpoint._id, { failedMessages });
    }
    return null;
  },
});
