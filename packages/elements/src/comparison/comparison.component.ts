import type { ModelInfo } from "@pixorly/core";
import { html } from "lit";
import { property } from "lit/decorators.js";
import { repeat } from "lit/directives/repeat.js";
import { PixorlyElement } from "../base/pixorly-element.js";
import { msg, str } from "../i18n/localize.js";
import { hostStyles } from "../base/shared.styles.js";
import { PixorlyComparisonCell } from "./comparison-cell.component.js";
import { exportParts } from "../internal/parts.js";
import styles from "./comparison.styles.js";

/** One model's job in a comparison (the studio creates one per chosen model, all for the same prompt). */
export interface ComparisonRun {
  model: ModelInfo;
  jobId: string;
}

/**
 * @summary One prompt on several models, side by side: each cell fills in as its job completes.
 *
 * Needs the studio's client (it sits inside `<pixorly-studio>`, or a page provides `clientContext`).
 *
 * @csspart cells - The list of cells.
 * @csspart cell - Each `<pixorly-comparison-cell>`.
 * @csspart message - What is shown when there is nothing to compare.
 * @csspart cell-* - The parts of each `<pixorly-comparison-cell>`, re-exported with the prefix `cell-` (`cell-status`, `cell-image-image`, …).
 *
 * @cssproperty --pixorly-comparison-cell-min-width - Narrowest a cell gets before cells stack (15rem).
 * @cssproperty --pixorly-color-border - Cell borders.
 * @cssproperty --pixorly-color-accent - The chosen image's outline.
 * @cssproperty --pixorly-space - Gap between cells.
 *
 * @event {ComparisonImageSelectedDetail} pixorly-image-selected - An image was chosen (click, Enter or Space).
 */
export class PixorlyComparison extends PixorlyElement {
  static override styles = [hostStyles, styles];
  static override dependencies = { "pixorly-comparison-cell": PixorlyComparisonCell };

  /** The jobs to show, one per model, in the order the models were chosen. */
  @property({ attribute: false }) runs: ComparisonRun[] = [];

  /** The chosen image's id (set when a person chooses one; the studio may set it too). */
  @property({ attribute: "selected-image-id" }) selectedImageId = "";

  constructor() {
    super();
    // Cells emit the (composed) event themselves; the comparison only remembers the choice.
    this.addEventListener("pixorly-image-selected", (event) => {
      this.selectedImageId = event.detail.imageId;
    });
  }

  override render() {
    if (this.runs.length === 0) {
      return html`<p class="message" part="message">${msg("Choose models and a prompt to compare them side by side.")}</p>`;
    }
    return html`<ul part="cells" class="cells" aria-label=${msg(str`Comparison of ${this.runs.length} models`)}>
      ${repeat(
        this.runs,
        (run) => run.jobId,
        (run) => html`<li>
          <pixorly-comparison-cell
            part="cell"
            exportparts=${exportParts("pixorly-comparison", "cell")}
            .model=${run.model}
            job-id=${run.jobId}
            selected-image-id=${this.selectedImageId}
          ></pixorly-comparison-cell>
        </li>`,
      )}
    </ul>`;
  }
}
