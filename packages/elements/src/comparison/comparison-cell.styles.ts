import { css } from "lit";

export default css`
  :host {
    display: block;
    min-width: 0;
  }
  .cell {
    display: grid;
    grid-template-rows: auto 1fr auto;
    gap: 0.6rem;
    height: 100%;
    padding: var(--pixorly-space, 0.75rem);
    border: 1px solid var(--pixorly-color-border, #d4d6de);
    border-radius: var(--pixorly-radius, 0.5rem);
    background: var(--pixorly-color-surface, #ffffff);
  }
  header {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: 0.25rem 0.75rem;
  }
  .name {
    font-weight: 600;
  }
  .status {
    font-size: 0.875em;
    color: var(--pixorly-color-muted, #565b69);
  }
  :host([status='completed']) .status {
    color: var(--pixorly-color-success, #067647);
  }
  :host([status='failed']) .status,
  :host([status='error']) .status,
  :host([status='not-found']) .status,
  .error {
    color: var(--pixorly-color-danger, #b42318);
  }
  .result {
    display: grid;
    align-content: start;
    min-width: 0;
  }
  .wait {
    position: relative;
    aspect-ratio: 1;
    max-height: 20rem;
    border-radius: var(--pixorly-radius, 0.5rem);
    background: var(--pixorly-color-surface-2, #eef0f4);
    overflow: hidden;
  }
  .bar {
    position: absolute;
    inset: auto 0.75rem 0.75rem;
    height: 0.375rem;
    border-radius: 999px;
    background: color-mix(in srgb, var(--pixorly-color-accent, #4f46e5) 20%, transparent);
    overflow: hidden;
  }
  .bar span {
    display: block;
    width: 35%;
    height: 100%;
    border-radius: inherit;
    background: var(--pixorly-color-accent, #4f46e5);
    animation: slide 1.2s ease-in-out infinite;
  }
  @keyframes slide {
    from {
      transform: translateX(-100%);
    }
    to {
      transform: translateX(290%);
    }
  }
  .images {
    display: grid;
    grid-template-columns: repeat(var(--count, 1), minmax(0, 1fr));
    gap: 0.5rem;
  }
  .image {
    display: block;
    width: 100%;
    padding: 0;
    border: 2px solid transparent;
    border-radius: calc(var(--pixorly-radius, 0.5rem) + 2px);
    background: none;
    cursor: pointer;
  }
  .item {
    display: grid;
    gap: 0.25rem;
  }
  .image-actions {
    display: flex;
    gap: 0.5rem;
  }
  .image-actions button {
    font: inherit;
    font-size: 0.8125em;
    padding: 0.125rem 0.5rem;
    border: 1px solid var(--pixorly-color-border, #d4d6de);
    border-radius: var(--pixorly-radius, 0.5rem);
    background: var(--pixorly-color-surface, #ffffff);
    color: var(--pixorly-color-text, #1b1d23);
    cursor: pointer;
  }
  @media (pointer: coarse) {
    .image-actions button {
      min-height: var(--_tap, 2.75rem);
      min-width: var(--_tap, 2.75rem);
      padding-inline: 0.75rem;
    }
  }
  .image:hover {
    border-color: color-mix(in srgb, var(--pixorly-color-accent, #4f46e5) 45%, transparent);
  }
  .image[aria-pressed='true'] {
    border-color: var(--pixorly-color-accent, #4f46e5);
  }
  pixorly-image {
    display: block;
    width: 100%;
  }
  p {
    margin: 0;
  }
  .note {
    color: var(--pixorly-color-muted, #565b69);
  }
  .facts {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1.25rem;
    margin: 0;
    font-size: 0.875em;
  }
  .facts div {
    display: flex;
    gap: 0.35rem;
  }
  dt {
    color: var(--pixorly-color-muted, #565b69);
  }
  dd {
    margin: 0;
    font-weight: 600;
  }
  @media (prefers-reduced-motion: reduce) {
    .bar span {
      animation: none;
      width: 100%;
      opacity: 0.5;
    }
  }
`;
