import { css } from "lit";
import { checkerboard } from "../base/checkerboard.styles.js";

/** The image input's look (issue 16); the chips and hints come from the prompt box's own styles. */
export default css`
  .image-input {
    display: grid;
    gap: var(--_space-2);
    min-width: 0;
  }
  .image-input legend {
    font-weight: 600;
    margin-bottom: var(--_space-1);
  }
  .drop-zone {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-2);
    padding: var(--_space-3);
    border: 1.5px dashed var(--pixorly-color-border, #d4d6de);
    border-radius: var(--_radius);
    transition: border-color var(--_duration) var(--_ease), background-color var(--_duration) var(--_ease);
  }
  .drop-zone[data-dragging] {
    border-color: var(--pixorly-color-accent, #4f46e5);
    background: color-mix(in srgb, var(--pixorly-color-accent, #4f46e5) 8%, transparent);
  }
  .drop-zone .hint {
    margin: 0;
    flex-basis: 100%;
  }
  .image-preview {
    display: flex;
    align-items: center;
    gap: var(--_space-3);
  }
  .thumbnail {
    flex: none;
    width: 4.5rem;
    height: 4.5rem;
    object-fit: contain;
    border-radius: var(--_radius-sm);
    ${checkerboard}
  }
  .preview-text {
    display: grid;
    gap: var(--_space-1);
    min-width: 0;
    flex: 1;
  }
  .preview-name {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .progress {
    display: grid;
    gap: var(--_space-1);
    font-size: var(--_text-sm);
  }
  .progress progress {
    width: 100%;
    accent-color: var(--pixorly-color-accent, #4f46e5);
  }
  .library-picker ul {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(4.5rem, 1fr));
    gap: var(--_space-2);
    margin: 0;
    padding: 0;
    list-style: none;
    max-height: 15rem;
    overflow: auto;
  }
  .library-choice {
    width: 100%;
    aspect-ratio: 1;
    padding: 0;
    overflow: hidden;
  }
  .library-choice pixorly-image {
    width: 100%;
    height: 100%;
    --pixorly-image-fit: cover;
  }
  .image-input .error:empty {
    display: none;
  }
  .strength {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-2);
  }
  .strength input {
    flex: 1;
    min-width: 8rem;
    accent-color: var(--pixorly-color-accent, #4f46e5);
  }
  .strength .hint {
    flex-basis: 100%;
    font-weight: 400;
  }
  .image-input .chip {
    white-space: nowrap;
  }
`;
