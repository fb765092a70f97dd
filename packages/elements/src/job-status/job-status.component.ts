import { consume } from "@lit/context";
import type { ModelInfo } from "@pixorly/core";
import { formatCredits } from "../i18n/format.js";
import { html, nothing, type PropertyValues } from "lit";
import { property, state } from "lit/decorators.js";
import { PixorlyElement } from "../base/pixorly-element.js";
import { buttonStyles, focusRing, hostStyles, skeletonStyles, visuallyHidden } from "../base/shared.styles.js";
import { api, type Job, type JobStatus } from "../client/api.js";
import { clientContext } from "../client/client-context.js";
import { jobErrorMessage, toUserFacingError } from "../client/errors.js";
import { QueryController, SKIP } from "../client/query-controller.js";
import type { StudioClient } from "../client/studio-client.js";
import { PixorlyImage } from "../image/image.component.js";
import { downloadImage } from "../internal/save-file.js";
import { shownMessage } from "../internal/shown-error.js";
import type { OpenImageDetail } from "../library/library-events.js";
import { msg, str } from "../i18n/localize.js";
import { durationRange, estimateProgress, statusSentence } from "./job-progress.js";
import styles from "./job-status.styles.js";

/** What the element shows: a job status, or why there is none. */
export type JobStatusView = JobStatus | "idle" | "loading" | "not-found" | "error";

export interface JobEventDetail {
  jobId: string;
  job: Job;
}
export interface JobFailedDetail extends JobEventDetail {
  error: { code: string; message: string };
}

const PROGRESS_TICK_MS = 250;

/**
 * @summary The live status of one generation job: queue position, progress, results, errors, cancel and retry.
 *
 * @csspart base - The card around everything.
 * @csspart status - The status headline (also the live region that announces changes).
 * @csspart prompt - The job's prompt.
 * @csspart progress - The progress track while the job runs.
 * @csspart progress-bar - The filled part of the progress track.
 * @csspart error - A failure message.
 * @csspart results - The list of result thumbnails.
 * @csspart frames - Placeholders in the results' size and number while the job waits or renders.
 * @csspart image - Each result's `<pixorly-image>`.
 * @csspart open-button - The button around each result that opens it in the lightbox.
 * @csspart download - Each result's download button (saves the file).
 * @csspart actions - The row of buttons.
 * @csspart cancel-button - The cancel button.
 * @csspart retry-button - The retry button.
 *
 * @cssproperty --pixorly-color-surface - Card background.
 * @cssproperty --pixorly-color-border - Card and button borders.
 * @cssproperty --pixorly-color-text - Text colour.
 * @cssproperty --pixorly-color-muted - Secondary text colour.
 * @cssproperty --pixorly-color-accent - Progress bar and focus ring colour.
 * @cssproperty --pixorly-color-danger - Error text colour.
 * @cssproperty --pixorly-radius - Corner radius.
 * @cssproperty --pixorly-space - Base spacing unit.
 * @cssproperty --pixorly-thumbnail-size - Smallest width of a result thumbnail (7rem).
 *
 * @event pixorly-job-completed - The job finished with images. `detail: { jobId, job }`.
 * @event pixorly-job-failed - The job failed. `detail: { jobId, job, error: { code, message } }`.
 * @event pixorly-job-created - Retry started a new job (the element then follows it). `detail: { jobId, retryOf }`.
 * @event pixorly-open-image - A result was chosen to be seen large (the studio opens its lightbox). `detail: { images, index }`.
 * @event pixorly-error - Cancel, retry or a download failed. `detail: { code, message }`.
 */
export class PixorlyJobStatus extends PixorlyElement {
  static override styles = [hostStyles, focusRing, buttonStyles, visuallyHidden, skeletonStyles, styles];
  static override dependencies = { "pixorly-image": PixorlyImage };

  /** The job to follow. */
  @property({ attribute: "job-id", reflect: true }) jobId = "";

  /** What is shown, for styling (read-only). */
  @property({ reflect: true }) status: JobStatusView = "idle";

  @consume({ context: clientContext, subscribe: true })
  @state()
  private client: StudioClient | undefined;

  @state() private busy: "cancel" | "retry" | null = null;
  @state() private actionError = "";
  @state() private saving = false;
  @state() private now = Date.now();

  /** The job subscription (public for tests and the latency benchmark). */
  readonly job = new QueryController(
    this,
    () => this.client,
    api.jobs.get,
    () => (this.jobId ? { jobId: this.jobId } : SKIP),
  );
  private readonly models = new QueryController(
    this,
    () => this.client,
    api.models.list,
    () => (this.jobId ? {} : SKIP),
  );
  private readonly announced = new Set<string>();
  private ticker: ReturnType<typeof setInterval> | undefined;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopTicker();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("jobId")) this.actionError = "";
    this.status = this.view();
    if (this.status === "processing") this.startTicker();
    else this.stopTicker();
  }

  protected override updated(): void {
    const job = this.job.value;
    if (!job || this.announced.has(job._id)) return;
    if (job.status === "completed") {
      this.announced.add(job._id);
      this.emit<JobEventDetail>("job-completed", { jobId: job._id, job });
    } else if (job.status === "failed") {
      this.announced.add(job._id);
      const error = { code: job.error?.code ?? "INTERNAL", message: jobErrorMessage(job.error) };
      this.emit<JobFailedDetail>("job-failed", { jobId: job._id, job, error });
    }
  }

  override render() {
    const job = this.job.value ?? undefined;
    return html`
      <div part="base" class="card">
        <p part="status" class=${this.status === "loading" ? "status visually-hidden" : "status"} role="status">${this.headline(job)}</p>
        ${job ? this.renderJob(job) : this.status === "loading" ? this.renderSkeleton() : nothing}
        <p part="error" class="error" role="alert">${this.actionError}</p>
      </div>
    `;
  }

  private view(): JobStatusView {
    if (!this.jobId) return "idle";
    if (this.job.error) return "error";
    if (this.job.loading || !this.client) return "loading";
    return this.job.value ? this.job.value.status : "not-found";
  }

  private headline(job: Job | undefined): string {
    switch (this.status) {
      case "idle":
        return "";
      case "loading":
        return msg("Loading job…");
      case "not-found":
        return msg("Job not found");
      case "error":
        return toUserFacingError(this.job.error).message;
      default:
        return job ? statusSentence(job) : "";
    }
  }

  /** While the job loads: the card's shape, so nothing jumps and no text covers the render. */
  private renderSkeleton() {
    return html`<div class="loading" aria-hidden="true">
      <span class="skeleton line short"></span>
      <span class="skeleton line"></span>
      <span class="skeleton bar"></span>
    </div>`;
  }

  private renderJob(job: Job) {
    const model = this.models.value?.find((m) => m.id === job.model);
    return html`
      <p class="meta"><span part="model">${model?.name ?? job.model}</span>${this.renderCostAndTime(job)}</p>
      <p part="prompt" class="prompt">${job.prompt}</p>
      ${job.status === "processing" ? this.renderProgress(job, model) : nothing}
      ${job.status === "failed" ? html`<p part="error" class="error">${jobErrorMessage(job.error)}</p>` : nothing}
      ${job.status === "completed" ? this.renderResults(job) : nothing}
      ${job.status === "pending" || job.status === "processing" ? this.renderFrames(job) : nothing}
      ${this.renderActions(job)}
    `;
  }

  /** Where the images will appear, in their size and number, while the job waits or renders (no layout jump when they come). */
  private renderFrames(job: Job) {
    const ratio = `aspect-ratio: ${job.parameters.width} / ${job.parameters.height}`;
    return html`<ul part="frames" class="results frames" aria-hidden="true">
      ${Array.from({ length: Math.max(1, job.parameters.numImages) }, () => html`<li><span class="skeleton frame" style=${ratio}></span></li>`)}
    </ul>`;
  }

  private renderCostAndTime(job: Job) {
    if (job.status !== "completed") return nothing;
    const seconds =
      job.startedAt && job.completedAt ? ((job.completedAt - job.startedAt) / 1000).toFixed(1) : undefined;
    return html` · ${formatCredits(job.actualCost ?? job.reservedCredits)}${seconds ? html` · ${seconds} s` : nothing}`;
  }

  private renderProgress(job: Job, model: Pick<ModelInfo, "estimatedMs" | "estimatedRangeMs"> | undefined) {
    const label = msg("Generation progress");
    if (!model?.estimatedMs) {
      return html`<div part="progress" class="progress indeterminate" role="progressbar" aria-label=${label}><div part="progress-bar"></div></div>`;
    }
    const { percent, lowMs, highMs, overdue } = estimateProgress(job, model, this.now);
    const usually = durationRange(lowMs, highMs);
    const hint = overdue ? msg(str`Taking longer than usual (${usually})…`) : msg(str`Usually ${usually}`);
    return html`
      <div
        part="progress"
        class="progress"
        role="progressbar"
        aria-label=${label}
        aria-valuemin="0"
        aria-valuemax="100"
        aria-valuenow=${percent}
        aria-valuetext=${hint}
      >
        <div part="progress-bar" style="width: ${percent}%"></div>
      </div>
      <p class="hint">${hint}</p>
    `;
  }

  private renderResults(job: Job) {
    const count = job.resultImageIds.length;
    return html`
      <ul part="results" class="results">
        ${job.resultImageIds.map((imageId, index) => {
          const n = index + 1;
          const open = count > 1 ? msg(str`Open image ${n} of ${count}:`) : msg("Open image:");
          const save = count > 1 ? msg(str`Download image ${n} of ${count}`) : msg("Download image");
          return html`<li>
            <button part="open-button" class="open" type="button" @click=${() => this.openImage(index)}>
              <span class="visually-hidden">${open}</span>
              <pixorly-image part="image" image-id=${imageId}></pixorly-image>
            </button>
            <button part="download" type="button" aria-label=${save} ?disabled=${this.saving} @click=${() => void this.download(job, imageId)}>${msg("Download")}</button>
          </li>`;
        })}
      </ul>
    `;
  }

  /** Asks the studio to show the results in the lightbox, from the one chosen. */
  private openImage(index: number): void {
    const docs = [...this.renderRoot.querySelectorAll("pixorly-image")].map((image) => image.doc);
    const images = docs.filter((doc) => doc !== undefined);
    const chosen = docs[index];
    if (!chosen) return;
    this.emit<OpenImageDetail>("open-image", { images, index: images.indexOf(chosen) });
  }

  /** Saves the original as a file (the CDN is another origin: fetched, then saved from an object URL). */
  private async download(job: Job, imageId: string): Promise<void> {
    const client = this.client;
    if (!client || this.saving) return;
    this.saving = true;
    this.actionError = "";
    try {
      await downloadImage(client, { _id: imageId, prompt: job.prompt });
    } catch (error) {
      const problem = toUserFacingError(error);
      this.actionError = shownMessage(error, problem.message);
      this.emit("error", { code: problem.code, message: this.actionError });
    } finally {
      this.saving = false;
    }
  }

  private renderActions(job: Job) {
    const active = job.status === "pending" || job.status === "processing";
    const retryable = job.status === "failed" || job.status === "cancelled";
    if (!active && !retryable) return nothing;
    return html`
      <div part="actions" class="actions">
        ${
          active
            ? html`<button part="cancel-button" type="button" data-variant="danger" ?disabled=${this.busy !== null} @click=${this.cancel}>
              ${this.busy === "cancel" ? msg("Cancelling…") : msg("Cancel")}
            </button>`
            : html`<button part="retry-button" type="button" data-variant="primary" ?disabled=${this.busy !== null} @click=${this.retry}>
              ${this.busy === "retry" ? msg("Retrying…") : msg("Retry")}
            </button>`
        }
      </div>
    `;
  }

  /** Cancels the job (pending or processing); its reserved credits are refunded. */
  async cancel(): Promise<void> {
    await this.runAction("cancel", async (client) => {
      await client.mutation(api.jobs.cancel, { jobId: this.jobId });
    });
  }

  /** Starts a new job with the same prompt and settings, and follows it. */
  async retry(): Promise<void> {
    await this.runAction("retry", async (client) => {
      const retryOf = this.jobId;
      const jobId = await client.mutation(api.jobs.retry, { jobId: retryOf });
      this.jobId = jobId;
      this.emit("job-created", { jobId, retryOf });
    });
  }

  private async runAction(kind: "cancel" | "retry", action: (client: StudioClient) => Promise<void>): Promise<void> {
    const client = this.client;
    if (!client || this.busy) return;
    this.busy = kind;
    this.actionError = "";
    try {
      await action(client);
    } catch (error) {
      const problem = toUserFacingError(error);
      this.actionError = problem.message;
      this.emit("error", { code: problem.code, message: problem.message });
    } finally {
      this.busy = null;
    }
  }

  private startTicker(): void {
    this.ticker ??= setInterval(() => (this.now = Date.now()), PROGRESS_TICK_MS);
  }

  private stopTicker(): void {
    clearInterval(this.ticker);
    this.ticker = undefined;
  }
}
