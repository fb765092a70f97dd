/**
 * The seed's user journey (user-journey.spec.ts) for an engine Playwright cannot drive here: the landing page
 * signs the local user in, then prompt → model → size → submit → the job followed live over the socket → the
 * image in the results and the library → its lightbox → the site's library page. Downloading and collections
 * stay in the Chromium journey (a download in MiniBrowser or a BiDi-driven Firefox needs their own plumbing).
 */
import { expect } from "@playwright/test";
import type { E2eStack } from "../support/stack-info.js";
import { locate, type EngineDriver } from "./driver.js";

export async function userJourney(driver: EngineDriver, stack: E2eStack): Promise<void> {
  // Each engine makes its own image, so the library shows which one it is looking for.
  const prompt = `a red kite over green hills, gouache (${driver.name})`;
  await driver.goto(`${stack.demoUrl}/`);
  const page = locate(driver, ":root");
  await page.getByRole("heading").filter({ hasText: "AI image studio" }).waitFor();
  const studio = locate(driver, "pixorly-studio");

  await studio.getByRole("status").filter({ hasText: "Connected" }).waitFor();
  const balance = studio.locator('[part="credits"]');
  const credits = async () => Number((await balance.innerText()).replace(/\D/g, ""));
  const before = await credits();

  await studio.getByRole("textbox", { name: "Prompt" }).fill(prompt);
  await expect
    .poll(() => driver.evaluate(readPrompt, null), { message: `${driver.name}: the prompt was typed` })
    .toBe(prompt);
  await studio.getByRole("radio", { name: "Nebula" }).click();
  await studio.getByRole("radio", { name: /^3:4 Portrait/ }).click();
  await studio.getByRole("status").filter({ hasText: "2 credits" }).waitFor();

  await driver.evaluate(recordJobStates, null);
  await studio.getByRole("button", { name: "Generate", exact: true }).click();
  const results = studio.getByRole("region", { name: "Results" });
  await results.getByRole("status").filter({ hasText: "Done: 1 image" }).waitFor(60_000);
  // Live over the socket: the card went through the queue and the render before it completed.
  const seen = await driver.evaluate(
    () => (window as unknown as { pixorlyJobStates: string[] }).pixorlyJobStates,
    null,
  );
  expect(seen.at(-1), `${driver.name}: job states ${seen.join(" → ")}`).toBe("completed");
  expect(seen.some((state) => state === "pending" || state === "processing")).toBe(true);
  await expect.poll(credits, { message: `${driver.name}: 2 credits spent` }).toBe(before - 2);
  await results.getByRole("button", { name: `Open image: ${prompt}` }).waitFor();

  // The library has it; its lightbox shows the settings it was made with.
  await studio.getByRole("tab", { name: "Library" }).click();
  const tile = studio.getByRole("listbox", { name: "Images" }).getByRole("option", { name: prompt, exact: true });
  await tile.click();
  const lightbox = studio.getByRole("dialog");
  await lightbox.getByRole("definition").filter({ hasText: "768 × 1024" }).waitFor();
  await lightbox.getByRole("definition").filter({ hasText: "Nebula" }).waitFor();
  await lightbox.getByRole("button", { name: "Close", exact: true }).click();
  await expect
    .poll(() => studio.getByRole("dialog").count(), { message: `${driver.name}: the lightbox closed` })
    .toBe(0);

  // The site's own library page opens the same studio on that view.
  await page
    .getByRole("navigation", { name: "Demo pages" })
    .getByRole("link", { name: "Library", exact: true })
    .click();
  await expect
    .poll(() => studio.getByRole("tab", { name: "Library" }).getAttribute("aria-selected"), {
      message: `${driver.name}: the library page opens the Library tab`,
    })
    .toBe("true");
  await studio.getByRole("listbox", { name: "Images" }).getByRole("option", { name: prompt, exact: true }).waitFor();
  expect(await driver.errors()).toEqual([]);
}

/** The prompt field's value, through the studio's shadow roots. */
export function readPrompt(): string | null {
  const search = (root: ParentNode): HTMLTextAreaElement | null => {
    for (const element of root.querySelectorAll("*")) {
      if (element.localName === "textarea" && element.getAttribute("part") === "prompt")
        return element as HTMLTextAreaElement;
      const inner = element.shadowRoot && search(element.shadowRoot);
      if (inner) return inner;
    }
    return null;
  };
  return search(document)?.value ?? null;
}

/** Records every `status` a job card inside the studio takes, in order (as support/studio.ts does for Chromium). */
function recordJobStates(): void {
  const seen: string[] = [];
  (window as unknown as { pixorlyJobStates: string[] }).pixorlyJobStates = seen;
  new MutationObserver((records) => {
    for (const record of records) {
      const target = record.target as Element;
      const status = target.localName === "pixorly-job-status" ? target.getAttribute("status") : null;
      if (status && seen.at(-1) !== status) seen.push(status);
    }
  }).observe(document.querySelector("pixorly-studio")!.shadowRoot!, {
    subtree: true,
    attributes: true,
    attributeFilter: ["status"],
  });
}
