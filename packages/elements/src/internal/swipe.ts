/**
 * A horizontal swipe on a touch screen, from pointer events (what Chromium, Safari and
 * Firefox all send for touch). Mouse drags are not swipes: they select and scroll.
 */
export type SwipeDirection = "left" | "right";

/** How far (px) a finger must travel sideways, and more sideways than up or down, to count. */
const MIN_DISTANCE = 50;

export interface SwipeHandlers {
  pointerdown: (event: PointerEvent) => void;
  pointerup: (event: PointerEvent) => void;
  pointercancel: () => void;
}

/** Listeners to put on the swiped element; `onSwipe` gets the direction the finger moved. */
export function swipeHandlers(onSwipe: (direction: SwipeDirection) => void): SwipeHandlers {
  let start: { id: number; x: number; y: number } | undefined;
  return {
    pointerdown: (event) => {
      start =
        event.pointerType === "touch" && event.isPrimary
          ? { id: event.pointerId, x: event.clientX, y: event.clientY }
          : undefined;
    },
    pointerup: (event) => {
      if (!start || event.pointerId !== start.id) return;
      const dx = event.clientX - start.x;
      const dy = event.clientY - start.y;
      start = undefined;
      if (Math.abs(dx) >= MIN_DISTANCE && Math.abs(dx) > Math.abs(dy)) onSwipe(dx < 0 ? "left" : "right");
    },
    pointercancel: () => {
      start = undefined;
    },
  };
}
