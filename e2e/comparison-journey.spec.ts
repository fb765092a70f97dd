/** Comparison: one prompt on three models side by side in the studio, each followed live to its image. */
import { expect, test } from "@playwright/test";
import { stackInfo } from "./support/stack-info.js";
import { pageErrors } from "./support/studio.js";

const stack = stackInfo();

test("compare Aurora, Mosaic and Nebula on one prompt", async ({ page }) => {
  const errors = pageErrors(page);
  await page.goto(`${stack.demoUrl}/studio.html`);
  const studio = page.locator("pixorly-studio");
  await expect(studio.getByRole("status").filter({ hasText: "Connected" })).toBeVisible();

  await studio.getByRole("button", { name: "Compare models" }).click();
  const models = studio.getByRole("group", { name: "Model" });
  for (const name of ["Aurora", "Mosaic", "Nebula"]) await models.getByRole("checkbox", { name }).check();
  await expect(studio.getByText("3 of 4 models chosen to compare")).toBeVisible();
  await studio.getByRole("textbox", { name: "Prompt" }).fill("a fox in the snow, three ways");
  await studio.getByRole("radio", { name: /^16:9 Widescreen/ }).check();
  await studio.getByRole("button", { name: "Generate" }).click();

  const results = studio.getByRole("region", { name: "Results" });
  for (const name of ["Aurora", "Mosaic", "Nebula"]) {
    await expect(results.getByText(name, { exact: false }).first()).toBeVisible();
  }
  // One image per model side by side in the comparison; the same three jobs also join the session's job list.
  const comparison = results.locator("pixorly-comparison");
  await expect(comparison.getByRole("img", { name: "a fox in the snow, three ways" })).toHaveCount(3, {
    timeout: 60_000,
  });
  await expect(results.getByText("a fox in the snow, three ways", { exact: true })).toHaveCount(3);
  expect(errors).toEqual([]);
});
