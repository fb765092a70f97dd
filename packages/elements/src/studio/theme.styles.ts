// css-tag alone, not "lit": these sheets are in the shell pixorly.js paints before Lit loads (studio-shell.ts).
import { css } from "@lit/reactive-element/css-tag.js";

const light = css`
  color-scheme: light;
  --pixorly-color-bg: #f4f5f8;
  --pixorly-color-surface: #ffffff;
  --pixorly-color-surface-2: #eceef3;
  --pixorly-color-border: #d6d9e1;
  --pixorly-color-text: #14161c;
  --pixorly-color-muted: #555b6a;
  --pixorly-color-canvas: #e9ebf1;
  --pixorly-color-accent: #4f46e5;
  --pixorly-color-on-accent: #ffffff;
  --pixorly-color-danger: #b42318;
  --pixorly-color-success: #067647;
`;

const dark = css`
  color-scheme: dark;
  --pixorly-color-bg: #0e1014;
  --pixorly-color-surface: #181b22;
  --pixorly-color-surface-2: #232731;
  --pixorly-color-border: #343a47;
  --pixorly-color-text: #eceef3;
  --pixorly-color-muted: #a3a9b7;
  --pixorly-color-canvas: #08090c;
  --pixorly-shadow-1: 0 1px 2px rgb(0 0 0 / 0.4);
  --pixorly-shadow-2: 0 4px 10px -2px rgb(0 0 0 / 0.5);
  --pixorly-shadow-3: 0 12px 28px -6px rgb(0 0 0 / 0.6);
  --pixorly-color-accent: #8b85ff;
  --pixorly-color-on-accent: #111318;
  --pixorly-color-danger: #ff8a80;
  --pixorly-color-success: #5fd39a;
`;

/**
 * The studio's palettes. Set on the host, so the page can override any token
 * (`pixorly-studio { --pixorly-color-accent: … }` beats `:host`), and inherited by
 * every element inside the studio.
 */
export default css`
  :host {
    ${light}
    --pixorly-radius: 0.625rem;
    --pixorly-space: 0.75rem;
    --pixorly-font-size: 0.9375rem;
  }
  :host([theme='dark']) {
    ${dark}
  }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      ${dark}
    }
  }
`;
