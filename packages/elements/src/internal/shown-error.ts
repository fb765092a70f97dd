/**
 * An error whose message is written for people (a download that failed, an image that is
 * gone): shown as it is. Anything else thrown is shown as its code's plain default, so no
 * internal text reaches the page.
 */
export class ShownError extends Error {}

/** The sentence to show for `error`: its own for a `ShownError`, else the code's default. */
export function shownMessage(error: unknown, fallback: string): string {
  return error instanceof ShownError ? error.message : fallback;
}
