/**
 * What a key press on a gallery tile means (the listbox pattern of the ARIA practices, in a
 * grid): arrows move focus (Shift extends the selection), Space toggles, Enter opens,
 * Ctrl/⌘+A selects all, Esc clears, Delete asks to delete. No DOM here.
 */
export type GalleryKeyAction =
  | { kind: "move"; to: number; extend: boolean }
  | { kind: "toggle"; range: boolean }
  | { kind: "open" }
  | { kind: "select-all" }
  | { kind: "clear" }
  | { kind: "delete" };

export function galleryKeyAction(
  event: Pick<KeyboardEvent, "key" | "shiftKey" | "ctrlKey" | "metaKey" | "altKey">,
  index: number,
  count: number,
  columns: number,
): GalleryKeyAction | null {
  if (event.altKey) return null;
  const command = event.ctrlKey || event.metaKey;
  const move = (to: number): GalleryKeyAction => ({
    kind: "move",
    to: Math.max(0, Math.min(count - 1, to)),
    extend: event.shiftKey,
  });
  switch (event.key) {
    case "ArrowRight":
      return move(index + 1);
    case "ArrowLeft":
      return move(index - 1);
    case "ArrowDown":
      return move(index + columns);
    case "ArrowUp":
      return move(index - columns);
    case "Home":
      return move(0);
    case "End":
      return move(count - 1);
    case " ":
      return { kind: "toggle", range: event.shiftKey };
    case "Enter":
      return { kind: "open" };
    case "a":
    case "A":
      return command ? { kind: "select-all" } : null;
    case "Escape":
      return { kind: "clear" };
    case "Delete":
    case "Backspace":
      return { kind: "delete" };
    default:
      return null;
  }
}
