/**
 * The seed's user journey (user-journey.spec.ts) for an engine Playwright cannot drive here: the landing page
 * signs the local user in, then prompt → model → size → submit → the job followed live over the socket → the
 * image in the results → downloaded from its card → the library → a collection, and the image added to it from
 * its lightbox → the site's library and collections pages.
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

  // Download from the result card: the studio follows the edge's signed download link, and the browser saves
  // the PNG it answers with (`Content-Disposition: attachment`) under the edge's name, the page staying put.
  await driver.evaluate(recordFollowedLinks, null);
  await results.getByRole("button", { name: "Download image" }).click();
  await downloaded(driver);
  expect(await driver.evaluate(() => location.pathname, null)).toBe("/");

  // The library has it.
  await studio.getByRole("tab", { name: "Library" }).click();
  const tile = studio.getByRole("listbox", { name: "Images" }).getByRole("option", { name: prompt, exact: true });
  await tile.waitFor();

  // A collection of this engine's own (the journeys share the local user), then the image added to it from
  // the lightbox, which shows the settings the image was made with.
  const collection = `Prints (${driver.name})`;
  await studio.getByRole("tab", { name: "Collections" }).click();
  await studio.getByRole("textbox", { name: "New collection name" }).fill(collection);
  await studio.getByRole("button", { name: "Create", exact: true }).click();
  await studio.getByRole("status").filter({ hasText: "Collection created." }).waitFor();

  await studio.getByRole("tab", { name: "Library" }).click();
  await tile.click();
  const lightbox = studio.getByRole("dialog");
  await lightbox.getByRole("definition").filter({ hasText: "768 × 1024" }).waitFor();
  await lightbox.getByRole("definition").filter({ hasText: "Nebula" }).waitFor();
  await lightbox.getByRole("button", { name: "Add to collection" }).click();
  await lightbox.getByRole("button", { name: collection }).click();
  await lightbox.getByRole("button", { name: "Close", exact: true }).click();
  await expect
    .poll(() => studio.getByRole("dialog").count(), { message: `${driver.name}: the lightbox closed` })
    .toBe(0);

  await studio.getByRole("tab", { name: "Collections" }).click();
  await studio.getByRole("button", { name: collection }).click();
  await studio.getByRole("heading", { name: collection }).waitFor();
  await studio
    .getByRole("tabpanel")
    .getByRole("button", { name: `${prompt}, 1 of 1`, exact: true })
    .waitFor();

  // The site's own library and collections pages open the same studio on those views.
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
  await driver.goto(`${stack.demoUrl}/collections.html`);
  await expect
    .poll(() => studio.getByRole("tab", { name: "Collections" }).getAttribute("aria-selected"), {
      message: `${driver.name}: the collections page opens the Collections tab`,
    })
    .toBe("true");
  await studio.getByRole("button", { name: collection }).waitFor();
  expect(await driver.errors()).toEqual([]);
}

/**
 * Checks the download the page just started, twice over: the file the browser saved in its download folder
 * (`driver.downloads()`), and the link the studio followed, fetched here as plain HTTP — a signed edge URL that
 * answers a PNG as an attachment named `pixorly-<id>.png`, with the same bytes the browser saved.
 */
export async function downloaded(driver: EngineDriver): Promise<void> {
  const followed = () =>
    driver.evaluate(() => (window as unknown as { pixorlyFollowedLinks: string[] }).pixorlyFollowedLinks, null);
  await expect
    .poll(async () => (await followed()).length, { message: `${driver.name}: the studio followed a download link` })
    .toBeGreaterThan(0);
  const href = (await followed()).at(-1)!;
  // A signed CDN URL (the fallback for an older edge would be a `blob:` URL of fetched bytes).
  expect(href, `${driver.name}: the studio followed the edge's signed link`).toMatch(/^https?:\/\/.+[?&]Signature=/);
  const answer = await fetch(href);
  expect(answer.status).toBe(200);
  expect(answer.headers.get("content-type")).toBe("image/png");
  const name = /filename="([^"]+)"/.exec(answer.headers.get("content-disposition") ?? "")?.[1];
  expect(answer.headers.get("content-disposition")).toMatch(/^attachment;/);
  expect(name).toMatch(/^pixorly-.+\.png$/);
  const bytes = Buffer.from(await answer.arrayBuffer());
  expect(bytes.subarray(1, 4).toString("latin1")).toBe("PNG");

  await expect
    .poll(
      async () => {
        const file = (await driver.downloads()).find((saved) => saved.name === name);
        if (!file) return "no such file";
        return file.bytes.equals(bytes) ? "the image's bytes" : `${file.bytes.length} other bytes`;
      },
      { message: `${driver.name}: the browser saved ${name} with the image's bytes` },
    )
    .toBe("the image's bytes");
}

/** Records the `href` of every link clicked in the page (the studio saves a file by clicking a hidden link). */
export function recordFollowedLinks(): void {
  const page = window as unknown as { pixorlyFollowedLinks?: string[] };
  if (page.pixorlyFollowedLinks) return;
  const followed: string[] = (page.pixorlyFollowedLinks = []);
  addEventListener(
    "click",
    (event) => {
      const target = event.target;
      if (target instanceof HTMLAnchorElement && target.href) followed.push(target.href);
    },
    true,
  );
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
