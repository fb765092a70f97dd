/**
 * The studio's style sheets, in the order they apply: one list for `PixorlyStudio.styles` and for the shell
 * `pixorly.js` paints before Lit has loaded (studio-shell.ts), so both paint the same header. Every sheet here
 * is built with `@lit/reactive-element`'s css tag alone: importing this module does not bring Lit's renderer.
 */
import { buttonStyles, focusRing, hostStyles, skeletonStyles } from "../base/shared.styles.js";
import styles from "./studio.styles.js";
import theme from "./theme.styles.js";

export const studioStyles = [theme, hostStyles, focusRing, buttonStyles, skeletonStyles, styles];
