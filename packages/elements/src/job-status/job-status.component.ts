import { consume } from "@lit/context";
import type { ModelInfo } from "@pixorly/core";
import { formatCredits } from "../i18n/format.js";
import { html, nothing, type PropertyValues } from "lit";
import { property, state } from "lit/decorators.js";
import { PixorlyElement } from "../base/pixorly-element.js";
import { buttonStyles, focusRing, hostStyles, skeletonStyles, visuallyHidden } from "../base/shared.styles.js";
import { api, type Job } from "../client/api.js";
import { clientContext } from "../client/client-context.js";
import { toUserFacingError } from "../client/errors.js";
import { QueryController, SKIP } from "../client/query-controller.js";
import type { StudioClient } from "../client/studio-client.js";
import { PixorlyImage } from "../image/image.component.js";
import { msg, str } from "../i18n/localize.js";
import { durationRange, estimateProgress } from "./job-progress.js";
import { jobActions, jobErrorText, jobGenerationTime, JobViewController, type JobViewState } from "./job-view.js";
import { exportParts } from "../internal/parts.js";
import styles from "./job-status.styles.js";

/** What the element shows: a job status, or why there is none (never `offline`: without a client it is `loading`). */
export type JobStatusView = Exclude<JobViewState, "offline">;

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
 * @csspart image-* - The parts of each result's `<pixorly-image>`, re-exported with the prefix `image-` (`image-base`, `image-placeholder`, `image-image`).
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
 * @event {JobEventDetail} pixorly-job-completed - The job finished with images.
 * @event {JobFailedDetail} pixorly-job-failed - The job failed.
 * @event {JobCreatedDetail} pixorly-job-created - Retry started a new job (the element then follows it); `retryOf` is the job it replaces.
 * @event {OpenImageDetail} pixorly-open-image - A result was chosen to be seen large (the studio opens its lightbox).
 * @event {PixorlyErrorDetail} pixorly-error - Cancel, retry or a download failed.
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
  @state() private now = Date.now();

  /** The job's state, headline and shared actions (./job-view.ts, also the comparison cell's). */
  private readonly view = new JobViewController(this, {
    client: () => this.client,
    jobId: () => this.jobId,
    whenDisconnected: "loading",
  });

  /** The job subscription (public for tests and the latency benchmark). */
  readonly job = this.view.job;
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
    this.status = this.view.state as JobStatusView;
    if (this.status === "processing") this.startTicker();
    else this.stopTicker();
  }

  protected override updated(): void {
    const job = this.job.value;
    if (!job || this.announced.has(job._id)) return;
    if (job.status === "completed") {
      this.announced.add(job._id);
      this.emit("job-completed", { jobId: job._id, job });
    } else if (job.status === "failed") {
      this.announced.add(job._id);
      const error = { code: job.error?.code ?? "INTERNAL", message: jobErrorText(job) };
      this.emit("job-failed", { jobId: job._id, job, error });
    }
  }

  override render() {
    const job = this.job.value ?? undefined;
    return html`
      <div part="base" class="card">
        <p part="status" class=${this.status === "loading" ? "status visually-hidden" : "status"} role="status">${this.view.headline()}</p>
        ${job ? this.renderJob(job) : this.status === "loading" ? this.renderSkeleton() : nothing}
        <p part="error" class="error" role="alert">${this.actionError}</p>
      </div>
    `;
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
      ${job.status === "failed" ? html`<p part="error" class="error">${jobErrorText(job)}</p>` : nothing}
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
    const time = jobGenerationTime(job);
    return html` · ${formatCredits(job.actualCost ?? job.reservedCredits)}${time ? html` · ${time}` : nothing}`;
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
              <pixorly-image part="image" exportparts=${exportParts("pixorly-job-status", "image")} image-id=${imageId}></pixorly-image>
            </button>
            <button part="download" type="button" aria-label=${save} ?disabled=${this.view.saving} @click=${() => void this.download(job, imageId)}>${msg("Download")}</button>
          </li>`;
        })}
      </ul>
    `;
  }

  /** Asks the studio to show the results in the lightbox, from the one chosen. */
  private openImage(index: number): void {
    const detail = this.view.openImageDetail(index);
    if (detail) this.emit("open-image", detail);
  }

  /** Saves the original as a file; a failure is shown on the card and emitted. */
  private async download(job: Job, imageId: string): Promise<void> {
    this.actionError = "";
    const problem = await this.view.download(job, imageId);
    if (!problem) return;
    this.actionError = problem.message;
    this.emit("error", problem);
  }

  private renderActions(job: Job) {
    const { cancel: active, retry: retryable } = jobActions(job);
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
