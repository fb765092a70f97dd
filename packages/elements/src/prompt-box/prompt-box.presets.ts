/** The "My presets" part of the prompt box: apply, delete and save the user's presets (kept in their account). */
import { html, nothing, type TemplateResult } from "lit";
import { live } from "lit/directives/live.js";
import type { AccountPreset } from "../client/api.js";
import { msg, str } from "../i18n/localize.js";

export interface PresetsView {
  presets: readonly AccountPreset[];
  loading: boolean;
  /** Why the presets could not be listed ('' when they could). */
  loadError: string;
  /** The name typed for the next preset. */
  name: string;
  /** The outcome of the last save or delete, for people. */
  notice: string;
  noticeIsError: boolean;
  busy: boolean;
  maxName: number;
  onName: (name: string) => void;
  onSave: () => void;
  onApply: (preset: AccountPreset) => void;
  onDelete: (preset: AccountPreset) => void;
}

export function renderPresets(view: PresetsView): TemplateResult {
  return html`
    <fieldset class="presets" part="presets">
      <legend>${msg("My presets")}</legend>
      ${
        view.loadError
          ? html`<p class="hint error">${view.loadError}</p>`
          : view.loading
            ? html`<p class="hint">${msg("Loading presets…")}</p>`
            : view.presets.length > 0
              ? html`<ul class="preset-list">
                ${view.presets.map(
                  (preset) => html`
                    <li class="preset">
                      <button type="button" part="preset" title=${`${preset.model}`} @click=${() => view.onApply(preset)}>${preset.name}</button>
                      <button
                        type="button"
                        class="delete"
                        aria-label=${msg(str`Delete preset ${preset.name}`)}
                        ?disabled=${view.busy}
                        @click=${() => view.onDelete(preset)}
                      >
                        ×
                      </button>
                    </li>
                  `,
                )}
              </ul>`
              : html`<p class="hint">${msg("No saved presets yet. They are kept in your account, on every device.")}</p>`
      }
      <div class="save-row">
        <label for="preset-name">${msg("Preset name")}</label>
        <input
          id="preset-name"
          autocomplete="off"
          aria-invalid=${view.noticeIsError ? "true" : "false"}
          aria-describedby="preset-notice"
          .value=${live(view.name)}
          @input=${(event: Event) => view.onName((event.target as HTMLInputElement).value)}
          @keydown=${(event: KeyboardEvent) => {
            // Enter here saves the preset; it must not submit the prompt (Ctrl+Enter still does).
            if (event.key === "Enter" && !event.ctrlKey && !event.metaKey) {
              event.preventDefault();
              view.onSave();
            }
          }}
        />
        <button type="button" class="save-preset" ?disabled=${view.busy} @click=${view.onSave}>${msg("Save current settings")}</button>
      </div>
      <p id="preset-notice" class="notice" ?data-error=${view.noticeIsError} role="status">${view.notice || nothing}</p>
    </fieldset>
  `;
}
