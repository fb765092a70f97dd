import { consume } from "@lit/context";
import type { ModelInfo } from "@pixorly/core";
import { msg } from "../i18n/localize.js";
import { html, nothing } from "lit";
import { property, state } from "lit/decorators.js";
import { styleMap } from "lit/directives/style-map.js";
import { PixorlyElement } from "../base/pixorly-element.js";
import { focusRing, hostStyles, visuallyHidden } from "../base/shared.styles.js";
import type { Job } from "../client/api.js";
import { clientContext } from "../client/client-context.js";
import type { StudioClient } from "../client/studio-client.js";
import { PixorlyImage } from "../image/image.component.js";
import {
  jobCostText,
  jobErrorText,
  jobTimeText,
  JobViewController,
  type JobViewState,
} from "../job-status/job-view.js";
import { exportParts } from "../internal/parts.js";
import styles from "./comparison-cell.styles.js";

/** What a cell shows: its job's status, or why there is none (`offline` without a client). */
export type ComparisonCellStatus = Exclude<JobViewState, "idle">;

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
 * @csspart image-* - The parts of each `<pixorly-image>`, re-exported with the prefix `image-` (`image-base`, `image-placeholder`, `image-image`).
 *
 * @cssproperty --pixorly-color-surface - Cell background.
 * @cssproperty --pixorly-color-surface-2 - The waiting area.
 * @cssproperty --pixorly-color-border - Cell border.
 * @cssproperty --pixorly-color-muted - Cost and duration labels.
 * @cssproperty --pixorly-color-accent - The chosen image's outline, the wait bar.
 * @cssproperty --pixorly-color-danger - Failure messages.
 *
 * @event {ComparisonImageSelectedDetail} pixorly-image-selected - An image was chosen.
 * @event {OpenImageDetail} pixorly-open-image - "View" was pressed (the studio opens its lightbox).
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

  @state() private downloadError = "";

  /** The job's state, headline and shared actions (the job card's, ../job-status/job-view.ts). */
  private readonly view = new JobViewController(this, {
    client: () => this.client,
    jobId: () => this.jobId,
    whenDisconnected: "offline",
  });

  /** The job subscription. */
  readonly job = this.view.job;

  protected override willUpdate(): void {
    const state = this.view.state;
    this.status = state === "idle" ? "not-found" : state;
  }

  override render() {
    const job = this.job.value ?? undefined;
    const name = this.model?.name ?? job?.model ?? "Model";
    return html`
      <article part="cell" class="cell" aria-labelledby="name">
        <header>
          <span id="name" part="model" class="name">${name}</span>
          <span part="status" class="status" role="status"><span class="visually-hidden">${name}: </span>${this.view.headline()}</span>
        </header>
        <div part="result" class="result">${this.renderResult(job, name)}</div>
        ${job ? this.renderFacts(job) : nothing}
        ${this.downloadError ? html`<p class="error" role="alert">${this.downloadError}</p>` : nothing}
      </article>
    `;
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
        return html`<p class="error">${jobErrorText(job)}</p>`;
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
                <pixorly-image part="image" exportparts=${exportParts("pixorly-comparison-cell", "image")} image-id=${imageId} style=${styleMap(ratio)}></pixorly-image>
              </button>
              <div part="image-actions" class="image-actions">
                <button type="button" class="view" aria-label=${`View ${which} from ${name}`} @click=${() => this.openImage(index)}>${msg("View")}</button>
                <button type="button" class="download" aria-label=${`Download ${which} from ${name}`} ?disabled=${this.view.saving} @click=${() => void this.download(job, imageId)}>${msg("Download")}</button>
              </div>
            </div>`;
          })}
        </div>`;
      }
    }
  }

  private renderFacts(job: Job) {
    return html`<dl part="facts" class="facts">
      <div><dt>${msg("Cost")}</dt><dd>${jobCostText(job)}</dd></div>
      <div><dt>${msg("Time")}</dt><dd>${jobTimeText(job)}</dd></div>
    </dl>`;
  }

  /** Asks the studio to show this cell's images in the lightbox. */
  private openImage(index: number): void {
    const detail = this.view.openImageDetail(index);
    if (detail) this.emit("open-image", detail);
  }

  /** Saves one image as a file; a failure is shown in the cell. */
  private async download(job: Job, imageId: string): Promise<void> {
    this.downloadError = "";
    this.downloadError = (await this.view.download(job, imageId))?.message ?? "";
  }

  private choose(job: Job, button: HTMLElement): void {
    const image = button.querySelector("pixorly-image")?.doc;
    // The image's document arrives with its placeholder, before anything can be seen to choose.
    if (!image || !this.model) return;
    this.selectedImageId = image._id;
    this.emit("image-selected", {
      image,
      imageId: image._id,
      jobId: job._id,
      model: job.model,
      job,
      modelInfo: this.model,
    });
  }
}
