import { css } from "lit";

export default css`
  :host {
    display: block;
  }
  .cells {
    display: grid;
    /* Side by side from two 15rem columns up; one column (stacked) on a phone. */
    grid-template-columns: repeat(auto-fit, minmax(min(100%, var(--pixorly-comparison-cell-min-width, 15rem)), 1fr));
    gap: var(--pixorly-space, 0.75rem);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .cells > li {
    display: grid;
    min-width: 0;
  }
  .message {
    margin: 0;
    padding: var(--pixorly-space, 0.75rem);
    border: 1px dashed var(--pixorly-color-border, #d4d6de);
    border-radius: var(--pixorly-radius, 0.5rem);
    color: var(--pixorly-color-muted, #565b69);
  }
`;
