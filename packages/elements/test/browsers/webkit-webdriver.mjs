/**
 * A WebDriver session on WebKitGTK's MiniBrowser through its own driver (`WebKitWebDriver`, Debian's
 * `webkit2gtk-driver`): the few W3C WebDriver calls the component tests' launcher (webkit-launcher.mjs) and
 * the Firefox/WebKit journeys (e2e/engines/) need, over `fetch`. `@web/test-runner-webdriver` and webdriverio
 * would pull in a driver downloader and far more than this. MiniBrowser is a GTK window, so on a machine
 * without a display the driver runs under `xvfb-run` (its own process group: `stop()` ends xvfb, the driver
 * and MiniBrowser together).
 *
 * MiniBrowser's toolbar keeps its window at least 447 px wide, too wide for the phone layouts (320 and 360 px)
 * the tests set: a GTK style sheet of its own (`XDG_CONFIG_HOME`, a temporary folder) shrinks the toolbar's
 * buttons and address field to nothing. It styles MiniBrowser's own widgets only, never the page.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export const WEBKIT_DRIVER = process.env.PIXORLY_WEBKIT_DRIVER ?? "/usr/bin/WebKitWebDriver";
export const MINIBROWSER = process.env.PIXORLY_WEBKIT_BROWSER ?? "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";

const TINY_TOOLBAR = `headerbar, toolbar, box, entry, button, image, label, progressbar {
  min-width: 0; min-height: 0; padding: 0; margin: 0; border-width: 0; font-size: 1px; -gtk-icon-transform: scale(0.1);
}
`;

/** A clear error naming what is missing, before anything starts. */
export function checkWebKitInstalled() {
  for (const file of [WEBKIT_DRIVER, MINIBROWSER]) {
    if (!fs.existsSync(file))
      throw new Error(
        `WebKit: ${file} is missing (apt-get install webkit2gtk-driver xvfb xauth, or PIXORLY_ENGINES=chromium,firefox to leave WebKit out; see packages/elements/README.md)`,
      );
  }
}

/**
 * Starts the driver and opens one session. `call(method, path, body)` sends a command to
 * `/session/{id}{path}` and returns its `value`, throwing with the driver's error otherwise.
 * `downloadDir`: where MiniBrowser saves downloads (WebKitGTK saves into the XDG download folder, else the
 * home folder; a `user-dirs.dirs` in the temporary `XDG_CONFIG_HOME` points it at this folder).
 * @param {{ width?: number, height?: number, downloadDir?: string }} [options]
 */
export async function startWebKitSession({ width = 800, height = 600, downloadDir } = {}) {
  checkWebKitInstalled();
  const port = await freePort();
  const headless = !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
  const driverArgs = [`--port=${port}`, "--host=127.0.0.1"];
  const [command, ...args] = headless
    ? ["xvfb-run", "-a", "-s", "-screen 0 1600x1200x24", WEBKIT_DRIVER, ...driverArgs]
    : [WEBKIT_DRIVER, ...driverArgs];
  const config = fs.mkdtempSync(path.join(os.tmpdir(), "pixorly-webkit-"));
  fs.mkdirSync(path.join(config, "gtk-3.0"));
  fs.writeFileSync(path.join(config, "gtk-3.0", "gtk.css"), TINY_TOOLBAR);
  if (downloadDir)
    fs.writeFileSync(path.join(config, "user-dirs.dirs"), `XDG_DOWNLOAD_DIR=${JSON.stringify(downloadDir)}\n`);
  const driver = spawn(command, args, {
    stdio: "ignore",
    detached: true,
    env: { ...process.env, XDG_CONFIG_HOME: config },
  });
  const base = `http://127.0.0.1:${port}`;
  const send = async (method, path, body) => {
    const response = await fetch(base + path, {
      method,
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const payload = await response.json();
    if (!response.ok)
      throw new Error(
        `WebKit: ${method} ${path}: ${payload?.value?.error ?? response.status} ${payload?.value?.message ?? ""}`,
      );
    return payload.value;
  };
  const stopDriver = () => {
    try {
      process.kill(-driver.pid, "SIGTERM");
    } catch {
      // already gone
    }
    fs.rmSync(config, { recursive: true, force: true });
  };
  const deadline = Date.now() + 30_000;
  let sessionId;
  for (;;) {
    try {
      const created = await send("POST", "/session", {
        capabilities: {
          alwaysMatch: {
            browserName: "MiniBrowser",
            "webkitgtk:browserOptions": { binary: MINIBROWSER, args: ["--automation"] },
          },
        },
      });
      sessionId = created.sessionId;
      break;
    } catch (error) {
      if (Date.now() > deadline) {
        stopDriver();
        throw new Error(`WebKit: no WebDriver session within 30 s (${error.message})`, { cause: error });
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  const call = (method, path, body) => send(method, `/session/${sessionId}${path}`, body);
  await call("POST", "/window/rect", { width, height }).catch(() => {});
  return {
    call,
    async stop() {
      await send("DELETE", `/session/${sessionId}`).catch(() => {});
      stopDriver();
    },
  };
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
