/**
 * The lightbox's tag editor as a template: the image's tags (each with a remove button), a field
 * to add one, the count against the limit, and the last refusal. The element checks and sends.
 */
import { LIBRARY_LIMITS } from "@pixorly/core";
import { html, nothing } from "lit";
import { live } from "lit/directives/live.js";
import { msg, str } from "../i18n/localize.js";

export interface TagEditorState {
  tags: readonly string[];
  draft: string;
  error: string;
  busy: boolean;
}

export interface TagEditorHandlers {
  draft: (text: string) => void;
  add: () => void;
  remove: (tag: string) => void;
}

export function tagEditor(state: TagEditorState, on: TagEditorHandlers) {
  const max = LIBRARY_LIMITS.tagsPerImage;
  const full = state.tags.length >= max;
  return html`<section part="tags" class="tags" aria-labelledby="tags-heading">
    <h3 id="tags-heading">${msg("Tags")} <span class="tag-count">${state.tags.length} / ${max}</span></h3>
    ${
      state.tags.length > 0
        ? html`<ul class="tag-list">
          ${state.tags.map(
            (tag) => html`<li part="tag" class="tag">
              <span>${tag}</span>
              <button type="button" class="remove-tag" aria-label=${msg(str`Remove tag ${tag}`)} ?disabled=${state.busy} @click=${() => on.remove(tag)}>×</button>
            </li>`,
          )}
        </ul>`
        : html`<p class="hint">${msg("No tags yet.")}</p>`
    }
    <form
      class="tag-form"
      @submit=${(event: SubmitEvent) => {
        event.preventDefault();
        on.add();
      }}
    >
      <label for="tag-input" class="visually-hidden">${msg("Add a tag")}</label>
      <input
        id="tag-input"
        autocomplete="off"
        placeholder=${full ? msg("Tag limit reached") : msg("Add a tag")}
        aria-describedby="tag-hint tag-error"
        aria-invalid=${state.error ? "true" : "false"}
        ?disabled=${full}
        .value=${live(state.draft)}
        @input=${(event: Event) => on.draft((event.target as HTMLInputElement).value)}
      />
      <button type="submit" class="add-tag" ?disabled=${state.busy || full}>${msg("Add")}</button>
    </form>
    <p id="tag-hint" class="hint">
      ${
        full
          ? msg(str`${max} tags, the most an image can have. Remove one to add another.`)
          : msg(str`Up to ${max} tags of ${LIBRARY_LIMITS.tag.maxLength} characters; stored in lower case.`)
      }
    </p>
    <p id="tag-error" class="error" role="alert">${state.error || nothing}</p>
  </section>`;
}
