import { css } from 'lit';

const light = css`
  color-scheme: light;
  --pixorly-color-bg: #f7f8fa;
  --pixorly-color-surface: #ffffff;
  --pixorly-color-surface-2: #eef0f4;
  --pixorly-color-border: #d4d6de;
  --pixorly-color-text: #1b1d23;
  --pixorly-color-muted: #565b69;
  --pixorly-color-accent: #4f46e5;
  --pixorly-color-on-accent: #ffffff;
  --pixorly-color-danger: #b42318;
  --pixorly-color-success: #067647;
`;

const dark = css`
  color-scheme: dark;
  --pixorly-color-bg: #111318;
  --pixorly-color-surface: #1a1d24;
  --pixorly-color-surface-2: #252a33;
  --pixorly-color-border: #3a404c;
  --pixorly-color-text: #e8eaf0;
  --pixorly-color-muted: #a3a9b7;
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
    --pixorly-radius: 0.5rem;
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
