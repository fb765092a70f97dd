/**
 * Account email through one path, `sendEmail`: every message is written to `emailOutbox`; with
 * `SES_FROM_ADDRESS` (and AWS credentials) set it is also handed to Amazon SES by a scheduled action
 * (`emailDelivery.send`), so the table is the send log. Offline nothing leaves the machine and the
 * table is the outbox a developer reads (`email:outbox`). Sending is scheduled, never done inside
 * the mutation, so a slow mail service cannot hold a transaction open.
 */
import { internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";

/** What each template needs to be written. */
export interface EmailData {
  accountDeleted: Record<string, never>;
  exportReady: { exportId: string; size: number };
  creditLow: { balance: number; threshold: number };
  endpointDisabled: { url: string; reason: string };
}
export type EmailTemplate = keyof EmailData;

type Rendered = { subject: string; text: string };

const templates: { [T in EmailTemplate]: (data: EmailData[T]) => Rendered } = {
  accountDeleted: () => ({
    subject: "Your Pixorly account has been deleted",
    text: "Your Pixorly account, its images and every record of it have been deleted, as you asked. This cannot be undone.",
  }),
  exportReady: ({ exportId, size }) => ({
    subject: "Your Pixorly data export is ready",
    text: `Your data export (${exportId}, ${Math.max(1, Math.round(size / 1024))} KB) is ready. Download it from your account page; the link there is valid for a short time and can be requested again.`,
  }),
  creditLow: ({ balance, threshold }) => ({
    subject: "Your Pixorly balance is low",
    text: `Your balance is ${balance} credits, below ${threshold} (10 % of your last grant). Top up to keep generating.`,
  }),
  endpointDisabled: ({ url, reason }) => ({
    subject: "A Pixorly webhook endpoint was disabled",
    text: `Your webhook endpoint ${url} was disabled. ${reason}`,
  }),
};

export function renderEmail<T extends EmailTemplate>(template: T, data: EmailData[T]): Rendered {
  return templates[template](data);
}

/** SES is used when a sender address and AWS credentials are configured. */
export function sesConfigured(env: Record<string, string | undefined> = process.env): boolean {
  return Boolean(env.SES_FROM_ADDRESS && env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY);
}

/**
 * To a user (`userId`: their known address, and the message shows in their outbox) or to a bare
 * address (`to`: mail about an account that no longer exists). A user without a known address
 * still gets the outbox row; on SES it is marked failed, since there is nowhere to send it.
 */
export async function sendEmail<T extends EmailTemplate>(
  ctx: MutationCtx,
  message: ({ userId: Id<"users">; to?: undefined } | { to: string; userId?: undefined }) & {
    template: T;
    data: EmailData[T];
  },
): Promise<Id<"emailOutbox">> {
  const to = message.userId ? ((await ctx.db.get(message.userId))?.email ?? null) : (message.to ?? null);
  const ses = sesConfigured();
  const id = await ctx.db.insert("emailOutbox", {
    ...(message.userId ? { userId: message.userId } : {}),
    to,
    template: message.template,
    ...renderEmail(message.template, message.data),
    status: !ses ? "outbox" : to ? "queued" : "failed",
    createdAt: Date.now(),
  });
  if (ses && to) await ctx.scheduler.runAfter(0, internal.emailDelivery.send, { emailId: id });
  return id;
}
