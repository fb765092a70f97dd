/**
 * Emitting webhook events from the pipeline: `emitEvent` turns one event of an account into one
 * message (one `webhook-id`) and queues a delivery of it to each of the account's enabled endpoints
 * that subscribed to its type, in the same transaction as the change it reports. Deliveries run as
 * scheduled actions (`webhookDelivery.deliver`); nothing here waits on the network.
 */
import { WEBHOOK_LIMITS, webhookRetryDelayMs, type WebhookEvent } from "@pixorly/core";
import { internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";

function base64(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/** A new signing secret in the Standard Webhooks form: `whsec_` + base64 of 24 random bytes. */
export function newWebhookSecret(): string {
  return `whsec_${base64(crypto.getRandomValues(new Uint8Array(24)))}`;
}

/** A new message id (`webhook-id`): `msg_` + 22 base64url characters. */
export function newMessageId(): string {
  return `msg_${base64(crypto.getRandomValues(new Uint8Array(16)))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "")}`;
}

function positiveInt(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

/**
 * Delivery settings, from core's defaults; a deployment may change them by environment (the
 * end-to-end test shortens the retry delay this way): `PIXORLY_WEBHOOK_RETRY_BASE_MS`,
 * `PIXORLY_WEBHOOK_MAX_ATTEMPTS`, `PIXORLY_WEBHOOK_DISABLE_AFTER`, `PIXORLY_WEBHOOK_TIMEOUT_MS`.
 */
export function webhookSettings() {
  const baseMs = positiveInt("PIXORLY_WEBHOOK_RETRY_BASE_MS", WEBHOOK_LIMITS.baseRetryDelayMs);
  return {
    maxAttempts: positiveInt("PIXORLY_WEBHOOK_MAX_ATTEMPTS", WEBHOOK_LIMITS.maxAttempts),
    disableAfter: positiveInt("PIXORLY_WEBHOOK_DISABLE_AFTER", WEBHOOK_LIMITS.disableAfterFailedMessages),
    timeoutMs: positiveInt("PIXORLY_WEBHOOK_TIMEOUT_MS", WEBHOOK_LIMITS.requestTimeoutMs),
    retryDelayMs: (attempt: number) => webhookRetryDelayMs(attempt, baseMs),
  };
}

/** The body of a message, as signed and sent. */
export function messageBody(type: string, data: Record<string, unknown>, at: number): string {
  return JSON.stringify({ type, timestamp: new Date(at).toISOString(), data });
}

/** Queues one delivery of a message to one endpoint and schedules its first attempt. */
export async function queueDelivery(
  ctx: MutationCtx,
  endpoint: { _id: Id<"webhookEndpoints">; userId: Id<"users"> },
  message: { messageId: string; eventType: string; payload: string; replayOf?: Id<"webhookDeliveries"> },
): Promise<Id<"webhookDeliveries">> {
  const deliveryId = await ctx.db.insert("webhookDeliveries", {
    userId: endpoint.userId,
    endpointId: endpoint._id,
    ...message,
    status: "pending",
    attempts: 0,
    createdAt: Date.now(),
    nextAttemptAt: Date.now(),
  });
  await ctx.scheduler.runAfter(0, internal.webhookDelivery.deliver, { deliveryId });
  return deliveryId;
}

/** Emits `type` for `userId`'s subscribed, enabled endpoints (none: nothing is stored). */
export async function emitEvent(
  ctx: MutationCtx,
  userId: Id<"users">,
  type: WebhookEvent,
  data: Record<string, unknown>,
) {
  const endpoints = await ctx.db
    .query("webhookEndpoints")
    .withIndex("by_user", (q) => q.eq("userId", userId))
    .take(WEBHOOK_LIMITS.endpointsPerUser);
  const targets = endpoints.filter((e) => e.enabled && e.events.includes(type));
  if (targets.length === 0) return;
  const message = { messageId: newMessageId(), eventType: type, payload: messageBody(type, data, Date.now()) };
  for (const endpoint of targets) await queueDelivery(ctx, endpoint, message);
}
