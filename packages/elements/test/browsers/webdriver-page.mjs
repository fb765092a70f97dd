/**
 * The part of puppeteer's `Page` that web-test-runner's commands use (`sendKeys`, `sendMouse`, `resetMouse`,
 * `setViewport`), over a W3C WebDriver session (webkit-webdriver.mjs). web-test-runner's own WebDriver path has
 * no `setViewport`, no key `down`/`up` and calls webdriverio for the mouse; so the WebKit launcher presents
 * itself as a puppeteer launcher and hands the commands this page (webkit-launcher.mjs).
 */
import { webdriverKey, webdriverKeyActions } from "./keys.mjs";

const BUTTONS = { left: 0, middle: 1, right: 2 };

/** @param {import("./webkit-webdriver.mjs").WebKitSession} webkit */
export function webdriverPage(webkit) {
  // Keys and buttons held down across calls (`keyboard.down`, `mouse.down`): input state is released only once none is.
  const held = new Set();
  const perform = async (source) => {
    await webkit.call("POST", "/actions", { actions: [source] });
    if (held.size === 0) await webkit.call("DELETE", "/actions");
  };
  const keys = (actions) => perform({ type: "key", id: "keyboard", actions });
  const pointer = (actions) => perform({ type: "pointer", id: "mouse", parameters: { pointerType: "mouse" }, actions });
  const button = (options) => BUTTONS[options?.button ?? "left"] ?? 0;
  // Where the mouse is: WebKitWebDriver does not carry it from one action sequence to the next, so a
  // `down` or `up` on its own starts with a move back there.
  let at = { x: 0, y: 0 };
  const moveTo = (x, y) => {
    at = { x: Math.round(x), y: Math.round(y) };
    return { type: "pointerMove", ...at, origin: "viewport", duration: 0 };
  };
  return {
    keyboard: {
      press: (key) => keys(webdriverKeyActions(key)),
      type: (text) =>
        keys(
          [...text].flatMap((value) => [
            { type: "keyDown", value },
            { type: "keyUp", value },
          ]),
        ),
      async down(key) {
        held.add(`key:${key}`);
        await keys([{ type: "keyDown", value: webdriverKey(key) }]);
      },
      async up(key) {
        held.delete(`key:${key}`);
        await keys([{ type: "keyUp", value: webdriverKey(key) }]);
      },
    },
    mouse: {
      move: (x, y) => pointer([moveTo(x, y)]),
      click: (x, y, options) =>
        pointer([
          moveTo(x, y),
          { type: "pointerDown", button: button(options) },
          { type: "pointerUp", button: button(options) },
        ]),
      async down(options) {
        held.add(`button:${button(options)}`);
        await pointer([moveTo(at.x, at.y), { type: "pointerDown", button: button(options) }]);
      },
      async up(options) {
        held.delete(`button:${button(options)}`);
        await pointer([moveTo(at.x, at.y), { type: "pointerUp", button: button(options) }]);
      },
      async reset() {
        held.clear();
        await webkit.call("DELETE", "/actions");
        await pointer([moveTo(0, 0)]);
      },
    },
    /**
     * Resizes the window so that the page itself is `width` × `height` CSS pixels (the window holds MiniBrowser's
     * toolbar too), and waits until it is.
     */
    async setViewport({ width, height }) {
      const inner = () =>
        webkit.call("POST", "/execute/sync", { script: "return [innerWidth, innerHeight]", args: [] });
      for (let tries = 0; tries < 20; tries++) {
        const [w, h] = await inner();
        if (w === width && h === height) return;
        const rect = await webkit.call("GET", "/window/rect");
        await webkit.call("POST", "/window/rect", { width: rect.width + width - w, height: rect.height + height - h });
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`WebKit: the page did not become ${width} × ${height} px`);
    },
  };
}
