/**
 * The lightbox's image-edit sections as templates (issue 16): the row of operations (each disabled
 * with its reason shown when no model offers it), the chain of images this one was made from, and
 * the mask editor that takes the stage's place while an area is edited.
 */
import type { ImageOperation } from "@pixorly/core";
import { html, nothing } from "lit";
import type { ImageDoc, LineageStep } from "../client/api.js";
import type { MaskExportDetail } from "../events/index.js";
import { msg } from "../i18n/localize.js";
import { exportParts } from "../internal/parts.js";
import type { ImageEditsController } from "./image-edits.js";

export interface ImageEditHandlers {
  variations: () => void;
  upscale: (scale: 2 | 4) => void;
  removeBackground: () => void;
  editArea: () => void;
}

export function operationName(operation: ImageOperation | undefined): string {
  switch (operation) {
    case "img2img":
      return msg("Image to image");
    case "variations":
      return msg("Variation");
    case "inpaint":
      return msg("Area repainted");
    case "upscale":
      return msg("Upscaled");
    case "remove-background":
      return msg("Background removed");
    default:
      return msg("Generated");
  }
}

export function imageEditActions(edits: ImageEditsController, image: ImageDoc, busy: boolean, on: ImageEditHandlers) {
  const variations = edits.modelFor("variations", image);
  const upscale2 = edits.modelFor("upscale", image, 2);
  const upscale4 = edits.modelFor("upscale", image, 4);
  const removeBackground = edits.modelFor("remove-background", image);
  const inpaint = edits.modelFor("inpaint", image);
  const reasons = [
    !variations ? msg("Variations: no model available here makes them.") : "",
    !upscale2 && !upscale4 ? msg("Upscale: no upscaling model is available.") : "",
    !removeBackground
      ? msg("Remove background: needs a provider model; none available removes backgrounds (not available offline).")
      : "",
    !inpaint ? msg("Edit area: no model available here repaints an area.") : "",
  ].filter(Boolean);
  return html`<section part="edit-actions" class="edit-actions" aria-labelledby="edit-actions-title">
    <h3 id="edit-actions-title">${msg("Make from this image")}</h3>
    <div class="edit-buttons">
      <button type="button" part="action variations-button" class="variations" ?disabled=${busy || !variations} aria-describedby="edit-reasons" @click=${on.variations}>
        ${msg("Variations")}
      </button>
      <button type="button" part="action upscale-button" class="upscale-2" ?disabled=${busy || !upscale2} aria-describedby="edit-reasons" @click=${() => on.upscale(2)}>
        ${msg("Upscale ×2")}
      </button>
      <button type="button" part="action upscale-button" class="upscale-4" ?disabled=${busy || !upscale4} aria-describedby="edit-reasons" @click=${() => on.upscale(4)}>
        ${msg("Upscale ×4")}
      </button>
      <button
        type="button"
        part="action remove-background-button"
        class="remove-background"
        ?disabled=${busy || !removeBackground}
        aria-describedby="edit-reasons"
        @click=${on.removeBackground}
      >
        ${msg("Remove background")}
      </button>
      <button
        type="button"
        part="action edit-area-button"
        class="edit-area"
        aria-pressed=${edits.editing ? "true" : "false"}
        ?disabled=${busy || !inpaint}
        aria-describedby="edit-reasons"
        @click=${on.editArea}
      >
        ${msg("Edit area")}
      </button>
    </div>
    <ul id="edit-reasons" part="edit-reason" class="edit-reasons">
      ${reasons.map((reason) => html`<li>${reason}</li>`)}
    </ul>
    ${
      edits.editing
        ? html`<label class="inpaint-prompt">
          <span>${msg("What to paint into the area")}</span>
          <textarea
            part="inpaint-prompt"
            rows="3"
            .value=${edits.inpaintPrompt}
            @input=${(event: Event) => (edits.inpaintPrompt = (event.target as HTMLTextAreaElement).value)}
          ></textarea>
        </label>`
        : nothing
    }
  </section>`;
}

export function lineageChain(steps: readonly LineageStep[] | undefined, openImage: (imageId: string) => void) {
  if (!steps || steps.length < 2) return nothing;
  const sources = steps.slice(1);
  return html`<section part="lineage" class="lineage" aria-labelledby="lineage-title">
    <h3 id="lineage-title">${msg("Made from")}</h3>
    <ol>
      ${sources.map((step, index) => {
        const madeBy = operationName(steps[index]!.operation);
        return html`<li>
          <span class="lineage-operation">${madeBy}</span>
          ${
            step.exists
              ? html`<button type="button" part="lineage-link" class="lineage-link" @click=${() => openImage(step.imageId)}>
                ${step.prompt || msg("Untitled image")}
              </button>`
              : html`<span class="lineage-gone">${msg("A deleted image")}</span>`
          }
        </li>`;
      })}
    </ol>
  </section>`;
}

/** The mask editor in the stage's place, for `image` at its real size. */
export function editStage(edits: ImageEditsController, image: ImageDoc, on: { inpaint: (mask: Blob) => void }) {
  const src = edits.editing?.src;
  return html`<div part="edit-area" class="stage edit-stage">
    ${
      src
        ? html`<pixorly-mask-editor
          part="mask-editor"
          exportparts=${exportParts("pixorly-lightbox", "mask-editor")}
          src=${src}
          alt=${image.prompt}
          image-width=${image.width}
          image-height=${image.height}
          @pixorly-mask-export=${(event: CustomEvent<MaskExportDetail>) => on.inpaint(event.detail.mask)}
          @pixorly-mask-cancel=${() => edits.cancelEdit()}
        ></pixorly-mask-editor>`
        : html`<p class="edit-loading" role="status">${msg("Opening the editor…")}</p>`
    }
  </div>`;
}
