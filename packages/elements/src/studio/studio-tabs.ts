/**
 * The studio's view switcher (Create / Library / Collections) as ARIA tabs: one tab stop,
 * arrows/Home/End move between tabs and show them (automatic activation).
 */
import { html } from "lit";
import { msg } from "../i18n/localize.js";

export type StudioView = "create" | "library" | "collections";

/** The views, with their labels in the page's language (a function: the locale may change). */
export const STUDIO_VIEWS: readonly { id: StudioView; label: () => string }[] = [
  { id: "create", label: () => msg("Create") },
  { id: "library", label: () => msg("Library") },
  { id: "collections", label: () => msg("Collections") },
];

/** The view a key press on the tab list moves to, or null for other keys. */
export function tabKeyTarget(key: string, current: StudioView): StudioView | null {
  const index = STUDIO_VIEWS.findIndex((view) => view.id === current);
  const last = STUDIO_VIEWS.length - 1;
  const to =
    key === "ArrowRight"
      ? (index + 1) % STUDIO_VIEWS.length
      : key === "ArrowLeft"
        ? (index + last) % STUDIO_VIEWS.length
        : key === "Home"
          ? 0
          : key === "End"
            ? last
            : -1;
  return to < 0 ? null : STUDIO_VIEWS[to]!.id;
}

export function studioTabs(current: StudioView, onChoose: (view: StudioView, focus: boolean) => void) {
  return html`<div part="tabs" class="tabs" role="tablist" aria-label=${msg("Studio views")}>
    ${STUDIO_VIEWS.map(
      (view) => html`<button
        part="tab"
        type="button"
        role="tab"
        id=${`tab-${view.id}`}
        aria-controls=${`panel-${view.id}`}
        aria-selected=${view.id === current ? "true" : "false"}
        tabindex=${view.id === current ? "0" : "-1"}
        @click=${() => onChoose(view.id, false)}
        @keydown=${(event: KeyboardEvent) => {
          const target = tabKeyTarget(event.key, current);
          if (!target) return;
          event.preventDefault();
          onChoose(target, true);
        }}
      >
        ${view.label()}
      </button>`,
    )}
  </div>`;
}
