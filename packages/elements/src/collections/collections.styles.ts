import { css } from "lit";

export default css`
  :host {
    display: block;
    min-width: 0;
  }
  .collections {
    display: grid;
    gap: var(--pixorly-space, 0.75rem);
  }
  .create,
  .rename,
  .card-actions,
  .confirm,
  .share,
  .detail-head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }
  input {
    font: inherit;
    min-height: 2.25rem;
    padding: 0 0.5rem;
    border: 1px solid var(--pixorly-color-border, #d4d6de);
    border-radius: var(--pixorly-radius, 0.5rem);
    background: var(--pixorly-color-surface, #ffffff);
    color: var(--pixorly-color-text, #1b1d23);
  }
  .list,
  .images {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(var(--pixorly-collection-card-width, 14rem), 1fr));
    gap: var(--pixorly-space, 0.75rem);
  }
  .images {
    grid-template-columns: repeat(auto-fill, minmax(9rem, 1fr));
  }
  .card {
    display: grid;
    gap: var(--_space-2);
    align-content: start;
    padding: var(--_space-2) var(--_space-2) var(--_space-3);
    border: 1px solid var(--pixorly-color-border, #d4d6de);
    border-radius: var(--_radius-lg);
    background: var(--pixorly-color-surface, #ffffff);
    box-shadow: var(--_shadow-1);
  }
  .card > :not(.cover) {
    margin-inline: var(--_space-1);
  }
  .card-actions button,
  .share button {
    min-height: 2rem;
    padding-inline: var(--_space-2);
    font-size: var(--_text-sm);
  }
  .card-actions .delete {
    margin-inline-start: auto;
    border-color: transparent;
    background: transparent;
  }
  @media (pointer: coarse) {
    .card-actions button,
    .share button,
    .share a {
      min-height: var(--_tap);
    }
  }
  .cover,
  .item button {
    display: block;
    width: 100%;
    aspect-ratio: 1;
    min-height: 0;
    padding: 0;
    border: 0;
    background: var(--pixorly-color-surface-2, #eef0f4);
    border-radius: var(--_radius);
    overflow: hidden;
  }
  .item button {
    cursor: grab;
  }
  .cover pixorly-image,
  .item pixorly-image {
    width: 100%;
    height: 100%;
  }
  .no-cover {
    display: block;
    width: 100%;
    height: 100%;
  }
  .name,
  .meta,
  .share,
  .confirm p,
  .message,
  .hint,
  h3 {
    margin: 0;
  }
  .name {
    font-weight: 600;
    font-size: var(--_text-md);
  }
  .meta,
  .hint,
  .message {
    color: var(--pixorly-color-muted, #565b69);
    font-size: 0.875em;
  }
  h3 {
    font-size: 1em;
  }
  button[aria-pressed='true'] {
    border-color: var(--pixorly-color-accent, #4f46e5);
    color: var(--pixorly-color-accent, #4f46e5);
  }
  /* The share link opens a page, so it stays a link, but it looks like the buttons beside it. */
  .share a {
    display: inline-flex;
    align-items: center;
    min-height: 2rem;
    padding: 0 var(--_space-2);
    border: 1px solid color-mix(in srgb, var(--pixorly-color-accent, #4f46e5) 40%, transparent);
    border-radius: var(--_radius);
    background: color-mix(in srgb, var(--pixorly-color-accent, #4f46e5) 10%, var(--pixorly-color-surface, #ffffff));
    color: var(--pixorly-color-link, var(--pixorly-color-accent, #4f46e5));
    font-size: var(--_text-sm);
    font-weight: 500;
    text-decoration: none;
  }
  .share a:hover {
    border-color: var(--pixorly-color-accent, #4f46e5);
  }
  @media (pointer: coarse) {
    input:not([type='checkbox']):not([type='radio']),
    select {
      min-height: var(--_tap);
    }
  }
  .skeleton-grid {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 14rem), 1fr));
    gap: var(--_space-3);
  }
  .skeleton-grid .skeleton {
    aspect-ratio: 1;
    border-radius: var(--_radius);
  }
`;
