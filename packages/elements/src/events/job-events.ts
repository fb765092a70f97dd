/**
 * The job events, typed once (issue 18): the job card, the comparison and the studio emit them with
 * these details, and `PixorlyEventMap` (./index.ts) gives pages and the React wrappers the same types.
 */
import type { GenerationRequest } from "@pixorly/core";
import type { Job } from "../client/api.js";

/**
 * `pixorly-job-created`: a job was submitted. From the studio's prompt box (or comparison): `model` and
 * `request`; from a job card's Retry: `retryOf`, the job it replaces.
 */
export interface JobCreatedDetail {
  jobId: string;
  /** The model id (set when the studio submitted it). */
  model?: string;
  /** The request as submitted (set when the studio submitted it). */
  request?: GenerationRequest;
  /** The failed or cancelled job this one retries (set on Retry). */
  retryOf?: string;
}

/** `pixorly-job-completed`: the job finished with images. */
export interface JobEventDetail {
  jobId: string;
  job: Job;
}

/** `pixorly-job-failed`: the job failed; `error` is what the card shows. */
export interface JobFailedDetail extends JobEventDetail {
  error: { code: string; message: string };
}

export interface JobEvents {
  "pixorly-job-created": CustomEvent<JobCreatedDetail>;
  "pixorly-job-completed": CustomEvent<JobEventDetail>;
  "pixorly-job-failed": CustomEvent<JobFailedDetail>;
}
