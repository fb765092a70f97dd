/**
 * The backdrop of every story but the studio's: the studio's own palettes (its theme styles,
 * imported, not copied) on a plain element, so an element shown on its own is in the same
 * light or dark colours it has inside `<pixorly-studio>`. The toolbar's Theme switch sets it.
 */
import { LitElement, css, html } from "lit";
import { property } from "lit/decorators.js";
import theme from "../../packages/elements/src/studio/theme.styles.js";

export class StorySurface extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: block;
        padding: 1rem;
        min-height: 100vh;
        box-sizing: border-box;
        background: var(--pixorly-color-bg);
        color: var(--pixorly-color-text);
        font-size: var(--pixorly-font-size);
      }
    `,
  ];

  /** `light` or `dark`, as the studio's `theme`. */
  @property({ reflect: true }) theme: "light" | "dark" = "light";

  override render() {
    return html`<slot></slot>`;
  }
}

if (!customElements.get("pixorly-story-surface")) customElements.define("pixorly-story-surface", StorySurface);
