/**
 * Keeping keyboard focus inside a dialog and giving it back afterwards. `showModal()` makes
 * the page behind inert, but Tab still leaves for the browser's own UI past the last
 * control; a modal lightbox should cycle within itself instead.
 */

/** The element that really has focus, looking inside shadow roots (document.activeElement stops at the first host). */
export function deepActiveElement(root: Document | ShadowRoot = document): HTMLElement | null {
  const active = root.activeElement as HTMLElement | null;
  return active?.shadowRoot?.activeElement ? deepActiveElement(active.shadowRoot) : active;
}

const TABBABLE =
  'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** The controls in `container` that Tab reaches, in order (hidden ones left out). */
export function tabbables(container: ParentNode): HTMLElement[] {
  return [...container.querySelectorAll<HTMLElement>(TABBABLE)].filter((el) => el.getClientRects().length > 0);
}

/** On Tab from the last control (Shift+Tab from the first), moves focus to the other end of `container`. */
export function trapTab(event: KeyboardEvent, container: ParentNode, root: ShadowRoot): void {
  if (!isTab(event)) return;
  const list = tabbables(container);
  if (list.length === 0) return;
  const active = root.activeElement;
  const first = list[0]!;
  const last = list.at(-1)!;
  if (event.shiftKey && (active === first || !active)) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && active === last) {
    event.preventDefault();
    first.focus();
  }
}

/**
 * Tab or Shift+Tab. WebKitGTK reports Shift+Tab (GTK's ISO_Left_Tab) as key "Unidentified" with code "Tab"
 * (seen under WebKitWebDriver), while still moving focus backwards: without this the trap let focus out.
 */
export function isTab(event: KeyboardEvent): boolean {
  return event.key === "Tab" || (event.key === "Unidentified" && event.code === "Tab");
}
