import { css } from "lit";

export default css`
  :host {
    display: block;
  }
  .card {
    display: grid;
    gap: var(--_space-2);
    padding: var(--pixorly-job-padding, var(--_space-3));
    border: 1px solid var(--pixorly-color-border, #d4d6de);
    border-radius: var(--_radius-lg);
    background: var(--pixorly-color-surface, #ffffff);
    box-shadow: var(--_shadow-1);
  }
  p {
    margin: 0;
  }
  .status {
    font-weight: 600;
  }
  .status:empty {
    display: none;
  }
  :host([status='failed']) .status,
  :host([status='not-found']) .status,
  :host([status='error']) .status {
    color: var(--pixorly-color-danger, #b42318);
  }
  .meta,
  .hint {
    color: var(--pixorly-color-muted, #565b69);
    font-size: var(--_text-sm);
  }
  .prompt {
    display: -webkit-box;
    -webkit-line-clamp: 3;
    -webkit-box-orient: vertical;
    overflow: hidden;
    overflow-wrap: anywhere;
  }
  .progress {
    height: 0.5rem;
    border-radius: 999px;
    background: var(--pixorly-color-surface-2, #eef0f4);
    overflow: hidden;
  }
  [part='progress-bar'] {
    height: 100%;
    background: var(--pixorly-color-accent, #4f46e5);
    transition: width 250ms linear;
  }
  .indeterminate [part='progress-bar'] {
    width: 30%;
    animation: slide 1.2s ease-in-out infinite;
  }
  @keyframes slide {
    from {
      transform: translateX(-100%);
    }
    to {
      transform: translateX(340%);
    }
  }
  .error {
    color: var(--pixorly-color-danger, #b42318);
  }
  .error:empty {
    display: none;
  }
  /* Thumbnails in a card; the studio shows its latest job big by setting the size and auto-fit. */
  .results {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    grid-template-columns: repeat(var(--pixorly-results-fill, auto-fill), minmax(var(--pixorly-thumbnail-size, 7rem), 1fr));
    gap: var(--_space-2);
  }
  .results li {
    position: relative;
    display: grid;
  }
  .frame {
    width: 100%;
    max-height: var(--pixorly-result-max-height, none);
    border-radius: var(--_radius);
  }
  .results pixorly-image {
    max-height: var(--pixorly-result-max-height, none);
    border-radius: var(--_radius);
  }
  .open {
    display: block;
    width: 100%;
    min-height: 0;
    padding: 0;
    border: 0;
    background: none;
    border-radius: var(--_radius);
    cursor: zoom-in;
  }
  /* Download sits on the image's corner, as in image tools, instead of a row of buttons under it. */
  [part='download'] {
    position: absolute;
    inset: auto var(--_space-2) var(--_space-2) auto;
    min-height: 2rem;
    padding-inline: var(--_space-3);
    font-size: var(--_text-sm);
    border-color: transparent;
    border-radius: 999px;
    background: color-mix(in srgb, var(--pixorly-color-surface, #ffffff) 88%, transparent);
    box-shadow: var(--_shadow-2);
    backdrop-filter: blur(6px);
  }
  @media (pointer: coarse) {
    [part='download'] {
      min-height: var(--_tap);
    }
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-2);
  }
  @media (prefers-reduced-motion: reduce) {
    [part='progress-bar'] {
      transition: none;
      animation: none !important;
    }
  }
  /* The loading card's shape (S: the skeleton replaces the "Loading job…" text; D may restyle). */
  .loading {
    display: grid;
    gap: 0.5rem;
  }
  .loading .line {
    height: 0.875rem;
  }
  .loading .short {
    width: 40%;
  }
  .loading .bar {
    height: 0.5rem;
  }
`;
