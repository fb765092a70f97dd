import { css } from "lit";

export default css`
  :host {
    display: block;
  }
  h2 {
    margin: 0 0 var(--_space-2);
    color: var(--pixorly-color-muted, #555b6a);
    font-size: var(--_text-sm);
    font-weight: 600;
    text-transform: uppercase;
    letter-spacing: 0.04em;
  }
  ul,
  .loading {
    list-style: none;
    margin: 0;
    padding: 0 0 0.25rem;
    display: grid;
    grid-auto-flow: column;
    grid-auto-columns: var(--pixorly-thumbnail-size, 6rem);
    gap: var(--_space-2);
    overflow-x: auto;
    /* Room for the focus ring and the chosen image's border inside the scrolling box. */
    padding: 3px 3px var(--_space-1);
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
    border-radius: var(--_radius);
    background: none;
    cursor: pointer;
    transition: transform var(--_duration) var(--_ease);
  }
  button:hover {
    transform: translateY(-2px);
  }
  .skeleton {
    aspect-ratio: 1;
    border-radius: var(--_radius);
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
