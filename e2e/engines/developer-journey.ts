/**
 * The browser half of the developer journey (developer-journey.spec.ts) for Firefox and WebKit: a webhook
 * endpoint and an API key made on the demo's pages, each secret shown once, and the key working against the
 * REST API. The REST calls and the signed webhook are the server's side, the same in every engine: the
 * Chromium journey follows them to the end.
 */
import { expect } from "@playwright/test";
import type { E2eStack } from "../support/stack-info.js";
import { locate, type EngineDriver } from "./driver.js";

export async function developerJourney(driver: EngineDriver, stack: E2eStack): Promise<void> {
  await driver.goto(`${stack.demoUrl}/webhooks.html`);
  const page = locate(driver, ":root");
  await page.getByRole("textbox", { name: /^URL/ }).fill(`http://127.0.0.1:9/hooks/${driver.name.toLowerCase()}`);
  await page.getByRole("button", { name: "Add endpoint" }).click();
  const secret = page.locator(".secret-panel code.secret-value");
  await secret.waitFor(20_000);
  expect(await secret.innerText()).toMatch(/^whsec_/);

  await driver.goto(`${stack.demoUrl}/keys.html`);
  await page.getByRole("textbox", { name: /^Name/ }).fill(`Build server (${driver.name})`);
  await page.getByRole("button", { name: "Create key" }).click();
  await secret.waitFor(20_000);
  const apiKey = await secret.innerText();
  expect(apiKey).toMatch(/^px_/);
  expect(await driver.errors()).toEqual([]);

  // The key shown in this engine works, as a server would use it.
  const models = await fetch(`${stack.edgeUrl}/api/v1/models`, { headers: { Authorization: `Bearer ${apiKey}` } });
  expect(models.status).toBe(200);
}
