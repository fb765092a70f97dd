/**
 * Per-user prompt history: one row per distinct prompt, so "recent prompts" is one short index
 * read and repeating a prompt moves it to the top instead of adding a duplicate.
 */
import { normalizePrompt } from "@pixorly/core";
import type { Id } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";

/** Prompts that differ only in case or spacing are one entry. */
export function promptKey(prompt: string): string {
  return normalizePrompt(prompt).toLowerCase().replace(/\s+/g, " ");
}

/** Records that `userId` generated from `prompt` now (the latest spelling is the one shown). */
export async function rememberPrompt(ctx: MutationCtx, userId: Id<"users">, prompt: string) {
  const key = promptKey(prompt);
  const existing = await ctx.db
    .query("promptHistory")
    .withIndex("by_user_key", (q) => q.eq("userId", userId).eq("key", key))
    .unique();
  const usedAt = Date.now();
  if (existing) await ctx.db.patch(existing._id, { prompt, usedAt });
  else await ctx.db.insert("promptHistory", { userId, key, prompt, usedAt });
}
