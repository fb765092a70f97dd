/**
 * Whether to advertise keyboard shortcuts ("Ctrl+Enter", "↑ ↓ to move"): only where the main
 * pointer is precise (a mouse, so likely a keyboard too), not on touch screens, where the hint is
 * noise. The shortcuts themselves keep working for a keyboard attached to a tablet.
 */
export function showsKeyboardHints(): boolean {
  return !matchMedia("(pointer: coarse)").matches;
}
