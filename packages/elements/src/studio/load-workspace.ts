/**
 * Loads the workspace elements (`workspace.ts`) once. The studio asks for them when it opens its
 * client (after its first paint); `pixorly.js` asks at once when the page itself holds one of
 * their tags, and otherwise right after the first paint, so every tag is defined soon either way.
 */
let loading: Promise<void> | undefined;

/** The tags `workspace.ts` defines. */
export const WORKSPACE_TAGS = [
  "pixorly-comparison",
  "pixorly-comparison-cell",
  "pixorly-image",
  "pixorly-job-status",
  "pixorly-model-picker",
  "pixorly-prompt-box",
  "pixorly-recent-results",
] as const;

export function loadWorkspace(): Promise<void> {
  loading ??= import("./workspace.js").then(
    () => undefined,
    (error: unknown) => {
      // A failed load (offline for a moment) may be tried again.
      loading = undefined;
      throw error;
    },
  );
  return loading;
}
