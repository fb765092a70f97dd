/**
 * The journeys' Firefox: Debian's Firefox ESR driven by puppeteer-core over WebDriver BiDi (no download; the
 * component tests' launcher, packages/elements/test/browsers/firefox-launcher.mjs, drives it the same way).
 * Playwright's Firefox is a patched build it downloads, which cannot be had here.
 */
import fs from "node:fs";
import puppeteer from "puppeteer-core";
import type { EngineDriver } from "./driver.js";

const FIREFOX = process.env.PIXORLY_FIREFOX ?? "/usr/bin/firefox-esr";

export async function firefoxDriver(viewport: { width: number; height: number }): Promise<EngineDriver> {
  if (!fs.existsSync(FIREFOX))
    throw new Error(`Firefox: ${FIREFOX} is missing (apt-get install firefox-esr; see packages/elements/README.md)`);
  const browser = await puppeteer.launch({
    browser: "firefox",
    executablePath: FIREFOX,
    headless: true,
    extraPrefsFirefox: {
      "app.update.enabled": false,
      "datareporting.policy.dataSubmissionEnabled": false,
      "toolkit.telemetry.enabled": false,
      "browser.shell.checkDefaultBrowser": false,
    },
  });
  const page = await browser.newPage();
  await page.setViewport(viewport);
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error instanceof Error ? error.message : String(error)));
  return {
    name: "Firefox",
    async goto(url) {
      await page.goto(url, { waitUntil: "load" });
    },
    evaluate: (fn, arg) => page.evaluate(fn as (arg: unknown) => never, arg),
    click: (x, y) => page.mouse.click(x, y),
    type: (text) => page.keyboard.type(text),
    errors: async () => [...errors],
    close: () => browser.close(),
  };
}
