import { isJobRefusal, type GenerationRequest, type ModelInfo } from "@pixorly/core";
import { api } from "../client/api.js";
import type { StudioClient } from "../client/studio-client.js";
import type { PromptRun } from "../prompt-box/generation-form.js";

/** One model's request from the prompt box's `pixorly-submit` (its `runs`), with its own idempotency key. */
export type SubmittedRun = PromptRun;

export interface CreatedJob {
  jobId: string;
  model: string;
  request: GenerationRequest;
  modelInfo: ModelInfo;
}

export interface SubmitOutcome {
  created: CreatedJob[];
  /** The first failure; later runs are not attempted after one fails. */
  error?: unknown;
}

/**
 * Creates one job per run, in order. Each carries the key the prompt box minted,
 * so submitting the same runs again (a retry after a network error) cannot charge twice.
 */
export async function submitRuns(client: StudioClient, runs: readonly SubmittedRun[]): Promise<SubmitOutcome> {
  const created: CreatedJob[] = [];
  for (const run of runs) {
    try {
      const jobId = await client.mutation(api.jobs.create, { ...run.request, idempotencyKey: run.idempotencyKey });
      // A moderation refusal is returned so the backend's log row commits; it reaches the UI as the error it always was.
      // `convex/values` is imported here, not at the top: this module is in the studio's first paint.
      if (isJobRefusal(jobId)) throw new (await import("convex/values")).ConvexError(jobId.refused);
      created.push({ jobId, model: run.model.id, request: run.request, modelInfo: run.model });
    } catch (error) {
      return { created, error };
    }
  }
  return { created };
}
