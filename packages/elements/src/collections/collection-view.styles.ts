import { css } from "lit";

export default css`
  :host {
    display: block;
  }
  h2 {
    font-size: var(--_text-xl);
    margin: 0 0 var(--pixorly-space, 0.75rem);
  }
  .images {
    list-style: none;
    margin: 0 0 var(--pixorly-space, 0.75rem);
    padding: 0;
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(var(--pixorly-collection-view-min-width, 12rem), 1fr));
    gap: var(--pixorly-space, 0.75rem);
  }
  img {
    display: block;
    width: 100%;
    height: auto;
    border-radius: var(--pixorly-radius, 0.5rem);
    background: var(--pixorly-color-surface-2, #eef0f4) center / cover no-repeat;
  }
  .message {
    color: var(--pixorly-color-muted, #565b69);
  }
  .loading {
    display: grid;
    gap: var(--_space-3);
  }
  .skeleton.title {
    width: 12rem;
    height: 1.5rem;
  }
  .skeleton.tile {
    aspect-ratio: 1;
    border-radius: var(--_radius);
  }
`;
