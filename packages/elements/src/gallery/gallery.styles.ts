import { css } from "lit";
import { checkerboard } from "../base/checkerboard.styles.js";

export default css`
  :host {
    display: block;
    min-width: 0;
  }
  .gallery {
    display: grid;
    gap: var(--pixorly-space, 0.75rem);
  }
  .toolbar,
  .tag,
  .bulk,
  .confirm,
  .undo {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: 0.5rem;
  }
  .toolbar label {
    display: grid;
    gap: 0.125rem;
    font-size: 0.8em;
    color: var(--pixorly-color-muted, #565b69);
  }
  .toolbar label.check {
    display: flex;
    align-items: center;
    min-height: 2.25rem;
  }
  .toolbar .search {
    flex: 1 1 12rem;
  }
  input,
  select {
    font: inherit;
    font-size: 0.9375rem;
    min-height: 2.25rem;
    padding: 0 0.5rem;
    border: 1px solid var(--pixorly-color-border, #d4d6de);
    border-radius: var(--pixorly-radius, 0.5rem);
    background: var(--pixorly-color-surface, #ffffff);
    color: var(--pixorly-color-text, #1b1d23);
  }
  input[type='search'] {
    width: 100%;
  }
  input[type='checkbox'] {
    min-height: auto;
  }
  button[aria-pressed='true'] {
    border-color: var(--pixorly-color-accent, #4f46e5);
    color: var(--pixorly-color-accent, #4f46e5);
  }
  .bulk,
  .undo,
  .confirm {
    align-items: center;
    padding: 0.5rem;
    border-radius: var(--pixorly-radius, 0.5rem);
    background: var(--pixorly-color-surface, #ffffff);
    border: 1px solid var(--pixorly-color-border, #d4d6de);
  }
  .confirm {
    border-color: var(--pixorly-color-danger, #b42318);
  }
  .confirm p {
    margin: 0;
  }
  .count {
    font-weight: 600;
    margin-inline-end: 0.5rem;
  }
  .message {
    margin: 0;
    color: var(--pixorly-color-muted, #565b69);
  }
  .grid {
    min-height: 12rem;
  }
  .tile {
    position: relative;
    cursor: pointer;
    border-radius: var(--pixorly-radius, 0.5rem);
    outline-offset: 2px;
  }
  .tile pixorly-image {
    width: 100%;
    height: 100%;
  }
  /* Transparent images (background removed) on a checkerboard once loaded; opaque ones cover it. */
  .tile pixorly-image[loaded] {
    ${checkerboard}
  }
  .tile[aria-selected='true'] {
    outline: 3px solid var(--pixorly-color-accent, #4f46e5);
  }
  .tile[aria-selected='true']::after {
    content: '✓';
    position: absolute;
    top: 0.375rem;
    left: 0.375rem;
    width: 1.5rem;
    height: 1.5rem;
    display: grid;
    place-items: center;
    border-radius: 50%;
    background: var(--pixorly-color-accent, #4f46e5);
    color: var(--pixorly-color-on-accent, #ffffff);
    font-size: 0.875rem;
  }
  .tile:focus-visible {
    outline: var(--pixorly-focus-ring-width, 2px) solid var(--pixorly-color-focus, var(--pixorly-color-accent, #4f46e5));
  }
  .badge {
    position: absolute;
    top: 0.375rem;
    right: 0.5rem;
    color: #ffd43b;
    text-shadow: 0 0 3px #000;
  }
  .tag-error {
    flex-basis: 100%;
    margin: 0;
    font-size: 0.85em;
    color: var(--pixorly-color-danger, #b42318);
  }
  .tag-error:empty {
    display: none;
  }
  .bulk input[aria-invalid='true'] {
    border-color: var(--pixorly-color-danger, #b42318);
  }
  @media (pointer: coarse) {
    input:not([type='checkbox']):not([type='radio']),
    select {
      min-height: var(--_tap);
    }
  }
  .skeleton-grid {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 9rem), 1fr));
    gap: var(--_space-3);
  }
  .skeleton-grid .skeleton {
    aspect-ratio: 1;
    border-radius: var(--_radius);
  }
`;
