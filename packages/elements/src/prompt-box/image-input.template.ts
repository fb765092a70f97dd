/**
 * The prompt box's image input as one template: the drop zone with its file and library buttons,
 * the preview with its upload progress and remove button, the library picker, and the operation's
 * settings (strength, scale). The controller (`image-input.ts`) keeps the state and does the work.
 */
import type { ImageInputCapability, ImageOperation } from "@pixorly/core";
import { html, nothing } from "lit";
import { toUserFacingError } from "../client/errors.js";
import { msg, str } from "../i18n/localize.js";
import type { ImageInputController } from "./image-input.js";

const ACCEPT = "image/png,image/jpeg,image/webp";

function operationLabel(operation: ImageOperation): string {
  switch (operation) {
    case "img2img":
      return msg("Image to image");
    case "variations":
      return msg("Variations");
    case "upscale":
      return msg("Upscale");
    default:
      return operation;
  }
}

export function imageInputSection(input: ImageInputController, capability: ImageInputCapability) {
  const chosen = input.chosen;
  const operations = input.operations;
  const operation = operations.includes(input.operation) ? input.operation : operations[0];
  const pickFile = (event: Event) => {
    const field = event.target as HTMLInputElement;
    const file = field.files?.[0];
    field.value = "";
    if (file) void input.useFile(file);
  };
  return html`<fieldset part="image-input" class="image-input" aria-describedby="image-input-hint image-input-error">
    <legend>${capability.required ? msg("Image") : msg("Start from an image (optional)")}</legend>
    ${
      chosen
        ? preview(input)
        : html`<div
          part="drop-zone"
          class="drop-zone"
          ?data-dragging=${input.dragging}
          @dragover=${(event: DragEvent) => {
            event.preventDefault();
            if (!input.dragging) input.update({ dragging: true });
          }}
          @dragleave=${() => input.update({ dragging: false })}
          @drop=${(event: DragEvent) => {
            event.preventDefault();
            input.update({ dragging: false });
            const file = event.dataTransfer?.files[0];
            if (file) void input.useFile(file);
          }}
        >
          <p id="image-input-hint" class="hint">${msg("Drop or paste a PNG, JPEG or WebP image (up to 50 MB), or")}</p>
          <input id="image-file" type="file" accept=${ACCEPT} hidden @change=${pickFile} />
          <button
            type="button"
            part="image-file-button"
            class="image-file-button"
            @click=${(event: Event) => ((event.target as HTMLElement).getRootNode() as ShadowRoot).getElementById("image-file")?.click()}
          >
            ${msg("Choose a file")}
          </button>
          <button
            type="button"
            part="library-button"
            class="library-button"
            aria-expanded=${input.libraryOpen ? "true" : "false"}
            aria-controls="library-picker"
            @click=${() => input.update({ libraryOpen: !input.libraryOpen })}
          >
            ${msg("From library")}
          </button>
        </div>`
    }
    ${input.libraryOpen && !chosen ? libraryPicker(input) : nothing}
    <p id="image-input-error" class="error" part="field-error" role="alert">${input.error}</p>
    ${chosen && operations.length > 1 ? operationChoice(input, operations, operation) : nothing}
    ${
      chosen && (operation === "img2img" || operation === "variations") && capability.strength
        ? strengthField(input, capability.strength)
        : nothing
    }
    ${chosen && operation === "upscale" && capability.scales ? scaleChoice(input, capability.scales) : nothing}
  </fieldset>`;
}

function preview(input: ImageInputController) {
  const chosen = input.chosen!;
  const uploading = chosen.source === "file" && chosen.inputId === undefined;
  const name = chosen.source === "file" ? chosen.name : chosen.image.prompt;
  return html`<div part="image-preview" class="image-preview">
    ${
      chosen.source === "file"
        ? html`<img class="thumbnail" src=${chosen.previewUrl} alt=${msg(str`Chosen image: ${name}`)} />`
        : html`<pixorly-image class="thumbnail" .image=${chosen.image} request-width="160" alt=${msg(str`Chosen image: ${name}`)}></pixorly-image>`
    }
    <div class="preview-text">
      <span class="preview-name">${name}</span>
      ${
        uploading
          ? html`<label class="progress">
            <span>${msg(str`Uploading… ${Math.round((chosen.source === "file" ? chosen.progress : 0) * 100)} %`)}</span>
            <progress part="upload-progress" max="1" .value=${chosen.source === "file" ? chosen.progress : 0}></progress>
          </label>`
          : html`<span class="hint">${chosen.source === "file" ? msg("Uploaded.") : msg("From your library.")}</span>`
      }
    </div>
    <button type="button" part="remove-image" class="remove-image" @click=${() => input.remove()}>
      ${uploading ? msg("Cancel upload") : msg("Remove image")}
    </button>
  </div>`;
}

function libraryPicker(input: ImageInputController) {
  const library = input.library;
  const images = library.value?.page ?? [];
  return html`<div id="library-picker" part="library-picker" class="library-picker" role="group" aria-label=${msg("Your recent images")}>
    ${
      library.error
        ? html`<p class="error">${toUserFacingError(library.error).message}</p>`
        : !library.value
          ? html`<p class="hint">${msg("Loading your images…")}</p>`
          : images.length === 0
            ? html`<p class="hint">${msg("Your library is empty. Generate an image first.")}</p>`
            : html`<ul>
              ${images.map(
                (image) =>
                  html`<li>
                    <button type="button" class="library-choice" aria-label=${msg(str`Use “${image.prompt}”`)} @click=${() => input.useImage(image)}>
                      <pixorly-image .image=${image} request-width="160" alt=""></pixorly-image>
                    </button>
                  </li>`,
              )}
            </ul>`
    }
  </div>`;
}

function operationChoice(
  input: ImageInputController,
  operations: ImageOperation[],
  current: ImageOperation | undefined,
) {
  return html`<div class="chips" role="radiogroup" aria-label=${msg("What to do with the image")}>
    ${operations.map(
      (operation) =>
        html`<label class="chip">
          <input
            type="radio"
            name="image-operation"
            value=${operation}
            .checked=${operation === current}
            @change=${() => input.update({ operation })}
          />
          <span>${operationLabel(operation)}</span>
        </label>`,
    )}
  </div>`;
}

function strengthField(input: ImageInputController, range: NonNullable<ImageInputCapability["strength"]>) {
  const value = input.strength ?? range.default ?? 0.6;
  return html`<label class="strength">
    <span>${msg("Strength")}</span>
    <input
      part="strength"
      class="strength-input"
      type="range"
      min=${range.min}
      max=${range.max}
      step="0.05"
      .value=${String(value)}
      aria-describedby="strength-hint"
      @input=${(event: Event) => input.update({ strength: Number((event.target as HTMLInputElement).value) })}
    />
    <output>${value.toFixed(2)}</output>
    <span id="strength-hint" class="hint">${msg("Low keeps close to the image; high lets the prompt change more.")}</span>
  </label>`;
}

function scaleChoice(input: ImageInputController, scales: readonly (2 | 4)[]) {
  const current = input.scale ?? scales[0];
  return html`<div class="chips" role="radiogroup" aria-label=${msg("Upscale by")}>
    ${scales.map(
      (scale) =>
        html`<label class="chip">
          <input type="radio" name="image-scale" value=${scale} .checked=${scale === current} @change=${() => input.update({ scale })} />
          <span>×${scale}</span>
        </label>`,
    )}
  </div>`;
}
