/**
 * The lightbox's metadata panel: what made the image (prompt, model, parameters) and what it
 * cost, from the image document first and its job for what the image does not carry.
 */
import type { ModelInfo } from "@pixorly/core";
import { html, nothing } from "lit";
import type { ImageDoc, Job } from "../client/api.js";
import { formatCredits } from "../i18n/format.js";
import { currentLocale, msg, str } from "../i18n/localize.js";
import { formatDuration } from "../model-picker/format-duration.js";

/** One row of the panel; `copy` rows get a copy button. */
export interface MetadataRow {
  key: string;
  label: string;
  value: string;
  copy?: boolean;
}

/** The rows to show, in reading order; rows without a value are left out. */
export function metadataRows(image: ImageDoc, job: Job | undefined, model: ModelInfo | undefined): MetadataRow[] {
  const parameters = { ...job?.parameters, ...image.parameters };
  // A job's cost covers all its images: each image's share when it divides evenly (credits are whole), else the job's.
  const jobCost = job?.status === "completed" ? (job.actualCost ?? job.reservedCredits) : undefined;
  const count = Math.max(1, job?.parameters.numImages ?? 1);
  const perImage = jobCost !== undefined && jobCost % count === 0;
  const cost = jobCost === undefined ? undefined : perImage ? jobCost / count : jobCost;
  const costLabel = perImage ? msg("Cost") : msg(str`Cost (all ${count} images)`);
  const duration =
    job?.startedAt !== undefined && job.completedAt !== undefined
      ? formatDuration(job.completedAt - job.startedAt)
      : "";
  const rows: MetadataRow[] = [
    { key: "prompt", label: msg("Prompt"), value: image.prompt, copy: true },
    { key: "negativePrompt", label: msg("Negative prompt"), value: job?.negativePrompt ?? "", copy: true },
    { key: "model", label: msg("Model"), value: model?.name ?? image.model },
    { key: "seed", label: msg("Seed"), value: String(image.seed ?? parameters.seed ?? ""), copy: true },
    { key: "steps", label: msg("Steps"), value: parameters.steps === undefined ? "" : String(parameters.steps) },
    {
      key: "guidance",
      label: msg("Guidance"),
      value: parameters.guidance === undefined ? "" : String(parameters.guidance),
    },
    { key: "size", label: msg("Size"), value: `${image.width} × ${image.height}` },
    { key: "cost", label: costLabel, value: cost === undefined ? "" : formatCredits(cost) },
    { key: "duration", label: msg("Duration"), value: duration },
    { key: "date", label: msg("Created"), value: new Date(image._creationTime).toLocaleString(currentLocale()) },
  ];
  return rows.filter((row) => row.value !== "");
}

/** The panel as a description list; `onCopy` runs with the row whose copy button was pressed. */
export function metadataPanel(rows: readonly MetadataRow[], onCopy: (row: MetadataRow) => void) {
  return html`<dl part="metadata" class="metadata">
    ${rows.map(
      (row) => html`<div class="row" data-key=${row.key}>
        <dt>${row.label}</dt>
        <dd>
          <span class="value">${row.value}</span>
          ${
            row.copy
              ? html`<button type="button" part="copy-button" class="copy" aria-label=${msg(str`Copy ${row.label}`)} @click=${() => onCopy(row)}>
                ${msg("Copy")}
              </button>`
              : nothing
          }
        </dd>
      </div>`,
    )}
  </dl>`;
}
