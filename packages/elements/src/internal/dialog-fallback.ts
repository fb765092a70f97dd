/**
 * `<dialog>` for browsers within the supported floor that lack it (Firefox 88–97 and Safari 14–15.3 have no
 * `showModal()`; the element is unknown there): the `open` attribute is toggled by hand, the styles show it
 * fixed over the page only while open (`dialogFallbackStyles`), and Esc closes it through the host.
 * Browsers with `<dialog>` use the real one (top layer, inert page, `cancel` on Esc).
 */
import { css } from "lit";

export const supportsDialog = (dialog: HTMLElement): dialog is HTMLDialogElement =>
  typeof (dialog as HTMLDialogElement).showModal === "function";

export function isDialogOpen(dialog: HTMLElement): boolean {
  return dialog.hasAttribute("open");
}

export function showDialog(dialog: HTMLElement): void {
  if (supportsDialog(dialog)) dialog.showModal();
  else dialog.setAttribute("open", "");
}

export function closeDialog(dialog: HTMLElement): void {
  if (supportsDialog(dialog)) dialog.close();
  else dialog.removeAttribute("open");
}

/** Where `<dialog>` is unknown it is shown inline and always: hide it closed, and lay it over the page open. */
export const dialogFallbackStyles = css`
  dialog:not([open]) {
    display: none;
  }
  dialog[open] {
    position: fixed;
    top: 0;
    left: 0;
    z-index: 2147483000;
  }
`;
