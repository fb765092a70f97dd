/** The "My presets" part of the prompt box: apply, delete and save the user's presets. */
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { MAX_PRESET_NAME_LENGTH, type CustomPreset } from './custom-presets.js';

export interface PresetsView {
  presets: readonly CustomPreset[];
  /** The name typed for the next preset. */
  name: string;
  /** The outcome of the last save or delete, for people. */
  notice: string;
  onName: (name: string) => void;
  onSave: () => void;
  onApply: (preset: CustomPreset) => void;
  onDelete: (preset: CustomPreset) => void;
}

export function renderPresets(view: PresetsView): TemplateResult {
  return html`
    <fieldset class="presets" part="presets">
      <legend>My presets</legend>
      ${view.presets.length > 0
        ? html`<ul class="preset-list">
            ${view.presets.map(
              (preset) => html`
                <li class="preset">
                  <button type="button" part="preset" @click=${() => view.onApply(preset)}>${preset.name}</button>
                  <button
                    type="button"
                    class="delete"
                    aria-label=${`Delete preset ${preset.name}`}
                    @click=${() => view.onDelete(preset)}
                  >
                    ×
                  </button>
                </li>
              `,
            )}
          </ul>`
        : html`<p class="hint">No saved presets yet.</p>`}
      <div class="save-row">
        <label for="preset-name">Preset name</label>
        <input
          id="preset-name"
          maxlength=${MAX_PRESET_NAME_LENGTH}
          .value=${live(view.name)}
          @input=${(event: Event) => view.onName((event.target as HTMLInputElement).value)}
          @keydown=${(event: KeyboardEvent) => {
            // Enter here saves the preset; it must not submit the prompt (Ctrl+Enter still does).
            if (event.key === 'Enter' && !event.ctrlKey && !event.metaKey) {
              event.preventDefault();
              view.onSave();
            }
          }}
        />
        <button type="button" @click=${view.onSave}>Save current settings</button>
      </div>
      <p class="notice" role="status">${view.notice || nothing}</p>
    </fieldset>
  `;
}
