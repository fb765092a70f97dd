import { expect, fixture, html } from "@open-wc/testing";
import { isTab, trapTab } from "./focus-trap.js";

describe("focus trap", () => {
  it("knows Tab, and WebKitGTK's Shift+Tab (key 'Unidentified', code 'Tab'); nothing else", () => {
    expect(isTab(new KeyboardEvent("keydown", { key: "Tab", code: "Tab" }))).to.equal(true);
    expect(isTab(new KeyboardEvent("keydown", { key: "Unidentified", code: "Tab", shiftKey: true }))).to.equal(true);
    expect(isTab(new KeyboardEvent("keydown", { key: "Unidentified", code: "KeyA" }))).to.equal(false);
    expect(isTab(new KeyboardEvent("keydown", { key: "a", code: "Tab" }))).to.equal(false);
  });

  it("Shift+Tab from the first control, as WebKitGTK reports it, goes to the last", async () => {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const root = host.attachShadow({ mode: "open" });
    root.innerHTML = "<div><button>first</button><button>last</button></div>";
    const [first, last] = root.querySelectorAll("button");
    first!.focus();
    const event = new KeyboardEvent("keydown", { key: "Unidentified", code: "Tab", shiftKey: true, cancelable: true });
    trapTab(event, root.firstElementChild!, root);
    expect(event.defaultPrevented).to.equal(true);
    expect(root.activeElement === last, "focus on the last control").to.equal(true);
  });
});
