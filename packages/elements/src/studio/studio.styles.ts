import { css } from 'lit';

export default css`
  :host {
    display: block;
    min-width: 0;
    container-type: inline-size;
  }
  .studio {
    display: grid;
    gap: var(--pixorly-space, 0.75rem);
    padding: var(--pixorly-space, 0.75rem);
    background: var(--pixorly-color-bg, #f7f8fa);
    color: var(--pixorly-color-text, #1b1d23);
    border-radius: var(--pixorly-radius, 0.5rem);
  }
  header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem;
  }
  h2 {
    font-size: 1em;
    margin: 0;
  }
  .title {
    font-weight: 700;
    font-size: 1.1em;
    margin: 0;
  }
  .status-line {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.75rem;
    color: var(--pixorly-color-muted, #565b69);
    font-size: 0.875em;
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
  .layout {
    display: grid;
    gap: var(--pixorly-space, 0.75rem);
    grid-template-columns: minmax(0, 1fr);
  }
  @container (min-width: 56rem) {
    .layout {
      grid-template-columns: minmax(0, 3fr) minmax(0, 2fr);
      align-items: start;
    }
    .recent,
    .comparison {
      grid-column: 1 / -1;
    }
  }
  .section-head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem;
  }
  [part='compare-toggle'][aria-pressed='true'] {
    border-color: var(--pixorly-color-accent, #4f46e5);
    box-shadow: inset 0 0 0 1px var(--pixorly-color-accent, #4f46e5);
  }
  /* minmax(0, 1fr) rather than auto: a wide child must not widen the column past the studio. */
  section {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: calc(var(--pixorly-space, 0.75rem) * 0.75);
    min-width: 0;
  }
  .jobs ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: calc(var(--pixorly-space, 0.75rem) * 0.75);
  }
  .empty {
    margin: 0;
    color: var(--pixorly-color-muted, #565b69);
  }
  @media (prefers-reduced-motion: reduce) {
    .dot {
      animation: none !important;
    }
  }
  .tabs {
    display: flex;
    gap: 0.25rem;
    border-bottom: 1px solid var(--pixorly-color-border, #d4d6de);
  }
  [part='tab'] {
    border: 0;
    border-bottom: 3px solid transparent;
    border-radius: 0;
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
