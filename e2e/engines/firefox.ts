/**
 * The journeys' Firefox: Debian's Firefox ESR driven by puppeteer-core over WebDriver BiDi (no download; the
 * component tests' launcher, packages/elements/test/browsers/firefox-launcher.mjs, drives it the same way).
 * Playwright's Firefox is a patched build it downloads, which cannot be had here.
 */
import { expect } from "@playwright/test";
import fs from "node:fs";
import puppeteer from "puppeteer-core";
import { downloadFolder, type EngineDriver } from "./driver.js";

const FIREFOX = process.env.PIXORLY_FIREFOX ?? "/usr/bin/firefox-esr";

export async function firefoxDriver(viewport: { width: number; height: number }): Promise<EngineDriver> {
  if (!fs.existsSync(FIREFOX))
    throw new Error(`Firefox: ${FIREFOX} is missing (apt-get install firefox-esr; see packages/elements/README.md)`);
  const downloads = downloadFolder("firefox");
  const browser = await puppeteer
    .launch({
      browser: "firefox",
      executablePath: FIREFOX,
      headless: true,
      extraPrefsFirefox: {
        "app.update.enabled": false,
        "datareporting.policy.dataSubmissionEnabled": false,
        "toolkit.telemetry.enabled": false,
        "browser.shell.checkDefaultBrowser": false,
        // Downloads go, unasked, into this driver's own folder (puppeteer's BiDi mode has no download events).
        "browser.download.dir": downloads.dir,
        "browser.download.folderList": 2,
        "browser.download.useDownloadDir": true,
        "browser.download.always_ask_before_handling_new_types": false,
        "browser.download.start_downloads_in_tmp_dir": false,
      },
    })
    .catch((error: unknown) => {
      downloads.remove();
      throw error;
    });
  const page = await browser.newPage();
  await page.setViewport(viewport);
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error instanceof Error ? error.message : String(error)));
  return {
    name: "Firefox",
    async goto(url) {
      // Not `page.goto`: once the page has started a download, puppeteer (24.43, BiDi) keeps that navigation
      // pending — Firefox turned it into a download — and no later `goto` settles, though the page does load.
      // So the page navigates itself, as a link would, and the driver waits for the new document's `load`.
      await page.evaluate((target) => location.assign(target), url);
      await expect
        .poll(() => page.evaluate(() => (document.readyState === "complete" ? location.href : "")).catch(() => ""), {
          timeout: 30_000,
          message: `Firefox: ${url} loaded`,
        })
        .toBe(new URL(url).href);
    },
    evaluate: (fn, arg) => page.evaluate(fn as (arg: unknown) => never, arg),
    click: (x, y) => page.mouse.click(x, y),
    type: (text) => page.keyboard.type(text),
    errors: async () => [...errors],
    downloads: async () => downloads.saved(),
    async close() {
      await browser.close();
      downloads.remove();
    },
  };
}
