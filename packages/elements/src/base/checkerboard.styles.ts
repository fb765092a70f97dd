import { css } from "lit";

/**
 * The checkerboard behind images that may be transparent (background removal makes PNGs with
 * alpha; masks are painted over images): declarations to put inside a rule. It follows the theme's
 * two surface colours, so it reads as "nothing here" in light and dark mode alike.
 */
export const checkerboard = css`
  background-color: var(--pixorly-color-surface, #ffffff);
  background-image: repeating-conic-gradient(
    var(--pixorly-color-surface-2, #e4e6ec) 0 25%,
    var(--pixorly-color-surface, #ffffff) 0 50%
  );
  background-size: 1rem 1rem;
`;
