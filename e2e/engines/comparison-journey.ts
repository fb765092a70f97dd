/**
 * The comparison journey (comparison-journey.spec.ts) for Firefox and WebKit: one prompt on Aurora, Mosaic and
 * Nebula side by side in the studio page, each followed live to its image, and the three jobs in the session's list.
 */
import { expect } from "@playwright/test";
import type { E2eStack } from "../support/stack-info.js";
import { locate, type EngineDriver } from "./driver.js";
import { readPrompt } from "./user-journey.js";

const MODELS = ["Aurora", "Mosaic", "Nebula"];

export async function comparisonJourney(driver: EngineDriver, stack: E2eStack): Promise<void> {
  // Each engine's own prompt, so the images counted are the ones this run made.
  const prompt = `a fox in the snow, three ways (${driver.name})`;
  await driver.goto(`${stack.demoUrl}/studio.html`);
  const studio = locate(driver, "pixorly-studio");
  await studio.getByRole("status").filter({ hasText: "Connected" }).waitFor();

  await studio.getByRole("button", { name: "Compare models" }).click();
  const models = studio.getByRole("group", { name: "Model" });
  // A box that did not tick shows at the end: the comparison would not hold one image per model.
  for (const name of MODELS) await models.getByRole("checkbox", { name }).click();
  await studio.getByRole("textbox", { name: "Prompt" }).fill(prompt);
  await expect
    .poll(() => driver.evaluate(readPrompt, null), { message: `${driver.name}: the prompt was typed` })
    .toBe(prompt);
  await studio.getByRole("radio", { name: /^16:9 Widescreen/ }).click();
  // In comparison mode the button says how many models it runs ("Generate 3 images", …).
  await studio.getByRole("button", { name: /^Generate/ }).click();

  const results = studio.getByRole("region", { name: "Results" });
  const comparison = results.locator("pixorly-comparison");
  await expect
    .poll(() => comparison.getByRole("img", { name: prompt, exact: true }).count(), {
      timeout: 60_000,
      message: `${driver.name}: one image per model in the comparison`,
    })
    .toBe(MODELS.length);
  expect(await driver.errors()).toEqual([]);
}
