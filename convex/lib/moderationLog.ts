/**
 * The moderation log: one row per refused generation — our prompt check (`source` "prompt", written
 * by `jobs.create`, which returns the refusal instead of throwing so the row commits) or the model
 * provider's content filter (`source` "provider", written when the run fails for it). The prompt is
 * kept only as a SHA-256 of its normalised text, so repeats can be matched without storing it.
 */
import type { Id } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";
import { promptKey } from "./promptHistory";
import { sha256Hex } from "./secrets";

/** SHA-256 (hex) of the prompt and negative prompt, normalised as prompt history does (case, spacing, invisible characters). */
export async function promptHash(prompt: string, negativePrompt?: string): Promise<string> {
  return await sha256Hex(negativePrompt ? `${promptKey(prompt)}\n${promptKey(negativePrompt)}` : promptKey(prompt));
}

export async function logRefusal(
  ctx: MutationCtx,
  entry: {
    userId: Id<"users">;
    partnerId?: Id<"partners">;
    prompt: string;
    negativePrompt?: string;
    rule: string;
    source: "prompt" | "provider";
    jobId?: Id<"generationJobs">;
  },
) {
  await ctx.db.insert("moderationLog", {
    userId: entry.userId,
    ...(entry.partnerId ? { partnerId: entry.partnerId } : {}),
    promptHash: await promptHash(entry.prompt, entry.negativePrompt),
    rule: entry.rule,
    time: Date.now(),
    source: entry.source,
    ...(entry.jobId ? { jobId: entry.jobId } : {}),
  });
}
