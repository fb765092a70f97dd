/**
 * The prompt box's inputs as templates. Each input names its message with
 * `aria-describedby` and marks itself `aria-invalid` while the message shows.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { SizeOption } from './size-options.js';

const count = (value: number) => value.toLocaleString('en');

/** The `aria-describedby` of an input: its hint and, while there is one, its message. */
export function describedBy(id: string, error: string | undefined, hint = true): string | typeof nothing {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : nothing;
}

export function fieldError(id: string, message: string | undefined): TemplateResult | typeof nothing {
  return message ? html`<p id=${`${id}-error`} class="error" part="field-error">${message}</p>` : nothing;
}

export interface TextFieldOptions {
  id: string;
  label: string;
  value: string;
  maxLength: number;
  rows: number;
  placeholder: string;
  readonly: boolean;
  error?: string;
  onInput: (value: string) => void;
  /** Shown after the label, on the same line (the mode toggle). */
  beside?: TemplateResult;
  part: string;
  keyShortcuts?: string;
}

/** A textarea with a live character counter against the core limit. */
export function textField(o: TextFieldOptions): TemplateResult {
  const length = o.value.trim().length;
  return html`
    <div class="field">
      <div class="label-row">
        <label for=${o.id}>${o.label}</label>
        ${o.beside ?? nothing}
      </div>
      <textarea
        id=${o.id}
        part=${o.part}
        rows=${o.rows}
        placeholder=${o.placeholder}
        .value=${live(o.value)}
        ?readonly=${o.readonly}
        aria-invalid=${o.error ? 'true' : 'false'}
        aria-describedby=${describedBy(o.id, o.error)}
        aria-keyshortcuts=${o.keyShortcuts ?? nothing}
        @input=${(event: Event) => o.onInput((event.target as HTMLTextAreaElement).value)}
      ></textarea>
      <p id=${`${o.id}-hint`} class="counter" part="counter" ?data-over=${length > o.maxLength}>
        ${count(length)} / ${count(o.maxLength)} characters
      </p>
      ${fieldError(o.id, o.error)}
    </div>
  `;
}

export interface NumberFieldOptions {
  id: string;
  label: string;
  /** The input's text; '' is "the model's default". Text that is not a number shows as empty. */
  value: string;
  min: number;
  max: number;
  step: number;
  placeholder: string;
  error?: string;
  onInput: (value: string) => void;
  /** A control after the input (the seed's Randomize button). */
  after?: TemplateResult;
}

/** A number input with its range as a hint. */
export function numberField(o: NumberFieldOptions): TemplateResult {
  // Text a number input cannot hold (what was typed when `badInput`) is kept as
  // "invalid" in the values so validation can say so; the input keeps the user's text.
  const shown = o.value === '' || Number.isNaN(Number(o.value)) ? '' : o.value;
  return html`
    <div class="field">
      <label for=${o.id}>${o.label}</label>
      <div class="with-action">
        <input
          id=${o.id}
          type="number"
          inputmode="decimal"
          min=${o.min}
          max=${o.max}
          step=${o.step}
          placeholder=${o.placeholder}
          .value=${live(shown)}
          aria-invalid=${o.error ? 'true' : 'false'}
          aria-describedby=${describedBy(o.id, o.error)}
          @input=${(event: Event) => {
            const input = event.target as HTMLInputElement;
            o.onInput(input.validity.badInput ? 'invalid' : input.value);
          }}
        />
        ${o.after ?? nothing}
      </div>
      <p id=${`${o.id}-hint`} class="hint">${count(o.min)}–${count(o.max)}</p>
      ${fieldError(o.id, o.error)}
    </div>
  `;
}

export interface SizeFieldOptions {
  sizes: readonly SizeOption[];
  value: string;
  error?: string;
  onChange: (sizeId: string) => void;
}

/** The size presets as one radio group (arrow keys move between them natively). */
export function sizeField(o: SizeFieldOptions): TemplateResult {
  return html`
    <fieldset
      class="field sizes"
      part="sizes"
      role="radiogroup"
      aria-invalid=${o.error ? 'true' : 'false'}
      aria-describedby=${describedBy('size', o.error, false)}
    >
      <legend>Size</legend>
      <div class="chips">
        ${o.sizes.map(
          (size) => html`
            <label class="chip" part="size-option">
              <input
                type="radio"
                name="size"
                .checked=${live(size.id === o.value)}
                @change=${() => o.onChange(size.id)}
              />
              <span class="chip-label">${size.label}</span>
              <span class="dims">${size.width}×${size.height}</span>
            </label>
          `,
        )}
      </div>
      ${fieldError('size', o.error)}
    </fieldset>
  `;
}

export interface ImageCountFieldOptions {
  value: number;
  min: number;
  max: number;
  error?: string;
  onChange: (count: number) => void;
}

export function imageCountField(o: ImageCountFieldOptions): TemplateResult {
  const counts = Array.from({ length: o.max - o.min + 1 }, (_, index) => o.min + index);
  return html`
    <div class="field">
      <label for="num-images">Images</label>
      <select
        id="num-images"
        aria-invalid=${o.error ? 'true' : 'false'}
        aria-describedby=${describedBy('num-images', o.error, false)}
        @change=${(event: Event) => o.onChange(Number((event.target as HTMLSelectElement).value))}
      >
        ${counts.map((n) => html`<option value=${n} ?selected=${n === o.value}>${n}</option>`)}
      </select>
      ${fieldError('num-images', o.error)}
    </div>
  `;
}
