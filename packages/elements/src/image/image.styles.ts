import { css } from "lit";

export default css`
  :host {
    display: block;
    position: relative;
    overflow: hidden;
    border-radius: var(--pixorly-radius, 0.5rem);
    background: var(--pixorly-color-surface-2, #eef0f4);
  }
  .frame {
    position: relative;
    width: 100%;
    height: 100%;
  }
  img {
    display: block;
    width: 100%;
    height: 100%;
    object-fit: var(--pixorly-image-fit, cover);
  }
  [part='placeholder'] {
    position: absolute;
    inset: 0;
    filter: blur(2px);
    transform: scale(1.05);
  }
  [part='image'] {
    position: relative;
    opacity: 0;
    transition: opacity 0.25s ease-out;
  }
  :host([loaded]) [part='image'] {
    opacity: 1;
  }
  .note {
    position: absolute;
    inset: auto 0 0 0;
    padding: 0.25rem 0.5rem;
    font-size: 0.8em;
    background: var(--pixorly-color-surface, #ffffff);
    color: var(--pixorly-color-muted, #565b69);
  }
  @media (prefers-reduced-motion: reduce) {
    [part='image'] {
      transition: none;
    }
  }
`;
