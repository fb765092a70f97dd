import { css } from "lit";
import { checkerboard } from "../base/checkerboard.styles.js";

export default css`
  :host {
    display: flex;
    flex-direction: column;
    gap: var(--_space-2);
    height: var(--pixorly-mask-editor-height, 32rem);
    min-height: 16rem;
    color: var(--pixorly-color-text, #1b1d23);
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-2) var(--_space-4);
    padding: var(--_space-2);
    border: 1px solid var(--pixorly-color-border, #d4d6de);
    border-radius: var(--_radius);
    background: var(--pixorly-color-surface, #ffffff);
  }
  .group {
    display: inline-flex;
    gap: var(--_space-1);
  }
  .toolbar button[aria-pressed='true'] {
    border-color: var(--pixorly-color-accent, #4f46e5);
    background: color-mix(in srgb, var(--pixorly-color-accent, #4f46e5) 14%, var(--pixorly-color-surface, #ffffff));
  }
  .zoom-fit {
    min-width: 4.5rem;
    font-variant-numeric: tabular-nums;
  }
  .slider {
    display: inline-flex;
    align-items: center;
    gap: var(--_space-2);
    font-size: var(--_text-sm);
  }
  .slider input {
    width: 7rem;
    accent-color: var(--pixorly-color-accent, #4f46e5);
  }
  .stage {
    position: relative;
    flex: 1;
    min-height: 0;
    display: flex;
    overflow: auto;
    border-radius: var(--_radius);
    ${checkerboard}
  }
  .content {
    position: relative;
    flex: none;
    /* Centred while smaller than the stage, scrollable from its edge once larger. */
    margin: auto;
    touch-action: none;
    cursor: crosshair;
    user-select: none;
    -webkit-user-select: none;
  }
  img,
  canvas {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
    -webkit-user-drag: none;
  }
  canvas {
    color: var(--pixorly-mask-color, #ff2d75);
    opacity: var(--pixorly-mask-opacity, 0.5);
  }
  .cursor {
    position: absolute;
    pointer-events: none;
    border-radius: 50%;
    border: 1.5px solid #ffffff;
    box-shadow: 0 0 0 1px rgb(0 0 0 / 0.6);
  }
  :host([tool='eraser']) .cursor {
    border-style: dashed;
  }
  @media (prefers-reduced-motion: no-preference) {
    .cursor {
      transition:
        left 60ms linear,
        top 60ms linear;
    }
  }
  .load-error {
    margin: auto;
    color: var(--pixorly-color-danger, #b42318);
  }
  .footer {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-2);
  }
  .hint {
    margin: 0 auto 0 0;
    font-size: var(--_text-sm);
    color: var(--pixorly-color-muted, #555b6a);
  }
  @media (forced-colors: active) {
    canvas {
      opacity: 0.6;
    }
    .cursor {
      border-color: CanvasText;
    }
  }
`;
