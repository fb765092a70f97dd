import { css } from "lit";
import { checkerboard } from "../base/checkerboard.styles.js";

/** The lightbox's image-edit sections, the mask editor's stage and the checkerboard behind transparent images (issue 16). */
export default css`
  .edit-actions,
  .lineage {
    display: grid;
    gap: var(--_space-2);
    margin-top: var(--_space-4);
  }
  .edit-actions h3,
  .lineage h3 {
    margin: 0;
    font-size: var(--_text-sm);
    color: var(--pixorly-color-muted, #555b6a);
    text-transform: uppercase;
    letter-spacing: 0.04em;
  }
  .edit-buttons {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-2);
  }
  .edit-reasons {
    margin: 0;
    padding-inline-start: 1.1rem;
    font-size: var(--_text-sm);
    color: var(--pixorly-color-muted, #555b6a);
  }
  .edit-reasons:empty {
    display: none;
  }
  .edit-actions [aria-pressed='true'] {
    border-color: var(--pixorly-color-accent, #4f46e5);
  }
  .inpaint-prompt {
    display: grid;
    gap: var(--_space-1);
  }
  .inpaint-prompt textarea {
    font: inherit;
    padding: var(--_space-2);
    border: 1px solid var(--pixorly-color-border, #d4d6de);
    border-radius: var(--_radius-sm);
    background: var(--pixorly-color-surface, #ffffff);
    color: inherit;
    resize: vertical;
  }
  .lineage ol {
    margin: 0;
    padding-inline-start: 1.1rem;
    display: grid;
    gap: var(--_space-1);
  }
  .lineage-operation {
    color: var(--pixorly-color-muted, #555b6a);
    margin-inline-end: var(--_space-2);
  }
  .lineage-link {
    min-height: 0;
    padding: 0;
    border: 0;
    background: none;
    color: var(--pixorly-color-accent, #4f46e5);
    text-decoration: underline;
    text-align: start;
    font-weight: 400;
  }
  .lineage-gone {
    font-style: italic;
  }
  .edit-stage {
    display: block;
    padding: var(--_space-3);
    background: var(--pixorly-color-surface, #ffffff);
    overflow: auto;
  }
  .edit-stage pixorly-mask-editor {
    --pixorly-mask-editor-height: 100%;
    height: 100%;
  }
  .edit-loading {
    color: var(--pixorly-color-muted, #555b6a);
  }
  /* Transparent images (background removed) show a checkerboard once loaded; opaque ones cover it. */
  .stage pixorly-image[loaded] {
    ${checkerboard}
  }
`;
