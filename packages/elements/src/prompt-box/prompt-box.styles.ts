import { css } from "lit";

export default css`
  :host {
    display: block;
    --_space: var(--pixorly-space, 0.75rem);
    --_border: var(--pixorly-color-border, #d4d6de);
    --_accent: var(--pixorly-color-accent, #4f46e5);
    --_muted: var(--pixorly-color-muted, #565b69);
    --_danger: var(--pixorly-color-danger, #b42318);
    --_surface: var(--pixorly-color-surface, #ffffff);
  }
  form,
  .settings,
  .advanced {
    display: grid;
    gap: var(--_space);
  }
  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    min-width: 0;
  }
  .field {
    display: grid;
    align-content: start;
    gap: 0.3rem;
    min-width: 0;
  }
  #num-images {
    max-width: 8rem;
  }
  label,
  legend {
    font-weight: 600;
    font-size: 0.9em;
  }
  legend {
    padding: 0;
    margin-bottom: 0.3rem;
  }
  .label-row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem;
  }
  textarea,
  input:not([type='radio']),
  select {
    font: inherit;
    width: 100%;
    min-height: 2.25rem;
    padding: 0.45rem 0.6rem;
    border: 1px solid var(--_border);
    border-radius: var(--pixorly-radius, 0.5rem);
    background: var(--_surface);
    color: inherit;
  }
  textarea {
    resize: vertical;
    min-height: 6.5rem;
    padding: var(--_space-3);
    line-height: 1.5;
    border-radius: var(--_radius-lg);
    box-shadow: var(--_shadow-1);
  }
  textarea:focus {
    border-color: var(--_accent);
  }
  textarea[readonly] {
    opacity: 0.7;
  }
  [aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .counter,
  .hint,
  .shortcut,
  .dims,
  .usd {
    margin: 0;
    font-size: 0.8125em;
    color: var(--_muted);
  }
  .counter {
    text-align: end;
  }
  .counter[data-over] {
    color: var(--_danger);
    font-weight: 600;
  }
  .error {
    margin: 0;
    font-size: 0.875em;
    color: var(--_danger);
  }
  .form-error {
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--_danger);
    border-radius: var(--pixorly-radius, 0.5rem);
  }
  .mode-toggle {
    min-height: 2rem;
    font-size: var(--_text-sm);
  }
  .mode-toggle[aria-pressed='true'],
  .chip:has(input:checked) {
    border-color: var(--_accent);
    background: color-mix(in srgb, var(--_accent) 12%, var(--_surface));
  }
  .sizes legend {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: var(--_space-2);
    width: 100%;
  }
  .size-now {
    font-weight: 400;
    font-size: var(--_text-sm);
    color: var(--_muted);
    font-variant-numeric: tabular-nums;
  }
  .chip.custom {
    grid-column: span 2;
  }
  .chips {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(4.5rem, 1fr));
    gap: var(--_space-2);
  }
  .chip {
    position: relative;
    display: flex;
    align-items: center;
    gap: var(--_space-2);
    min-height: var(--_tap);
    padding: var(--_space-1) var(--_space-2);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    cursor: pointer;
    font-weight: 400;
    transition: border-color var(--_duration) var(--_ease), background-color var(--_duration) var(--_ease);
  }
  .chip:hover {
    border-color: var(--_accent);
  }

  .glyph {
    flex: none;
    display: grid;
    place-items: center;
    width: 1.25rem;
    height: 1.25rem;
  }
  .glyph > span {
    display: block;
    border: 1.5px solid currentColor;
    border-radius: 2px;
    opacity: 0.7;
  }
  .custom-glyph > span {
    width: 14px;
    height: 10px;
    border-style: dashed;
  }
  .chip:has(input:checked) .glyph > span {
    color: var(--_accent);
    opacity: 1;
  }
  .custom-size {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: var(--_space-2);
    margin-top: var(--_space-2);
  }
  .custom-size .side {
    display: grid;
    gap: 0.2rem;
    flex: 1 1 6rem;
  }
  .custom-size .times {
    padding-bottom: 0.6rem;
    color: var(--_muted);
  }
  .custom-size .hint {
    flex: 1 1 100%;
    margin: 0;
  }
  .chip input {
    position: absolute;
    inset: 0;
    margin: 0;
    opacity: 0;
    cursor: pointer;
  }
  .chip:has(input:focus-visible) {
    outline: var(--pixorly-focus-ring-width, 2px) solid var(--pixorly-color-focus, var(--_accent));
    outline-offset: 2px;
  }
  .chip-label {
    font-weight: 600;
  }
  [aria-invalid='true'] .chip {
    border-color: var(--_danger);
  }
  .advanced {
    padding: var(--_space);
    border-radius: var(--pixorly-radius, 0.5rem);
    background: var(--pixorly-color-surface-2, #eef0f4);
  }
  .numbers {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 10rem), 1fr));
    gap: var(--_space);
  }
  /* The seed is up to ten digits and has a button beside it: it takes the whole row. */
  .numbers .field:has(#seed) {
    grid-column: 1 / -1;
  }
  .with-action {
    display: flex;
    gap: 0.5rem;
  }
  .with-action input {
    flex: 1 1 auto;
    min-width: 0;
  }
  .presets {
    display: grid;
    gap: 0.5rem;
  }
  .preset-list {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .preset {
    display: inline-flex;
  }
  .preset button:first-child {
    border-start-end-radius: 0;
    border-end-end-radius: 0;
  }
  .preset .delete {
    border-inline-start: 0;
    border-start-start-radius: 0;
    border-end-start-radius: 0;
    padding: 0 0.6rem;
  }
  .save-row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }
  .save-row input {
    flex: 1 1 10rem;
    width: auto;
  }
  .notice {
    margin: 0;
    font-size: 0.875em;
  }
  /*
   * The Generate bar stays in view at the bottom of the screen while the form is on it, so on a
   * phone the button is never a long scroll away from the prompt.
   */
  .footer {
    display: grid;
    grid-template-columns: 1fr auto;
    grid-template-areas: 'submit submit' 'cost shortcut';
    align-items: center;
    gap: var(--_space-2) var(--_space);
  }
  @media (max-width: 40rem) {
    .footer {
      position: sticky;
      bottom: 0;
      z-index: 1;
      margin-inline: calc(-1 * var(--_space-2));
      padding: var(--_space-2);
      border-radius: var(--_radius-lg) var(--_radius-lg) 0 0;
      background: color-mix(in srgb, var(--pixorly-color-bg, #f4f5f8) 92%, transparent);
      backdrop-filter: blur(8px);
      box-shadow: 0 -6px 12px -10px rgb(0 0 0 / 0.35);
    }
  }
  .cost {
    grid-area: cost;
    font-size: var(--_text-sm);
  }
  .shortcut {
    grid-area: shortcut;
  }
  [part='submit'] {
    grid-area: submit;
    min-height: 3rem;
    padding-inline: var(--_space-5);
    font-size: var(--_text-lg);
    border-radius: var(--_radius);
  }
  [part='submit'][aria-disabled='true'] {
    opacity: 0.75;
    cursor: progress;
  }
  .message {
    margin: 0;
    padding: var(--_space);
    border: 1px dashed var(--_border);
    border-radius: var(--pixorly-radius, 0.5rem);
    color: var(--_muted);
  }
  .beside {
    display: inline-flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  .recent-toggle {
    min-height: 2rem;
    font-size: 0.875em;
  }
  .recent-toggle[aria-expanded='true'] {
    border-color: var(--_accent);
    background: color-mix(in srgb, var(--_accent) 12%, var(--_surface));
  }
  .recent {
    display: grid;
    gap: 0.375rem;
    padding: 0.5rem;
    border: 1px solid var(--_border);
    border-radius: var(--pixorly-radius, 0.5rem);
    background: var(--_surface);
  }
  .recent-list {
    display: grid;
    gap: 0.25rem;
    margin: 0;
    padding: 0;
    list-style: none;
    max-height: 16rem;
    overflow: auto;
    /* Room for the focus ring inside the scrolling box. */
    padding: 3px;
  }
  .recent-item {
    display: flex;
    gap: 0.25rem;
    min-width: 0;
  }
  .use-prompt {
    flex: 1 1 auto;
    min-width: 0;
    justify-content: flex-start;
    text-align: start;
    overflow: hidden;
    white-space: nowrap;
    text-overflow: ellipsis;
    display: block;
  }
  .recent-item .forget {
    flex: none;
    padding: 0 0.6rem;
  }
  .recent .hint,
  .presets .hint {
    margin: 0;
    font-size: 0.8em;
    color: var(--_muted);
  }
  .hint.error,
  .notice[data-error] {
    color: var(--_danger);
  }
  #preset-name[aria-invalid='true'] {
    border-color: var(--_danger);
  }
  /* Last, so it wins over the compact sizes above: a finger needs 44 px. */
  @media (pointer: coarse) {
    .mode-toggle,
    .recent-toggle {
      min-height: var(--_tap);
    }
  }
  @media (pointer: coarse) {
    input:not([type='checkbox']):not([type='radio']),
    select {
      min-height: var(--_tap);
    }
  }
`;
