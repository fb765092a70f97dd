import type { JobDoc } from "./functions";

/** A job as the REST API shows it: the fields that are set, times in ms, `cost` in credits. */
export function jobFields(job: Omit<JobDoc, "queuePosition">) {
  return {
    jobId: job._id,
    status: job.status,
    model: job.model,
    prompt: job.prompt,
    createdAt: Math.floor(job._creationTime),
    ...(job.startedAt !== undefined ? { startedAt: job.startedAt } : {}),
    ...(job.completedAt !== undefined ? { completedAt: job.completedAt } : {}),
    ...(job.actualCost !== undefined ? { cost: job.actualCost } : {}),
    ...(job.error ? { error: { code: job.error.code, message: job.error.message } } : {}),
    imageIds: job.resultImageIds,
  };
}
