/**
 * A web-test-runner launcher for WebKit through WebKitGTK's own WebDriver (`WebKitWebDriver`, Debian's
 * `webkit2gtk-driver`) driving its MiniBrowser. Playwright's WebKit is a patched build it downloads, which
 * cannot be downloaded here; `@web/test-runner-webdriver` would pull in webdriverio (and its driver
 * downloader) for the four W3C WebDriver calls this needs: new session, navigate, navigate away, delete
 * session. MiniBrowser is a GTK window, so on a machine without a display it runs under `xvfb-run`.
 *
 * One page at a time (`concurrency: 1`): wtr navigates the session to each test file's page and waits for
 * the page's results over its own WebSocket, as with any launcher.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import { webdriverKeyActions } from "./keys.mjs";

const DRIVER = process.env.PIXORLY_WEBKIT_DRIVER ?? "/usr/bin/WebKitWebDriver";
const MINIBROWSER = process.env.PIXORLY_WEBKIT_BROWSER ?? "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";

export function webkitLauncher() {
  return new WebKitGtkLauncher();
}

class WebKitGtkLauncher {
  name = "WebKit";
  type = "webdriver";
  concurrency = 1;
  #driver;
  #base;
  #session;
  #starting;
  #active = new Map();

  async initialize() {}

  async #start() {
    for (const file of [DRIVER, MINIBROWSER]) {
      if (!fs.existsSync(file))
        throw new Error(
          `WebKit: ${file} is missing (apt-get install webkit2gtk-driver xvfb xauth, or PIXORLY_ENGINES=chromium,firefox to leave WebKit out; see packages/elements/README.md)`,
        );
    }
    const port = await freePort();
    const headless = !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
    const [command, ...args] = headless
      ? ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24", DRIVER, `--port=${port}`, "--host=127.0.0.1"]
      : [DRIVER, `--port=${port}`, "--host=127.0.0.1"];
    // Its own process group, so stop() ends xvfb, the driver and MiniBrowser together.
    this.#driver = spawn(command, args, { stdio: "ignore", detached: true });
    this.#base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        const created = await this.#call("POST", "/session", {
          capabilities: {
            alwaysMatch: {
              browserName: "MiniBrowser",
              "webkitgtk:browserOptions": { binary: MINIBROWSER, args: ["--automation"] },
            },
          },
        });
        this.#session = created.sessionId;
        await this.#call("POST", `/session/${this.#session}/window/rect`, { width: 800, height: 600 }).catch(() => {});
        return;
      } catch (error) {
        if (Date.now() > deadline)
          throw new Error(`WebKit: no WebDriver session within 30 s (${error.message})`, { cause: error });
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  }

  async #call(method, path, body) {
    const response = await fetch(this.#base + path, {
      method,
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const payload = await response.json();
    if (!response.ok)
      throw new Error(
        `${method} ${path}: ${payload?.value?.error ?? response.status} ${payload?.value?.message ?? ""}`,
      );
    return payload.value;
  }

  async startSession(sessionId, url) {
    this.#starting ??= this.#start();
    await this.#starting;
    this.#active.set(sessionId, url);
    await this.#call("POST", `/session/${this.#session}/url`, { url });
  }

  isActive(sessionId) {
    return this.#active.has(sessionId);
  }

  getBrowserUrl(sessionId) {
    return this.#active.get(sessionId);
  }

  /** web-test-runner's `sendKeys` for WebDriver launchers: `['Shift+Tab']` (press) or one character per item (type). */
  async sendKeys(_sessionId, keys) {
    const actions = keys.flatMap((key) => webdriverKeyActions(key));
    await this.#call("POST", `/session/${this.#session}/actions`, {
      actions: [{ type: "key", id: "keyboard", actions }],
    });
    await this.#call("DELETE", `/session/${this.#session}/actions`);
  }

  async startDebugSession() {
    throw new Error("WebKit: debugging is not supported by this launcher; run the file in Chromium with --manual");
  }

  async stopSession(sessionId) {
    this.#active.delete(sessionId);
    // An empty page stops the test page's timers and sockets before the next file.
    await this.#call("POST", `/session/${this.#session}/url`, { url: "about:blank" }).catch(() => {});
    return {};
  }

  async stop() {
    if (this.#session) await this.#call("DELETE", `/session/${this.#session}`).catch(() => {});
    if (this.#driver?.pid) {
      try {
        process.kill(-this.#driver.pid, "SIGTERM");
      } catch {
        // already gone
      }
    }
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
