import { css } from 'lit';

export default css`
  :host {
    display: block;
  }
  h2 {
    font-size: 1em;
    margin: 0 0 calc(var(--pixorly-space, 0.75rem) * 0.5);
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0 0 0.25rem;
    display: grid;
    grid-auto-flow: column;
    grid-auto-columns: var(--pixorly-thumbnail-size, 6rem);
    gap: calc(var(--pixorly-space, 0.75rem) * 0.5);
    overflow-x: auto;
    overscroll-behavior-x: contain;
    scroll-snap-type: x proximity;
  }
  li {
    scroll-snap-align: start;
  }
  button {
    display: block;
    width: 100%;
    padding: 0;
    border: 2px solid transparent;
    border-radius: var(--pixorly-radius, 0.5rem);
    background: none;
    cursor: pointer;
  }
  button[aria-pressed='true'] {
    border-color: var(--pixorly-color-accent, #4f46e5);
  }
  pixorly-image {
    aspect-ratio: 1;
  }
  .empty {
    margin: 0;
    color: var(--pixorly-color-muted, #565b69);
  }
`;
