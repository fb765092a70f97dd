import { css } from 'lit';

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
    gap: 0.375rem;
    align-content: start;
    padding: 0.5rem;
    border: 1px solid var(--pixorly-color-border, #d4d6de);
    border-radius: var(--pixorly-radius, 0.5rem);
    background: var(--pixorly-color-surface, #ffffff);
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
  a {
    color: var(--pixorly-color-link, var(--pixorly-color-accent, #4f46e5));
  }
`;
