/**
 * Hands one queued message from `emailOutbox` to Amazon SES (`lib/email.ts` queues it only when
 * SES is configured) and records the outcome on the row. Kept apart from `email.ts` so the SES
 * client is loaded only by the action that uses it.
 */
import { SESv2Client, SendEmailCommand } from "@aws-sdk/client-sesv2";
import { v } from "convex/values";
import { internal } from "./_generated/api";
import { internalAction, internalMutation, internalQuery } from "./_generated/server";

export const queued = internalQuery({
  args: { emailId: v.id("emailOutbox") },
  returns: v.union(v.object({ to: v.string(), subject: v.string(), text: v.string() }), v.null()),
  handler: async (ctx, { emailId }) => {
    const email = await ctx.db.get(emailId);
    if (!email || email.status !== "queued" || !email.to) return null;
    return { to: email.to, subject: email.subject, text: email.text };
  },
});

export const markSent = internalMutation({
  args: { emailId: v.id("emailOutbox"), ok: v.boolean() },
  returns: v.null(),
  handler: async (ctx, { emailId, ok }) => {
    if (await ctx.db.get(emailId))
      await ctx.db.patch(emailId, ok ? { status: "sent", sentAt: Date.now() } : { status: "failed" });
    return null;
  },
});

export const send = internalAction({
  args: { emailId: v.id("emailOutbox") },
  returns: v.null(),
  handler: async (ctx, { emailId }) => {
    const email = await ctx.runQuery(internal.emailDelivery.queued, { emailId });
    if (!email) return null;
    const client = new SESv2Client({ region: process.env.AWS_REGION ?? "us-east-1", maxAttempts: 3 });
    let ok = true;
    try {
      await client.send(
        new SendEmailCommand({
          FromEmailAddress: process.env.SES_FROM_ADDRESS,
          Destination: { ToAddresses: [email.to] },
          Content: { Simple: { Subject: { Data: email.subject }, Body: { Text: { Data: email.text } } } },
        }),
      );
    } catch (error) {
      ok = false;
      console.error("SES send failed", emailId, error instanceof Error ? error.name : "error");
    }
    await ctx.runMutation(internal.emailDelivery.markSent, { emailId, ok });
    return null;
  },
});
