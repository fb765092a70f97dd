import { expect, fixture, html, oneEvent } from "@open-wc/testing";
import { expectNoAxeViolations } from "../test/axe.js";
import { PixorlyElement } from "./pixorly-element.js";

class TestGreeting extends PixorlyElement {
  override render() {
    return html`<button type="button" @click=${() => this.emit("images-deleted", { imageIds: ["you"] })}>Say hello</button>`;
  }
}
PixorlyElement.define("pixorly-test-greeting", TestGreeting);

describe("PixorlyElement", () => {
  it("emits prefixed, bubbling, composed events", async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div><pixorly-test-greeting></pixorly-test-greeting></div>`);
    const el = wrapper.querySelector("pixorly-test-greeting")!;
    await (el as TestGreeting).updateComplete;
    const heard = oneEvent(wrapper, "pixorly-images-deleted");
    el.shadowRoot!.querySelector("button")!.click();
    const event = (await heard) as CustomEvent<{ imageIds: string[] }>;
    expect(event.detail).to.deep.equal({ imageIds: ["you"] });
    expect(event.bubbles).to.equal(true);
    expect(event.composed).to.equal(true);
  });

  it("emit() returns the event it dispatched, cancelable when asked", async () => {
    const el = await fixture<TestGreeting>(html`<pixorly-test-greeting></pixorly-test-greeting>`);
    el.addEventListener("pixorly-lightbox-close", (event) => event.preventDefault());
    const event = el.emit("lightbox-close", undefined, { cancelable: true });
    expect(event.type).to.equal("pixorly-lightbox-close");
    expect(event.defaultPrevented).to.equal(true);
  });

  it("define() keeps the first registration when the library loads twice", () => {
    class Other extends PixorlyElement {}
    expect(() => PixorlyElement.define("pixorly-test-greeting", Other)).not.to.throw();
    expect(customElements.get("pixorly-test-greeting")).to.equal(TestGreeting);
  });

  it("has no accessibility violations", async () => {
    const el = await fixture<TestGreeting>(html`<pixorly-test-greeting></pixorly-test-greeting>`);
    await expectNoAxeViolations(el);
  });
});
