/**
 * The prompt box's inputs as templates. Each input names its message with
 * `aria-describedby` and marks itself `aria-invalid` while the message shows.
 */
import { html, nothing, type TemplateResult } from "lit";
import { live } from "lit/directives/live.js";
import { formatNumber } from "../i18n/format.js";
import { msg, str } from "../i18n/localize.js";
import { localizedFieldMessage } from "./field-messages.js";
import { CUSTOM_SIZE_ID, type SizeOption } from "./size-options.js";

const count = (value: number) => formatNumber(value);

/** The `aria-describedby` of an input: its hint and, while there is one, its message. */
export function describedBy(id: string, error: string | undefined, hint = true): string | typeof nothing {
  const ids = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean);
  return ids.length > 0 ? ids.join(" ") : nothing;
}

export function fieldError(id: string, message: string | undefined): TemplateResult | typeof nothing {
  return message
    ? html`<p id=${`${id}-error`} class="error" part="field-error">${localizedFieldMessage(message)}</p>`
    : nothing;
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
        aria-invalid=${o.error ? "true" : "false"}
        aria-describedby=${describedBy(o.id, o.error)}
        aria-keyshortcuts=${o.keyShortcuts ?? nothing}
        @input=${(event: Event) => o.onInput((event.target as HTMLTextAreaElement).value)}
      ></textarea>
      <p id=${`${o.id}-hint`} class="counter" part="counter" ?data-over=${length > o.maxLength}>
        ${msg(str`${count(length)} / ${count(o.maxLength)} characters`)}
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
  const shown = o.value === "" || Number.isNaN(Number(o.value)) ? "" : o.value;
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
          aria-invalid=${o.error ? "true" : "false"}
          aria-describedby=${describedBy(o.id, o.error)}
          @input=${(event: Event) => {
            const input = event.target as HTMLInputElement;
            o.onInput(input.validity.badInput ? "invalid" : input.value);
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
  /** The custom size: its inputs' text and limits (shown while "Custom" is chosen). */
  custom: {
    width: string;
    height: string;
    minWidth: number;
    maxWidth: number;
    minHeight: number;
    maxHeight: number;
    multiple: number;
    onInput: (side: "customWidth" | "customHeight", value: string) => void;
  };
}

/** A small box drawn in the ratio's shape, so the chips are told apart at a glance. */
function ratioGlyph(width: number, height: number): TemplateResult {
  const scale = 18 / Math.max(width, height);
  return html`<span class="glyph" aria-hidden="true"
    ><span style=${`width:${Math.max(6, Math.round(width * scale))}px;height:${Math.max(6, Math.round(height * scale))}px`}></span
  ></span>`;
}

/**
 * The sizes as one radio group (arrow keys move between them natively): each aspect ratio the
 * model takes, then "Custom", which shows width and height inputs within the model's limits.
 */
export function sizeField(o: SizeFieldOptions): TemplateResult {
  const custom = o.value === CUSTOM_SIZE_ID;
  const c = o.custom;
  return html`
    <fieldset
      class="field sizes"
      part="sizes"
      role="radiogroup"
      aria-invalid=${o.error ? "true" : "false"}
      aria-describedby=${describedBy("size", o.error, false)}
    >
      <legend><span>${msg("Size")}</span><span class="size-now">${sizeNow(o)}</span></legend>
      <div class="chips">
        ${o.sizes.map(
          (size) => html`
            <label class="chip" part="size-option" title=${`${size.name}, ${size.width}×${size.height}`}>
              <input type="radio" name="size" .checked=${live(size.id === o.value)} @change=${() => o.onChange(size.id)} />
              ${ratioGlyph(size.width, size.height)}
              <span class="chip-label">${size.label}</span>
              <span class="visually-hidden">${size.name}, <span class="dims">${size.width}×${size.height}</span></span>
            </label>
          `,
        )}
        <label class="chip custom" part="size-option custom-size-option">
          <input type="radio" name="size" .checked=${live(custom)} @change=${() => o.onChange(CUSTOM_SIZE_ID)} />
          <span class="glyph custom-glyph" aria-hidden="true"><span></span></span>
          <span class="chip-label">${msg("Custom")}</span>
        </label>
      </div>
      ${
        custom
          ? html`<div class="custom-size" part="custom-size">
            ${sideInput("custom-width", msg("Width"), c.width, c.minWidth, c.maxWidth, c.multiple, o.error, (value) => c.onInput("customWidth", value))}
            <span class="times" aria-hidden="true">×</span>
            ${sideInput("custom-height", msg("Height"), c.height, c.minHeight, c.maxHeight, c.multiple, o.error, (value) => c.onInput("customHeight", value))}
            <p id="custom-size-hint" class="hint">
              ${count(c.minWidth)}–${count(c.maxWidth)} × ${count(c.minHeight)}–${count(c.maxHeight)} px, ${stepsOf(c.multiple)}
            </p>
          </div>`
          : nothing
      }
      ${fieldError("size", o.error)}
    </fieldset>
  `;
}

function stepsOf(multiple: number): string {
  return msg(str`in steps of ${multiple}`);
}

/** The chosen size in pixels, beside the legend (the chips show only the ratio). */
function sizeNow(o: SizeFieldOptions): string {
  if (o.value === CUSTOM_SIZE_ID)
    return o.custom.width && o.custom.height ? `${o.custom.width} × ${o.custom.height} px` : "";
  const size = o.sizes.find((option) => option.id === o.value);
  return size ? `${size.name} · ${size.width} × ${size.height} px` : "";
}

function sideInput(
  id: string,
  label: string,
  value: string,
  min: number,
  max: number,
  step: number,
  error: string | undefined,
  onInput: (value: string) => void,
) {
  return html`<span class="side">
    <label for=${id}>${label}</label>
    <input
      id=${id}
      type="number"
      inputmode="numeric"
      min=${min}
      max=${max}
      step=${step}
      .value=${live(value)}
      aria-invalid=${error ? "true" : "false"}
      aria-describedby=${error ? "custom-size-hint size-error" : "custom-size-hint"}
      @input=${(event: Event) => {
        const input = event.target as HTMLInputElement;
        onInput(input.validity.badInput ? "invalid" : input.value);
      }}
    />
  </span>`;
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
      <label for="num-images">${msg("Images")}</label>
      <select
        id="num-images"
        aria-invalid=${o.error ? "true" : "false"}
        aria-describedby=${describedBy("num-images", o.error, false)}
        @change=${(event: Event) => o.onChange(Number((event.target as HTMLSelectElement).value))}
      >
        ${counts.map((n) => html`<option value=${n} ?selected=${n === o.value}>${n}</option>`)}
      </select>
      ${fieldError("num-images", o.error)}
    </div>
  `;
}
