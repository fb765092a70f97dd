/**
 * Work that must not hold back the first paint (opening the Convex client, loading the workspace
 * chunk) runs here: once the browser has painted the next frame — an animation frame, then a task —
 * and the page's first contentful paint has been presented. The second condition matters on a busy
 * machine: compiling a chunk right after the frame was committed competed with rastering it, and
 * the first paint came out later. A document that gets no frames (a background tab, a hidden
 * iframe) runs the work after 100 ms anyway.
 */
const FALLBACK_MS = 100;

let presented: Promise<void> | undefined;

/** Resolves once the document's first contentful paint has been presented (or 100 ms have passed). */
function firstContentfulPaint(): Promise<void> {
  presented ??= new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, FALLBACK_MS);
    try {
      const observer = new PerformanceObserver((list) => {
        if (!list.getEntriesByName("first-contentful-paint").length) return;
        observer.disconnect();
        clearTimeout(timer);
        resolve();
      });
      observer.observe({ type: "paint", buffered: true });
    } catch {
      // No paint timing in this browser: the frame and the fallback decide.
    }
  });
  return presented;
}

/** Runs `callback` after the next painted frame and the first contentful paint, or after 100 ms without frames. */
export function afterPaint(callback: () => void): void {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    callback();
  };
  requestAnimationFrame(() => setTimeout(() => void firstContentfulPaint().then(run), 0));
  setTimeout(run, FALLBACK_MS);
}

/** Runs `callback` in the task after the next frame (an animation frame, then a task), or after 100 ms without frames. */
export function afterNextFrame(callback: () => void): void {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    callback();
  };
  requestAnimationFrame(() => setTimeout(run, 0));
  setTimeout(run, FALLBACK_MS);
}
