import { css } from 'lit';

export default css`
  :host {
    display: block;
  }
  .card {
    display: grid;
    gap: calc(var(--pixorly-space, 0.75rem) * 0.5);
    padding: var(--pixorly-space, 0.75rem);
    border: 1px solid var(--pixorly-color-border, #d4d6de);
    border-radius: var(--pixorly-radius, 0.5rem);
    background: var(--pixorly-color-surface, #ffffff);
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
    font-size: 0.875em;
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
  .results {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(var(--pixorly-thumbnail-size, 7rem), 1fr));
    gap: calc(var(--pixorly-space, 0.75rem) * 0.5);
  }
  .results li {
    display: grid;
    gap: 0.25rem;
  }
  .open {
    display: block;
    width: 100%;
    min-height: 0;
    padding: 0;
    border: 0;
    background: none;
    border-radius: var(--pixorly-radius, 0.5rem);
    cursor: zoom-in;
  }
  [part='download'] {
    min-height: 1.75rem;
    font-size: 0.875em;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  @media (prefers-reduced-motion: reduce) {
    [part='progress-bar'] {
      transition: none;
      animation: none !important;
    }
  }
`;
