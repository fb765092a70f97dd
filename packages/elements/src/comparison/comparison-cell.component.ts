import { consume } from "@lit/context";
import type { ModelInfo } from "@pixorly/core";
import { formatCredits } from "../i18n/format.js";
import { msg, str } from "../i18n/localize.js";
import { html, nothing } from "lit";
import { property, state } from "lit/decorators.js";
import { styleMap } from "lit/directives/style-map.js";
import { PixorlyElement } from "../base/pixorly-element.js";
import { focusRing, hostStyles, visuallyHidden } from "../base/shared.styles.js";
import { api, type Job, type JobStatus } from "../client/api.js";
import { clientContext } from "../client/client-context.js";
import { jobErrorMessage, toUserFacingError } from "../client/errors.js";
import { QueryController, SKIP } from "../client/query-controller.js";
import type { StudioClient } from "../client/studio-client.js";
import { PixorlyImage } from "../image/image.component.js";
import { statusSentence } from "../job-status/job-progress.js";
import { formatDuration } from "../model-picker/format-duration.js";
import type { ImageSelectedDetail } from "../recent-results/recent-results.component.js";
import { downloadImage } from "../internal/save-file.js";
import { shownMessage } from "../internal/shown-error.js";
import type { OpenImageDetail } from "../library/library-events.js";
import styles from "./comparison-cell.styles.js";

/** What a cell shows: its job's status, or why there is none. */
export type ComparisonCellStatus = JobStatus | "loading" | "not-found" | "error" | "offline";

/** `pixorly-image-selected` from a comparison: the studio-wide fields plus the job and the model's info. */
export interface ComparisonImageSelectedDetail extends ImageSelectedDetail {
  job: Job;
  modelInfo: ModelInfo;
}

/**
 * @summary One model's cell in a comparison: its job's status, cost, duration and images to choose from.
 *
 * @csspart cell - The cell's box.
 * @csspart model - The model's name.
 * @csspart status - The job's status (a live region).
 * @csspart result - The area for the images (or the wait, or the error).
 * @csspart image-button - The button around each image that chooses it.
 * @csspart image - Each `<pixorly-image>`.
 * @csspart image-actions - The View and Download buttons under each image.
 * @csspart facts - Cost and duration.
 *
 * @cssproperty --pixorly-color-surface - Cell background.
 * @cssproperty --pixorly-color-surface-2 - The waiting area.
 * @cssproperty --pixorly-color-border - Cell border.
 * @cssproperty --pixorly-color-muted - Cost and duration labels.
 * @cssproperty --pixorly-color-accent - The chosen image's outline, the wait bar.
 * @cssproperty --pixorly-color-danger - Failure messages.
 *
 * @event pixorly-image-selected - An image was chosen. `detail: { image, imageId, jobId, model, job, modelInfo }`.
 * @event pixorly-open-image - "View" was pressed (the studio opens its lightbox). `detail: { images, index }`.
 */
export class PixorlyComparisonCell extends PixorlyElement {
  static override styles = [hostStyles, focusRing, visuallyHidden, styles];
  static override dependencies = { "pixorly-image": PixorlyImage };

  /** The model this cell's job runs on. */
  @property({ attribute: false }) model: ModelInfo | undefined;

  /** The job to follow. */
  @property({ attribute: "job-id" }) jobId = "";

  /** The image chosen in the whole comparison (marked as pressed when it is one of this cell's). */
  @property({ attribute: "selected-image-id" }) selectedImageId = "";

  /** What the cell shows, for styling (read-only). */
  @property({ reflect: true }) status: ComparisonCellStatus = "loading";

  @consume({ context: clientContext, subscribe: true })
  @state()
  private client: StudioClient | undefined;

  @state() private saving = false;
  @state() private downloadError = "";

  /** The job subscription. */
  readonly job = new QueryController(
    this,
    () => this.client,
    api.jobs.get,
    () => (this.jobId ? { jobId: this.jobId } : SKIP),
  );

  protected override willUpdate(): void {
    if (!this.client) this.status = "offline";
    else if (this.job.error) this.status = "error";
    else if (this.job.loading) this.status = "loading";
    else this.status = this.job.value?.status ?? "not-found";
  }

  override render() {
    const job = this.job.value ?? undefined;
    const name = this.model?.name ?? job?.model ?? "Model";
    return html`
      <article part="cell" class="cell" aria-labelledby="name">
        <header>
          <span id="name" part="model" class="name">${name}</span>
          <span part="status" class="status" role="status"><span class="visually-hidden">${name}: </span>${this.headline(job)}</span>
        </header>
        <div part="result" class="result">${this.renderResult(job, name)}</div>
        ${job ? this.renderFacts(job) : nothing}
        ${this.downloadError ? html`<p class="error" role="alert">${this.downloadError}</p>` : nothing}
      </article>
    `;
  }

  private headline(job: Job | undefined): string {
    switch (this.status) {
      case "offline":
        return "Not connected to Pixorly";
      case "loading":
        return msg("Loading…");
      case "not-found":
        return msg("Job not found");
      case "error":
        return toUserFacingError(this.job.error).message;
      default:
        return job ? statusSentence(job) : "";
    }
  }

  private renderResult(job: Job | undefined, name: string) {
    if (!job) return html`<div class="wait"></div>`;
    const ratio = { aspectRatio: `${job.parameters.width} / ${job.parameters.height}` };
    switch (job.status) {
      case "pending":
      case "processing":
        return html`<div class="wait" style=${styleMap(ratio)}>
          <div class="bar" role="progressbar" aria-label=${`${name} is generating`}><span></span></div>
        </div>`;
      case "failed":
        return html`<p class="error">${jobErrorMessage(job.error)}</p>`;
      case "cancelled":
        return html`<p class="note">${msg("This job was cancelled.")}</p>`;
      case "completed": {
        const count = job.resultImageIds.length;
        return html`<div class="images" style=${styleMap({ "--count": String(Math.min(count, 2)) })}>
          ${job.resultImageIds.map((imageId, index) => {
            const which = count > 1 ? `image ${index + 1} of ${count}` : "the image";
            return html`<div class="item">
              <button
                type="button"
                part="image-button"
                class="image"
                aria-pressed=${imageId === this.selectedImageId ? "true" : "false"}
                aria-label=${`Choose ${which} from ${name}`}
                @click=${(event: Event) => this.choose(job, event.currentTarget as HTMLElement)}
              >
                <pixorly-image part="image" image-id=${imageId} style=${styleMap(ratio)}></pixorly-image>
              </button>
              <div part="image-actions" class="image-actions">
                <button type="button" class="view" aria-label=${`View ${which} from ${name}`} @click=${() => this.view(index)}>${msg("View")}</button>
                <button type="button" class="download" aria-label=${`Download ${which} from ${name}`} ?disabled=${this.saving} @click=${() => void this.download(job, imageId)}>${msg("Download")}</button>
              </div>
            </div>`;
          })}
        </div>`;
      }
    }
  }

  private renderFacts(job: Job) {
    return html`<dl part="facts" class="facts">
      <div><dt>${msg("Cost")}</dt><dd>${costText(job)}</dd></div>
      <div><dt>${msg("Time")}</dt><dd>${durationText(job)}</dd></div>
    </dl>`;
  }

  /** Asks the studio to show this cell's images in the lightbox. */
  private view(index: number): void {
    const docs = [...this.renderRoot.querySelectorAll("pixorly-image")].map((image) => image.doc);
    const images = docs.filter((doc) => doc !== undefined);
    if (docs[index]) this.emit<OpenImageDetail>("open-image", { images, index: images.indexOf(docs[index]) });
  }

  private async download(job: Job, imageId: string): Promise<void> {
    const client = this.client;
    if (!client || this.saving) return;
    this.saving = true;
    this.downloadError = "";
    try {
      await downloadImage(client, { _id: imageId, prompt: job.prompt });
    } catch (error) {
      this.downloadError = shownMessage(error, toUserFacingError(error).message);
    } finally {
      this.saving = false;
    }
  }

  private choose(job: Job, button: HTMLElement): void {
    const image = button.querySelector("pixorly-image")?.doc;
    // The image's document arrives with its placeholder, before anything can be seen to choose.
    if (!image || !this.model) return;
    this.selectedImageId = image._id;
    this.emit<ComparisonImageSelectedDetail>("image-selected", {
      image,
      imageId: image._id,
      jobId: job._id,
      model: job.model,
      job,
      modelInfo: this.model,
    });
  }
}

function costText(job: Job): string {
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

/** How long the generation took (`completedAt − startedAt`); the wait in the queue does not count. */
function durationText(job: Job): string {
  if (job.startedAt !== undefined && job.completedAt !== undefined)
    return formatDuration(job.completedAt - job.startedAt);
  if (job.status === "pending") return msg("Waiting");
  if (job.status === "processing") return msg("Running");
  return "—";
}
