/**
 * A web-test-runner launcher for WebKit through WebKitGTK's own WebDriver (`WebKitWebDriver`, Debian's
 * `webkit2gtk-driver`) driving its MiniBrowser (the session: webkit-webdriver.mjs). Playwright's WebKit is a
 * patched build it downloads, which cannot be downloaded here.
 *
 * One page at a time (`concurrency: 1`): wtr navigates the session to each test file's page and waits for
 * the page's results over its own WebSocket, as with any launcher. It says it is a `puppeteer` launcher so that
 * wtr's commands (`sendKeys`, `sendMouse`, `setViewport`) ask `getPage()` for a page, which
 * webdriver-page.mjs provides over WebDriver: wtr's own WebDriver path knows no `setViewport`.
 */
import { webdriverPage } from "./webdriver-page.mjs";
import { startWebKitSession } from "./webkit-webdriver.mjs";

export function webkitLauncher() {
  return new WebKitGtkLauncher();
}

class WebKitGtkLauncher {
  name = "WebKit";
  type = "puppeteer";
  concurrency = 1;
  /** @type {Awaited<ReturnType<typeof startWebKitSession>> | undefined} */
  #webkit;
  #page;
  #starting;
  #active = new Map();

  async initialize() {}

  #call(method, path, body) {
    return this.#webkit.call(method, path, body);
  }

  async startSession(sessionId, url) {
    this.#starting ??= startWebKitSession().then(async (webkit) => {
      this.#webkit = webkit;
      this.#page = webdriverPage(webkit);
      // Playwright's default, which the Chromium tests run at.
      await this.#page.setViewport({ width: 800, height: 600 });
    });
    await this.#starting;
    this.#active.set(sessionId, url);
    await this.#call("POST", "/url", { url });
  }

  isActive(sessionId) {
    return this.#active.has(sessionId);
  }

  getBrowserUrl(sessionId) {
    return this.#active.get(sessionId);
  }

  /** The puppeteer-shaped page wtr's commands drive (one session: every test file shares it). */
  getPage() {
    return this.#page;
  }

  async startDebugSession() {
    throw new Error("WebKit: debugging is not supported by this launcher; run the file in Chromium with --manual");
  }

  async stopSession(sessionId) {
    this.#active.delete(sessionId);
    await this.#page.mouse.reset().catch(() => {});
    // The size every file starts at (a file that called setViewport leaves its own behind).
    await this.#page.setViewport({ width: 800, height: 600 }).catch(() => {});
    // An empty page stops the test page's timers and sockets before the next file.
    await this.#call("POST", "/url", { url: "about:blank" }).catch(() => {});
    return {};
  }

  async stop() {
    await this.#webkit?.stop();
  }
}
