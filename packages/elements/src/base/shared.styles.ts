// css-tag alone, not "lit": these sheets are in the shell pixorly.js paints before Lit loads (studio-shell.ts).
import { css } from "@lit/reactive-element/css-tag.js";

/**
 * The design system every element reads: type scale, spacing, radius, elevation and motion as
 * `--pixorly-*` custom properties. Each element resolves them into private `--_*` aliases on its
 * own host with the defaults here, so a page can theme all of them from one ancestor
 * (`pixorly-studio { --pixorly-space-4: 1.25rem }`) and an element used alone still looks right.
 * Colours come from `theme.styles.ts` (light and dark palettes, applied by `<pixorly-studio theme>`).
 * Motion collapses to zero under `prefers-reduced-motion`.
 */
export const tokens = css`
  :host {
    --_text-xs: var(--pixorly-text-xs, 0.75rem);
    --_text-sm: var(--pixorly-text-sm, 0.8125rem);
    --_text-md: var(--pixorly-font-size, 0.9375rem);
    --_text-lg: var(--pixorly-text-lg, 1.125rem);
    --_text-xl: var(--pixorly-text-xl, 1.375rem);
    --_text-2xl: var(--pixorly-text-2xl, 1.75rem);
    --_space-1: var(--pixorly-space-1, 0.25rem);
    --_space-2: var(--pixorly-space-2, 0.5rem);
    --_space-3: var(--pixorly-space, 0.75rem);
    --_space-4: var(--pixorly-space-4, 1rem);
    --_space-5: var(--pixorly-space-5, 1.5rem);
    --_space-6: var(--pixorly-space-6, 2rem);
    --_radius-sm: var(--pixorly-radius-sm, 0.375rem);
    --_radius: var(--pixorly-radius, 0.625rem);
    --_radius-lg: var(--pixorly-radius-lg, 1rem);
    --_shadow-1: var(--pixorly-shadow-1, 0 1px 2px rgb(16 24 40 / 0.06), 0 1px 3px rgb(16 24 40 / 0.08));
    --_shadow-2: var(--pixorly-shadow-2, 0 4px 8px -2px rgb(16 24 40 / 0.1), 0 2px 4px -2px rgb(16 24 40 / 0.06));
    --_shadow-3: var(--pixorly-shadow-3, 0 12px 24px -6px rgb(16 24 40 / 0.18), 0 4px 8px -4px rgb(16 24 40 / 0.08));
    --_duration: var(--pixorly-duration, 180ms);
    --_ease: var(--pixorly-ease, cubic-bezier(0.2, 0.8, 0.2, 1));
    /* Smallest box a finger can hit (WCAG 2.5.5); buttons grow to it on touch screens. */
    --_tap: 2.75rem;
  }
  @media (prefers-reduced-motion: reduce) {
    :host {
      --_duration: 0ms;
    }
  }
`;

/** Grey blocks that stand in for content while it loads (instead of "Loading…" text). */
export const skeletonStyles = css`
  .skeleton {
    display: block;
    border-radius: var(--_radius-sm);
    background: linear-gradient(
        90deg,
        transparent 0,
        color-mix(in srgb, var(--pixorly-color-surface, #ffffff) 55%, transparent) 50%,
        transparent 100%
      )
      0 0 / 200% 100% no-repeat,
      var(--pixorly-color-surface-2, #eef0f4);
    animation: pixorly-shimmer 1.4s linear infinite;
  }
  @keyframes pixorly-shimmer {
    from {
      background-position: 150% 0, 0 0;
    }
    to {
      background-position: -50% 0, 0 0;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .skeleton {
      animation: none;
    }
  }
`;

/**
 * The host defaults every element adopts first (after `tokens`, which it includes), so every
 * element shares one type size, line height and text colour.
 */
export const hostStyles = css`
  ${tokens}
  :host {
    box-sizing: border-box;
    font-family: inherit;
    font-size: var(--pixorly-font-size, 0.9375rem);
    line-height: 1.45;
    color: var(--pixorly-color-text, #1b1d23);
    -webkit-tap-highlight-color: transparent;
  }
  h1,
  h2,
  h3 {
    line-height: 1.25;
    letter-spacing: -0.01em;
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

/**
 * Buttons in the house look; variants through `data-variant` (`primary`, `danger`, `ghost`).
 * On touch screens every button is at least a finger tall.
 */
export const buttonStyles = css`
  button {
    font: inherit;
    font-weight: 500;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: var(--_space-2);
    min-height: 2.25rem;
    padding: 0 var(--_space-3);
    border-radius: var(--_radius);
    border: 1px solid var(--pixorly-color-border, #d4d6de);
    background: var(--pixorly-color-surface, #ffffff);
    color: var(--pixorly-color-text, #1b1d23);
    text-decoration: none;
    cursor: pointer;
    transition:
      background-color var(--_duration) var(--_ease),
      border-color var(--_duration) var(--_ease),
      box-shadow var(--_duration) var(--_ease);
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
    font-weight: 600;
    box-shadow: var(--_shadow-1);
  }
  button[data-variant='primary']:hover:not(:disabled) {
    background: color-mix(in srgb, var(--pixorly-color-accent, #4f46e5) 88%, var(--pixorly-color-text, #1b1d23));
  }
  button[data-variant='danger'] {
    color: var(--pixorly-color-danger, #b42318);
  }
  button[data-variant='ghost'] {
    border-color: transparent;
    background: transparent;
  }
  button[data-variant='ghost']:hover:not(:disabled) {
    background: var(--pixorly-color-surface-2, #eef0f4);
    border-color: transparent;
  }
  @media (pointer: coarse) {
    button {
      min-height: var(--_tap);
      min-width: var(--_tap);
    }
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
