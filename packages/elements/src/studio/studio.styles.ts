// css-tag alone, not "lit": these sheets are in the shell pixorly.js paints before Lit loads (studio-shell.ts).
import { css } from "@lit/reactive-element/css-tag.js";

export default css`
  :host {
    display: block;
    min-width: 0;
    container-type: inline-size;
  }
  .studio {
    display: grid;
    gap: var(--_space-4);
    padding: var(--_space-4);
    background: var(--pixorly-color-bg, #f4f5f8);
    color: var(--pixorly-color-text, #14161c);
    border-radius: var(--_radius-lg);
  }
  @container (max-width: 30rem) {
    .studio {
      gap: var(--_space-3);
      padding: var(--_space-3);
    }
  }
  @container (min-width: 60rem) {
    .studio {
      padding: var(--_space-5);
      gap: var(--_space-5);
    }
  }
  header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem;
  }
  h2 {
    font-size: var(--_text-lg);
    font-weight: 650;
    margin: 0;
  }
  h3 {
    font-size: var(--_text-md);
    font-weight: 600;
    margin: 0;
  }
  .title {
    display: inline-flex;
    align-items: center;
    gap: var(--_space-2);
    font-weight: 750;
    font-size: var(--_text-lg);
    letter-spacing: -0.01em;
    margin: 0;
  }
  .title::before {
    content: '';
    width: 1.25rem;
    height: 1.25rem;
    border-radius: 0.375rem;
    background: conic-gradient(from 200deg, var(--pixorly-color-accent, #4f46e5), #ec4899, #f59e0b, var(--pixorly-color-accent, #4f46e5));
  }
  .status-line {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.75rem;
    color: var(--pixorly-color-muted, #565b69);
    font-size: var(--_text-sm);
  }
  .connection {
    display: inline-flex;
    align-items: center;
    gap: 0.375rem;
  }
  .dot {
    width: 0.5rem;
    height: 0.5rem;
    border-radius: 50%;
    background: var(--pixorly-color-muted, #565b69);
  }
  .connection[data-state='connected'] .dot {
    background: var(--pixorly-color-success, #067647);
  }
  .connection[data-state='offline'] .dot {
    background: var(--pixorly-color-danger, #b42318);
  }
  .connection[data-state='reconnecting'] .dot,
  .connection[data-state='connecting'] .dot {
    animation: pulse 1s ease-in-out infinite alternate;
  }
  @keyframes pulse {
    to {
      opacity: 0.3;
    }
  }
  .notice {
    display: grid;
    gap: 0.375rem;
    padding: var(--pixorly-space, 0.75rem);
    border: 1px solid var(--pixorly-color-danger, #b42318);
    border-radius: var(--pixorly-radius, 0.5rem);
    background: var(--pixorly-color-surface, #ffffff);
  }
  .notice p,
  .notice ul {
    margin: 0;
  }
  .notice ul {
    padding-left: 1.25rem;
  }
  .notice strong {
    color: var(--pixorly-color-danger, #b42318);
  }
  /* One column on narrow screens (controls, then results); two panes from 60rem: controls left, canvas right. */
  .layout {
    display: grid;
    gap: var(--_space-4);
    grid-template-columns: minmax(0, 1fr);
  }
  @container (min-width: 60rem) {
    .layout {
      grid-template-columns: minmax(20rem, 27rem) minmax(0, 1fr);
      align-items: start;
      gap: var(--_space-5);
    }
  }
  /* Both panes open with a heading row of the same height, so "Create" and "Results" line up. */
  .section-head,
  .canvas-heading {
    min-height: 2.5rem;
  }
  .section-head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--_space-2);
  }
  .canvas-heading {
    display: flex;
    align-items: center;
  }
  [part='compare-toggle'][aria-pressed='true'] {
    border-color: var(--pixorly-color-accent, #4f46e5);
    box-shadow: inset 0 0 0 1px var(--pixorly-color-accent, #4f46e5);
    background: color-mix(in srgb, var(--pixorly-color-accent, #4f46e5) 10%, var(--pixorly-color-surface, #ffffff));
  }
  /* minmax(0, 1fr) rather than auto: a wide child must not widen the column past the studio. */
  section {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--_space-3);
    min-width: 0;
  }
  .compose {
    gap: var(--_space-4);
  }
  .canvas {
    align-content: start;
    gap: var(--_space-4);
  }
  .stage {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    align-content: start;
    gap: var(--_space-4);
    padding: var(--_space-4);
    border-radius: var(--_radius-lg);
    background: var(--pixorly-color-canvas, #e9ebf1);
  }
  @container (min-width: 60rem) {
    .stage {
      min-height: 36rem;
      padding: var(--_space-5);
    }
  }
  @container (max-width: 30rem) {
    .stage {
      padding: var(--_space-3);
    }
  }
  /* The latest job big: its results fill the canvas's width, two or more side by side when there is room. */
  .latest {
    --pixorly-thumbnail-size: min(100%, 15rem);
    --pixorly-results-fill: auto-fit;
    --pixorly-result-max-height: 34rem;
    /* Capped in height, a tall image is shown whole (letterboxed), not cropped. */
    --pixorly-image-fit: contain;
  }
  .latest pixorly-job-status {
    --pixorly-job-padding: var(--_space-4);
  }
  .jobs ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 15rem), 1fr));
    gap: var(--_space-3);
  }
  .jobs h3,
  .comparison h3 {
    color: var(--pixorly-color-muted, #555b6a);
    font-size: var(--_text-sm);
    font-weight: 600;
    text-transform: uppercase;
    letter-spacing: 0.04em;
  }
  .recent {
    --pixorly-thumbnail-size: 5.5rem;
  }
  /* Beside the empty state, a strip that only says "your images will appear here" says it twice. */
  .recent.quiet[empty] {
    display: none;
  }
  .empty {
    margin: 0;
    color: var(--pixorly-color-muted, #565b69);
  }
  .empty-state {
    display: grid;
    justify-items: center;
    text-align: center;
    gap: var(--_space-3);
    padding: var(--_space-6) var(--_space-4);
    border: 1px dashed var(--pixorly-color-border, #d6d9e1);
    border-radius: var(--_radius-lg);
    background: var(--pixorly-color-surface, #ffffff);
  }
  @container (min-width: 60rem) {
    .empty-state {
      padding-block: 4rem;
    }
  }
  .empty-art {
    display: grid;
    place-items: center;
    width: 3.5rem;
    height: 3.5rem;
    border-radius: 50%;
    color: var(--pixorly-color-accent, #4f46e5);
    background: color-mix(in srgb, var(--pixorly-color-accent, #4f46e5) 14%, transparent);
  }
  .empty-art .icon {
    width: 1.75rem;
    height: 1.75rem;
  }
  .empty-title {
    margin: 0;
    font-size: var(--_text-xl);
    font-weight: 700;
    letter-spacing: -0.01em;
  }
  .empty-text {
    margin: 0;
    max-width: 32rem;
    color: var(--pixorly-color-muted, #555b6a);
  }
  .examples {
    list-style: none;
    margin: var(--_space-2) 0 0;
    padding: 0;
    display: flex;
    flex-wrap: wrap;
    justify-content: center;
    gap: var(--_space-2);
    max-width: 40rem;
  }
  .example {
    min-height: var(--_tap);
    border-radius: 999px;
    padding-inline: var(--_space-4);
    font-size: var(--_text-sm);
    text-align: start;
    background: var(--pixorly-color-bg, #f4f5f8);
  }
  .surprise {
    margin-top: var(--_space-2);
    min-height: var(--_tap);
    border-radius: 999px;
    padding-inline: var(--_space-5);
  }
  .library-view .skeleton-grid {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 10rem), 1fr));
    gap: var(--_space-3);
  }
  .skeleton-grid .skeleton {
    aspect-ratio: 1;
    border-radius: var(--_radius);
  }
  @media (prefers-reduced-motion: reduce) {
    .dot {
      animation: none !important;
    }
  }
  .tabs {
    display: flex;
    gap: var(--_space-1);
    border-bottom: 1px solid var(--pixorly-color-border, #d4d6de);
    overflow-x: auto;
    scrollbar-width: none;
  }
  [part='tab'] {
    border: 0;
    border-bottom: 2px solid transparent;
    border-radius: 0;
    margin-bottom: -1px;
    min-height: var(--_tap);
    padding-inline: var(--_space-3);
    background: none;
    color: var(--pixorly-color-muted, #565b69);
    font-weight: 600;
  }
  [part='tab']:hover:not(:disabled) {
    border-color: transparent;
    border-bottom-color: var(--pixorly-color-border, #d4d6de);
    color: var(--pixorly-color-text, #1b1d23);
  }
  [part='tab'][aria-selected='true'] {
    border-bottom-color: var(--pixorly-color-accent, #4f46e5);
    color: var(--pixorly-color-text, #1b1d23);
  }
  [role='tabpanel'][hidden] {
    display: none;
  }
`;
