/**
 * The seed's user journey on the demo site, as a visitor does it: the landing page signs the local user in
 * (offline sign-in), then prompt → model → parameters → submit → live status → the image in the library →
 * download → add to a collection.
 */
import { expect, test } from "@playwright/test";
import fs from "node:fs";
import { stackInfo } from "./support/stack-info.js";
import { pageErrors, recordJobStates } from "./support/studio.js";

const stack = stackInfo();
const PROMPT = "a red kite over green hills, gouache";

test("sign in, generate with Nebula at 3:4, follow it live, find it in the library, download it, add it to a collection", async ({
  page,
}, testInfo) => {
  const errors = pageErrors(page);
  await page.goto(`${stack.demoUrl}/`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("AI image studio");
  // The landing page points at the API docs the edge API serves.
  await expect(page.getByRole("link", { name: "API docs" })).toHaveAttribute("href", `${stack.edgeUrl}/docs`);
  expect((await page.request.get(`${stack.edgeUrl}/docs`)).status()).toBe(200);
  const studio = page.locator("pixorly-studio");

  // Offline sign-in: the studio fetches a token from the edge API's dev route and connects as the local user.
  await expect(studio.getByRole("status").filter({ hasText: "Connected" })).toBeVisible();
  // The other journeys spend the same local user's credits, so this one counts from what it finds.
  const balance = studio.locator('[part="credits"]');
  const credits = async () => Number((await balance.innerText()).replace(/\D/g, ""));
  await expect(balance).toBeVisible();
  const before = await credits();

  await studio.getByRole("textbox", { name: "Prompt" }).fill(PROMPT);
  await studio.getByRole("radio", { name: "Nebula" }).check();
  await studio.getByRole("radio", { name: /^3:4 Portrait/ }).check();
  await expect(studio.getByRole("status").filter({ hasText: "Estimated cost" })).toContainText("2 credits");

  const states = await recordJobStates(studio);
  await studio.getByRole("button", { name: "Generate" }).click();
  const results = studio.getByRole("region", { name: "Results" });
  await expect(results.getByRole("status").filter({ hasText: "Done: 1 image" })).toBeVisible({ timeout: 60_000 });
  // Live status over the socket: the card went through the queue and the render before it completed.
  const seen = await states.read();
  expect(seen.at(-1)).toBe("completed");
  expect(seen.some((state) => state === "pending" || state === "processing")).toBe(true);
  await expect.poll(credits).toBe(before - 2);
  await expect(results.getByRole("button", { name: `Open image: ${PROMPT}`, exact: true })).toBeVisible();

  // Download from the result card: a PNG from the signed CDN URL.
  const downloading = page.waitForEvent("download");
  await results.getByRole("button", { name: "Download image" }).first().click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^pixorly-.+\.png$/);
  const file = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(file);
  expect(fs.readFileSync(file).subarray(1, 4).toString("latin1")).toBe("PNG");

  // The library has it, with its settings.
  await studio.getByRole("tab", { name: "Library" }).click();
  const tile = studio.getByRole("listbox", { name: "Images" }).getByRole("option", { name: PROMPT, exact: true });
  await expect(tile).toBeVisible();

  // A collection, then the image added to it from the lightbox.
  await studio.getByRole("tab", { name: "Collections" }).click();
  await studio.getByRole("textbox", { name: "New collection name" }).fill("Posters");
  await studio.getByRole("button", { name: "Create", exact: true }).click();
  await expect(studio.getByRole("status").filter({ hasText: "Collection created." })).toBeVisible();

  await studio.getByRole("tab", { name: "Library" }).click();
  await tile.click();
  const lightbox = studio.getByRole("dialog");
  await expect(lightbox.getByRole("definition").filter({ hasText: "768 × 1024" })).toBeVisible();
  await expect(lightbox.getByRole("definition").filter({ hasText: "Nebula" })).toBeVisible();
  await lightbox.getByRole("button", { name: "Add to collection" }).click();
  await lightbox.getByRole("button", { name: "Posters" }).click();
  await lightbox.getByRole("button", { name: "Close" }).click();

  await studio.getByRole("tab", { name: "Collections" }).click();
  await studio
    .getByRole("button", { name: /Posters/ })
    .first()
    .click();
  await expect(studio.getByRole("heading", { name: "Posters" })).toBeVisible();
  await expect(
    studio.getByRole("tabpanel").getByRole("button", { name: `${PROMPT}, 1 of 1`, exact: true }),
  ).toBeVisible();

  // The site's own library and collections pages open the same studio on those views.
  await page.getByRole("navigation", { name: "Demo pages" }).getByRole("link", { name: "Library" }).click();
  await expect(studio.getByRole("tab", { name: "Library" })).toHaveAttribute("aria-selected", "true");
  await expect(
    studio.getByRole("listbox", { name: "Images" }).getByRole("option", { name: PROMPT, exact: true }),
  ).toBeVisible();
  await page.goto(`${stack.demoUrl}/collections.html`);
  await expect(studio.getByRole("tab", { name: "Collections" })).toHaveAttribute("aria-selected", "true");
  await expect(studio.getByRole("button", { name: /Posters/ }).first()).toBeVisible();
  expect(errors).toEqual([]);
});
