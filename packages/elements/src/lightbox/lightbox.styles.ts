import { css } from "lit";

export default css`
  :host {
    display: contents;
  }
  dialog {
    width: 100vw;
    /* dvh arrived in Chrome 108, Firefox 101, Safari 15.4: older browsers keep the vh line. */
    height: 100vh;
    height: 100dvh;
    max-width: none;
    max-height: none;
    margin: 0;
    padding: 0;
    border: 0;
    background: var(--pixorly-lightbox-backdrop, #0d0e12);
    color: var(--pixorly-color-text, #1b1d23);
  }
  dialog::backdrop {
    background: var(--pixorly-lightbox-backdrop, #0d0e12);
  }
  .layout {
    display: grid;
    grid-template: 'toolbar' auto 'stage' minmax(0, 1fr) 'panel' auto / minmax(0, 1fr);
    height: 100%;
  }
  @media (min-width: 56rem) {
    .layout {
      grid-template: 'toolbar toolbar' auto 'stage panel' minmax(0, 1fr) / minmax(0, 1fr) 22rem;
    }
  }
  .toolbar {
    grid-area: toolbar;
    display: flex;
    align-items: center;
    gap: 0.5rem;
    padding: 0.5rem;
    color: #f4f5f8;
  }
  .position {
    margin-inline-end: auto;
    font-variant-numeric: tabular-nums;
  }
  .toolbar button {
    min-width: 2.75rem;
    min-height: 2.75rem;
    border-color: transparent;
    border-radius: 999px;
    background: rgb(255 255 255 / 0.08);
    color: #f4f5f8;
  }
  .toolbar button:hover:not(:disabled) {
    border-color: transparent;
    background: rgb(255 255 255 / 0.16);
  }
  .toolbar button[aria-pressed='true'] {
    border-color: var(--pixorly-color-accent, #4f46e5);
    background: var(--pixorly-color-accent, #4f46e5);
    color: var(--pixorly-color-on-accent, #ffffff);
  }
  .stage {
    grid-area: stage;
    display: grid;
    place-items: center;
    overflow: hidden;
    container-type: size;
    touch-action: pan-y pinch-zoom;
    /* Air around the picture on a large screen; edge to edge on a phone, where every pixel counts. */
    padding: clamp(0px, 3vw, var(--_space-6));
  }
  :host([zoomed]) .stage {
    place-items: start;
    overflow: auto;
    touch-action: auto;
  }
  .stage pixorly-image {
    --pixorly-image-fit: contain;
    background: transparent;
    box-shadow: 0 24px 60px -12px rgb(0 0 0 / 0.6);
    width: min(100cqw, calc(100cqh * var(--ratio, 1)));
  }
  :host([zoomed]) .stage pixorly-image {
    max-width: none;
    flex: none;
  }
  .panel {
    grid-area: panel;
    overflow: auto;
    max-height: 45vh;
    max-height: 45dvh;
    padding: var(--_space-4);
    background: var(--pixorly-color-surface, #ffffff);
    display: grid;
    align-content: start;
    gap: var(--_space-4);
  }
  @media (min-width: 56rem) {
    .panel {
      max-height: none;
      border-inline-start: 1px solid var(--pixorly-color-border, #d4d6de);
    }
  }
  .metadata {
    margin: 0;
    display: grid;
    grid-template-columns: 1fr 1fr;
    gap: var(--_space-3) var(--_space-4);
  }
  /* The prompt and the seed (long values with a Copy button) take the whole width; the short facts pair up. */
  .row:has(.copy) {
    grid-column: 1 / -1;
  }
  .row dt {
    font-size: var(--_text-xs);
    font-weight: 600;
    text-transform: uppercase;
    letter-spacing: 0.04em;
    color: var(--pixorly-color-muted, #565b69);
  }
  .row dd {
    margin: 0;
    display: flex;
    gap: 0.5rem;
    align-items: start;
    justify-content: space-between;
  }
  .value {
    overflow-wrap: anywhere;
  }
  .copy {
    min-height: 1.75rem;
    font-size: var(--_text-sm);
    flex: none;
  }
  @media (pointer: coarse) {
    .copy {
      min-height: var(--_tap);
    }
  }
  .actions,
  .download {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  select {
    font: inherit;
    min-height: 2.25rem;
    border: 1px solid var(--pixorly-color-border, #d4d6de);
    border-radius: var(--pixorly-radius, 0.5rem);
    background: var(--pixorly-color-surface, #ffffff);
    color: var(--pixorly-color-text, #1b1d23);
  }
  button[aria-pressed='true'] {
    border-color: var(--pixorly-color-accent, #4f46e5);
    color: var(--pixorly-color-accent, #4f46e5);
  }
  .collections ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  .collections p,
  .confirm p,
  .message {
    margin: 0;
  }
  .confirm {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
    padding: 0.5rem;
    border: 1px solid var(--pixorly-color-danger, #b42318);
    border-radius: var(--pixorly-radius, 0.5rem);
  }
  .collections {
    display: grid;
    gap: 0.5rem;
  }
  .collection-toggle {
    display: inline-flex;
    gap: 0.35rem;
    align-items: center;
  }
  .check {
    display: inline-block;
    width: 1em;
    font-weight: 700;
  }
  .tags {
    display: grid;
    gap: 0.5rem;
  }
  .tags h3 {
    margin: 0;
    font-size: 0.95em;
    display: flex;
    justify-content: space-between;
    align-items: baseline;
  }
  .tag-count {
    font-weight: 400;
    font-size: 0.85em;
    color: var(--pixorly-color-muted, #565b69);
  }
  .tag-list {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-wrap: wrap;
    gap: 0.375rem;
  }
  .tag {
    display: inline-flex;
    align-items: center;
    gap: 0.125rem;
    padding-inline-start: 0.625rem;
    border: 1px solid var(--pixorly-color-border, #d4d6de);
    border-radius: 999px;
    background: var(--pixorly-color-surface-2, #f3f4f7);
    font-size: 0.875em;
  }
  .tag .remove-tag {
    min-height: 1.75rem;
    min-width: 1.75rem;
    padding: 0;
    border: none;
    border-radius: 999px;
    background: transparent;
  }
  .tag-form {
    display: flex;
    gap: 0.5rem;
  }
  .tag-form input {
    flex: 1;
    min-width: 0;
    font: inherit;
    min-height: 2.25rem;
    padding: 0 0.5rem;
    border: 1px solid var(--pixorly-color-border, #d4d6de);
    border-radius: var(--pixorly-radius, 0.5rem);
    background: var(--pixorly-color-surface, #ffffff);
    color: var(--pixorly-color-text, #1b1d23);
  }
  .tag-form input[aria-invalid='true'] {
    border-color: var(--pixorly-color-danger, #b42318);
  }
  .tags .hint,
  .collections .hint {
    margin: 0;
    font-size: 0.8em;
    color: var(--pixorly-color-muted, #565b69);
  }
  .tags .error {
    margin: 0;
    font-size: 0.85em;
    color: var(--pixorly-color-danger, #b42318);
  }
  .tags .error:empty {
    display: none;
  }
  @media (pointer: coarse) {
    input:not([type='checkbox']):not([type='radio']),
    select {
      min-height: var(--_tap);
    }
  }
`;
