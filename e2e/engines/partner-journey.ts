/**
 * The partner journey (partner-journey.spec.ts) for Firefox and WebKit: a visitor of the partner's example site
 * (its own origin) whose page loads pixorly.js from Pixorly's edge API with one script tag; the studio gets its
 * token from the partner's server, generates, shows the image (a signed URL asked for across origins), saves it
 * as a file, and asks the partner's server for a fresh token before the short-lived one runs out.
 * What is the server's side, the same in every engine — tokens bound to the origin, CORS answers, the revoked
 * secret — stays in the Chromium journey, which rotates the partner's secret away for good (it runs after this).
 */
import { expect } from "@playwright/test";
import type { E2eStack } from "../support/stack-info.js";
import { locate, type EngineDriver } from "./driver.js";
import { downloaded, readPrompt, recordFollowedLinks } from "./user-journey.js";

export async function partnerJourney(driver: EngineDriver, stack: E2eStack): Promise<void> {
  const prompt = `a tall ship in a bottle (${driver.name})`;
  await driver.goto(`${stack.partnerUrl}/`);
  await locate(driver, ":root").getByRole("heading", { name: "Design your poster" }).waitFor();
  const studio = locate(driver, "pixorly-studio");
  await studio.getByRole("status").filter({ hasText: "Connected" }).waitFor();

  // One script tag, loaded from Pixorly's API origin (its `/elements` route), not the partner's.
  const scripts = await driver.evaluate(
    () => [...document.querySelectorAll("script[src]")].map((script) => (script as HTMLScriptElement).src),
    null,
  );
  expect(scripts).toEqual([`${stack.edgeUrl}/elements/pixorly.js`]);
  // The token came from the partner's server, once. WebDriver classic cannot watch the network, so the page's
  // own resource timings count the calls (`responseStatus` where the engine reports it: 0 until then).
  const tokenCalls = () => driver.evaluate(tokenRequests, `${stack.partnerUrl}/api/pixorly-token`);
  expect(await tokenCalls()).toHaveLength(1);

  await studio.getByRole("textbox", { name: "Prompt" }).fill(prompt);
  await expect
    .poll(() => driver.evaluate(readPrompt, null), { message: `${driver.name}: the prompt was typed` })
    .toBe(prompt);
  await studio.getByRole("radio", { name: "Aurora" }).click();
  await studio.getByRole("button", { name: "Generate", exact: true }).click();
  const results = studio.getByRole("region", { name: "Results" });
  await results.getByRole("status").filter({ hasText: "Done: 1 image" }).waitFor(60_000);
  // The image itself comes through the edge API (signed URL asked for from the partner's origin, CORS).
  const image = results.getByRole("button", { name: `Open image: ${prompt}` }).getByRole("img");
  await expect.poll(() => image.loadedWidth(), { message: `${driver.name}: the image loaded` }).toBeGreaterThan(0);

  // The visitor saves it: the download link, too, is asked for from the partner's origin.
  await driver.evaluate(recordFollowedLinks, null);
  await results.getByRole("button", { name: "Download image" }).click();
  await downloaded(driver);

  // The token lives `partnerTokenTtlSeconds`; the studio asks the partner's server for a fresh one in time.
  await expect
    .poll(async () => (await tokenCalls()).length, {
      timeout: stack.partnerTokenTtlSeconds * 1000,
      message: `${driver.name}: the studio asked for a fresh token`,
    })
    .toBeGreaterThanOrEqual(2);
  for (const status of await tokenCalls()) expect([0, 200]).toContain(status);
  await studio.getByRole("status").filter({ hasText: "Connected" }).waitFor();
  expect(await driver.errors()).toEqual([]);
}

/** The page's calls to `url` so far, as their HTTP statuses (0 where the engine does not report one). */
function tokenRequests(url: string): number[] {
  // The default buffer keeps 250 entries; the journey's images and API calls must not push the token calls out.
  performance.setResourceTimingBufferSize(5000);
  return performance
    .getEntriesByType("resource")
    .filter((entry) => entry.name === url)
    .map((entry) => (entry as PerformanceResourceTiming & { responseStatus?: number }).responseStatus ?? 0);
}
