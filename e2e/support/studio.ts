/** What every journey does with a page: collect its errors, and follow a studio's job cards' states. */
import type { Locator, Page } from "@playwright/test";

/** Uncaught page errors, filled as they happen; a journey expects it empty at its end. */
export function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  return errors;
}

/**
 * Starts recording every `status` a job card inside `studio` takes (pending, processing, completed…),
 * in order; `read()` returns them. Installed before the submit, so no state is missed.
 */
export async function recordJobStates(studio: Locator): Promise<{ read(): Promise<string[]> }> {
  await studio.evaluate((element) => {
    const seen: string[] = [];
    (window as unknown as { pixorlyJobStates: string[] }).pixorlyJobStates = seen;
    new MutationObserver((records) => {
      for (const record of records) {
        const target = record.target as Element;
        const status = target.localName === "pixorly-job-status" ? target.getAttribute("status") : null;
        if (status && seen.at(-1) !== status) seen.push(status);
      }
    }).observe(element.shadowRoot!, { subtree: true, attributes: true, attributeFilter: ["status"] });
  });
  return {
    read: () => studio.page().evaluate(() => (window as unknown as { pixorlyJobStates: string[] }).pixorlyJobStates),
  };
}
