import { css } from "lit";

export default css`
  :host {
    display: grid;
    align-content: start;
    gap: var(--pixorly-space, 0.75rem);
    container-type: inline-size;
    --_border: var(--pixorly-color-border, #d4d6de);
    --_accent: var(--pixorly-color-accent, #4f46e5);
    --_muted: var(--pixorly-color-muted, #565b69);
    --_surface: var(--pixorly-color-surface, #ffffff);
    --_radius: var(--pixorly-radius, 0.5rem);
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: 0.5rem;
  }
  .filters-toggle[aria-expanded='true'] {
    border-color: var(--_accent);
  }
  .filters {
    flex: 1 1 100%;
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem 1.25rem;
    padding: 0.75rem;
    border-radius: var(--_radius);
    background: var(--pixorly-color-surface-2, #eef0f4);
  }
  .filters[hidden] {
    display: none;
  }
  .filter {
    display: grid;
    gap: 0.25rem;
    align-content: start;
  }
  .filter label,
  .filter legend {
    font-weight: 600;
    font-size: 0.875em;
  }
  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    min-width: 0;
  }
  .capabilities {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 0.9rem;
  }
  .capabilities legend {
    margin-bottom: 0.25rem;
  }
  .filter .capability {
    display: inline-flex;
    align-items: center;
    gap: 0.35rem;
    font-weight: 400;
  }
  select {
    font: inherit;
    min-height: 2.25rem;
    padding: 0 0.5rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: inherit;
  }
  .view-switch {
    display: inline-flex;
  }
  .view-switch button:first-child {
    border-start-end-radius: 0;
    border-end-end-radius: 0;
  }
  .view-switch button:last-child {
    border-start-start-radius: 0;
    border-end-start-radius: 0;
    border-inline-start: 0;
  }
  .view-switch button[aria-pressed='true'] {
    background: color-mix(in srgb, var(--_accent) 14%, var(--_surface));
    border-color: var(--_accent);
  }
  .count,
  .notice {
    margin: 0;
    font-size: 0.875em;
  }
  .count {
    color: var(--_muted);
  }
  .notice {
    color: var(--pixorly-color-danger, #b42318);
    font-weight: 600;
  }
  /* An empty live region stays in the page (so it is announced when filled) without adding a gap. */
  .notice:empty {
    margin-block-start: calc(-1 * var(--pixorly-space, 0.75rem));
  }
  .cards {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, var(--pixorly-model-card-min-width, 9.5rem)), 1fr));
    gap: var(--_space-3);
  }
  /*
   * Narrow (a phone, or the studio's left pane): the grid becomes one row of small cards that
   * scrolls sideways and snaps, so choosing a model takes a swipe, not a page of cards.
   */
  @container (max-width: 34rem) {
    :host(:not([view='list'])) .cards {
      grid-template-columns: none;
      grid-auto-flow: column;
      grid-auto-columns: var(--pixorly-model-card-compact-width, 8.5rem);
      overflow-x: auto;
      overscroll-behavior-x: contain;
      scroll-snap-type: x mandatory;
      scroll-padding-inline: 3px;
      /* Room for the focus ring and the chosen card's ring inside the scrolling box. */
      padding: 3px 3px var(--_space-2);
      margin: -3px -3px 0;
    }
    :host(:not([view='list'])) .card {
      scroll-snap-align: start;
    }
    :host(:not([view='list'])) .provider {
      display: none;
    }
  }
  :host([view='list']) .cards {
    grid-template-columns: 1fr;
    gap: 0.5rem;
  }
  .card {
    position: relative;
    display: grid;
    grid-template-rows: auto 1fr;
    overflow: hidden;
    border: 1px solid var(--_border);
    border-radius: var(--_radius-lg);
    background: var(--_surface);
    cursor: pointer;
    transition:
      border-color var(--_duration) var(--_ease),
      box-shadow var(--_duration) var(--_ease),
      transform var(--_duration) var(--_ease);
  }
  .card:hover {
    border-color: var(--_accent);
    box-shadow: var(--_shadow-2);
  }
  .card[aria-checked='true'] {
    border-color: var(--_accent);
    box-shadow: 0 0 0 1px var(--_accent), var(--_shadow-1);
  }
  .skeleton-card {
    cursor: default;
  }
  /* Lines as tall as the name and the meta line they stand for (a non-breaking space each), so a loaded card is
     the skeleton's height. */
  .skeleton-card .line {
    display: block;
  }
  .skeleton-card .short {
    width: 60%;
  }
  :host([view='list']) .card {
    grid-template-rows: none;
    grid-template-columns: 4.5rem 1fr;
  }
  .sample {
    display: block;
    width: 100%;
    aspect-ratio: 16 / 10;
    object-fit: cover;
    background: var(--pixorly-color-surface-2, #eceef3);
  }
  pixorly-image.sample {
    border-radius: 0;
  }
  :host([view='list']) .sample {
    height: 100%;
    aspect-ratio: 1;
  }
  .body {
    display: grid;
    align-content: start;
    gap: 0.15rem;
    padding: var(--_space-2) var(--_space-3) var(--_space-3);
    min-width: 0;
  }
  .name {
    font-weight: 600;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .provider,
  .meta,
  .description {
    font-size: var(--_text-sm);
    color: var(--_muted);
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    gap: 0 0.5rem;
  }
  .check {
    position: absolute;
    inset-block-start: 0.5rem;
    inset-inline-end: 0.5rem;
    width: 1.25rem;
    height: 1.25rem;
    border: 2px solid var(--_border);
    border-radius: 50%;
    background: var(--_surface);
    box-shadow: var(--_shadow-1);
  }
  :host([view='list']) .name {
    padding-inline-end: 1.75rem;
  }
  :host([view='list']) .check {
    inset-block-start: 0.6rem;
  }
  :host([compare]) .check {
    border-radius: 0.3rem;
  }
  .card[aria-checked='true'] .check {
    border-color: var(--_accent);
    background: radial-gradient(circle, var(--_accent) 0 40%, var(--_surface) 45%);
  }
  :host([compare]) .card[aria-checked='true'] .check {
    background: var(--_accent);
  }
  :host([compare]) .card[aria-checked='true'] .check::after {
    content: '';
    position: absolute;
    inset: 0.1rem 0.3rem 0.25rem;
    border: solid var(--pixorly-color-on-accent, #ffffff);
    border-width: 0 2px 2px 0;
    transform: rotate(45deg);
  }
  .message {
    margin: 0;
    padding: var(--pixorly-space, 0.75rem);
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
    color: var(--_muted);
  }
  .empty {
    display: grid;
    justify-items: start;
    gap: 0.5rem;
  }
  .empty p {
    margin: 0;
  }
  @media (forced-colors: active) {
    .card[aria-checked='true'] .check {
      background: Highlight;
    }
  }
  @media (pointer: coarse) {
    input:not([type='checkbox']):not([type='radio']),
    select {
      min-height: var(--_tap);
    }
  }
  /* The loading state's toolbar: laid out as the loaded one, not usable yet. */
  .loading-toolbar {
    display: contents;
  }
`;
