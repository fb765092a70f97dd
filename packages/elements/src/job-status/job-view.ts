/**
 * One job view (issue 18): what the job card (`<pixorly-job-status>`) and the comparison cell both show
 * of a job — its state, headline, error text, cost and time, which actions it offers — and the two
 * actions on its results they share (download, open in the lightbox). The cell used to re-implement
 * the card's status logic line for line; both now read it from here, and only their layouts differ.
 * The words of the progress estimate stay in ./job-progress.ts (this module uses them).
 */
import type { ReactiveControllerHost } from "lit";
import { api, type Job, type JobStatus } from "../client/api.js";
import { jobErrorMessage, toUserFacingError } from "../client/errors.js";
import { QueryController, SKIP } from "../client/query-controller.js";
import type { StudioClient } from "../client/studio-client.js";
import type { OpenImageDetail } from "../events/index.js";
import { formatCredits } from "../i18n/format.js";
import { msg, str } from "../i18n/localize.js";
import { downloadImage } from "../internal/save-file.js";
import { shownMessage } from "../internal/shown-error.js";
import { formatDuration } from "../model-picker/format-duration.js";
import type { PixorlyImage } from "../image/image.component.js";
import { statusSentence } from "./job-progress.js";

/**
 * What a job view shows: the job's status, or why there is none. `offline` only for a view that says so
 * (`whenDisconnected: 'offline'`); otherwise a view without a client is `loading` (the studio's arrives later).
 */
export type JobViewState = JobStatus | "idle" | "loading" | "not-found" | "error" | "offline";

export interface JobViewOptions {
  client: () => StudioClient | undefined;
  jobId: () => string;
  /** What the view is without a client. */
  whenDisconnected: "loading" | "offline";
}

/** The problem of a failed action: its code, and the sentence shown (a `ShownError`'s own, or the code's). */
export interface JobActionProblem {
  code: string;
  message: string;
}

/** Cancel while the job waits or runs; retry once it failed or was cancelled. */
export function jobActions(job: Pick<Job, "status">): { cancel: boolean; retry: boolean } {
  return {
    cancel: job.status === "pending" || job.status === "processing",
    retry: job.status === "failed" || job.status === "cancelled",
  };
}

/** The failure's sentence for people (never internal detail). */
export function jobErrorText(job: Pick<Job, "error">): string {
  return jobErrorMessage(job.error);
}

/** What the job costs: the charge once done, "Refunded" after a failure or cancel, "Up to …" before. */
export function jobCostText(job: Pick<Job, "status" | "actualCost" | "reservedCredits">): string {
  switch (job.status) {
    case "completed":
      return formatCredits(job.actualCost ?? job.reservedCredits);
    case "failed":
    case "cancelled":
      return msg("Refunded");
    default: {
      const credits = formatCredits(job.reservedCredits);
      return msg(str`Up to ${credits}`);
    }
  }
}

/** How long the generation took (`completedAt − startedAt`), undefined until both are known; the wait in the queue does not count. */
export function jobGenerationTime(job: Pick<Job, "startedAt" | "completedAt">): string | undefined {
  return job.startedAt !== undefined && job.completedAt !== undefined
    ? formatDuration(job.completedAt - job.startedAt)
    : undefined;
}

/** The generation time, or what the job is doing instead ("Waiting", "Running", "—"). */
export function jobTimeText(job: Pick<Job, "status" | "startedAt" | "completedAt">): string {
  const time = jobGenerationTime(job);
  if (time !== undefined) return time;
  if (job.status === "pending") return msg("Waiting");
  if (job.status === "processing") return msg("Running");
  return "—";
}

/**
 * The job subscription and the view's state and headline, bound to the host's lifecycle. The host
 * reads `state` in `willUpdate()` (to reflect it) and `headline()` in `render()`.
 */
export class JobViewController {
  /** The job, live. */
  readonly job: QueryController<typeof api.jobs.get>;

  /** A download is under way (download buttons are disabled meanwhile). */
  saving = false;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: JobViewOptions,
  ) {
    this.job = new QueryController(host, options.client, api.jobs.get, () => {
      const jobId = options.jobId();
      return jobId ? { jobId } : SKIP;
    });
  }

  /** What is shown now. */
  get state(): JobViewState {
    if (!this.options.jobId()) return "idle";
    if (!this.options.client()) return this.options.whenDisconnected;
    if (this.job.error) return "error";
    if (this.job.loading) return "loading";
    return this.job.value ? this.job.value.status : "not-found";
  }

  /** The status headline (also what the live region announces). */
  headline(): string {
    const state = this.state;
    switch (state) {
      case "idle":
        return "";
      case "offline":
        return msg("Not connected to Pixorly");
      case "loading":
        return msg("Loading job…");
      case "not-found":
        return msg("Job not found");
      case "error":
        return toUserFacingError(this.job.error).message;
      default:
        return this.job.value ? statusSentence(this.job.value) : "";
    }
  }

  /**
   * Saves one result as a file (the CDN is another origin: fetched, then saved from an object URL).
   * Resolves to the problem when it failed, for the host to show (and, the card, to emit).
   */
  async download(job: Pick<Job, "prompt">, imageId: string): Promise<JobActionProblem | undefined> {
    const client = this.options.client();
    if (!client || this.saving) return undefined;
    this.saving = true;
    this.host.requestUpdate();
    try {
      await downloadImage(client, { _id: imageId, prompt: job.prompt });
      return undefined;
    } catch (error) {
      const problem = toUserFacingError(error);
      return { code: problem.code, message: shownMessage(error, problem.message) };
    } finally {
      this.saving = false;
      this.host.requestUpdate();
    }
  }

  /**
   * The `pixorly-open-image` detail for the `index`th result: the results whose documents have arrived
   * (read from the host's `<pixorly-image>`s), starting at the chosen one; undefined before it has.
   */
  openImageDetail(index: number): OpenImageDetail | undefined {
    const root = this.host.shadowRoot ?? this.host;
    const docs = [...root.querySelectorAll<PixorlyImage>("pixorly-image")].map((image) => image.doc);
    const images = docs.filter((doc) => doc !== undefined);
    const chosen = docs[index];
    return chosen ? { images, index: images.indexOf(chosen) } : undefined;
  }
}
