import { css } from 'lit';

/**
 * The design tokens every element reads, with their light defaults. Each element
 * adopts this first so a page can theme all of them from one ancestor
 * (`pixorly-studio { --pixorly-color-accent: … }`). Dark values come from
 * `themeStyles`, applied by `<pixorly-studio theme>`.
 */
export const hostStyles = css`
  :host {
    box-sizing: border-box;
    font-family: inherit;
    font-size: var(--pixorly-font-size, 0.9375rem);
    line-height: 1.45;
    color: var(--pixorly-color-text, #1b1d23);
  }
  :host([hidden]) {
    display: none !important;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
`;

/** A focus ring that shows only for keyboard focus and survives forced-colors mode. */
export const focusRing = css`
  :focus-visible {
    outline: var(--pixorly-focus-ring-width, 2px) solid var(--pixorly-color-focus, var(--pixorly-color-accent, #4f46e5));
    outline-offset: 2px;
  }
`;

/** Buttons in the house look; variants through `data-variant`. */
export const buttonStyles = css`
  button {
    font: inherit;
    min-height: 2.25rem;
    padding: 0 var(--pixorly-space, 0.75rem);
    border-radius: var(--pixorly-radius, 0.5rem);
    border: 1px solid var(--pixorly-color-border, #d4d6de);
    background: var(--pixorly-color-surface, #ffffff);
    color: var(--pixorly-color-text, #1b1d23);
    cursor: pointer;
  }
  button:hover:not(:disabled) {
    border-color: var(--pixorly-color-accent, #4f46e5);
  }
  button:disabled {
    opacity: 0.55;
    cursor: not-allowed;
  }
  button[data-variant='primary'] {
    background: var(--pixorly-color-accent, #4f46e5);
    border-color: var(--pixorly-color-accent, #4f46e5);
    color: var(--pixorly-color-on-accent, #ffffff);
  }
  button[data-variant='danger'] {
    color: var(--pixorly-color-danger, #b42318);
  }
`;

/** Hides content visually while keeping it for screen readers (live regions, extra labels). */
export const visuallyHidden = css`
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
`;
