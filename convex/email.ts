/**
 * Reading sent and outgoing email (`lib/email.ts` writes it): a user's own messages — offline the
 * outbox stands in for their mail — and, for operators, the whole outbox.
 */
import { v } from "convex/values";
import { internalQuery } from "./_generated/server";
import { FIRST_PARTY, userQuery } from "./lib/auth";
import type { Doc } from "./_generated/dataModel";

const message = v.object({
  id: v.id("emailOutbox"),
  to: v.union(v.string(), v.null()),
  template: v.string(),
  subject: v.string(),
  text: v.string(),
  status: v.string(),
  createdAt: v.number(),
});

/** The most messages one read returns (newest first). */
export const OUTBOX_PAGE = 100;

function shape(e: Doc<"emailOutbox">) {
  return {
    id: e._id,
    to: e.to,
    template: e.template,
    subject: e.subject,
    text: e.text,
    status: e.status,
    createdAt: e.createdAt,
  };
}

/** The caller's own messages, newest first. */
export const outbox = userQuery({
  scope: FIRST_PARTY,
  args: {},
  returns: v.array(message),
  handler: async (ctx) => {
    if (!ctx.user) return [];
    const userId = ctx.user._id;
    const rows = await ctx.db
      .query("emailOutbox")
      .withIndex("by_user", (q) => q.eq("userId", userId))
      .order("desc")
      .take(OUTBOX_PAGE);
    return rows.map(shape);
  },
});

/** For operators: the newest messages of everyone, including mail to deleted accounts. */
export const allOutbox = internalQuery({
  args: { limit: v.optional(v.number()) },
  returns: v.array(v.object({ ...message.fields, userId: v.union(v.id("users"), v.null()) })),
  handler: async (ctx, { limit }) => {
    const n = Math.min(Math.max(1, Math.floor(limit ?? OUTBOX_PAGE)), 1000);
    const rows = await ctx.db.query("emailOutbox").order("desc").take(n);
    return rows.map((e) => ({ ...shape(e), userId: e.userId ?? null }));
  },
});
