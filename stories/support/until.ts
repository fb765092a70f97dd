/** Waits for `condition` in a story's `play` (elements render asynchronously; the in-memory client answers after a delay). */
export async function until<T>(
  condition: () => T | undefined | null | false,
  what: string,
  timeoutMs = 8_000,
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = condition();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
