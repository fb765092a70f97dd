import { expect, fixture, html, waitUntil } from "@open-wc/testing";
import { setViewport } from "@web/test-runner-commands";
import { api } from "../client/api.js";
import { expectNoAxeViolations } from "../test/axe.js";
import { FakeClient, provideClient } from "../test/fake-client.js";
import { makeImage, makeModel, PIXEL_URL } from "../test/fixtures.js";
import { LOCAL_MODEL_SAMPLES } from "./local-samples.js";
import type { PixorlyModelPicker } from "./model-picker.component.js";
import "./model-picker.js";

const MODELS = [
  makeModel({ id: "local/aurora", name: "Aurora" }),
  makeModel({ id: "local/nebula", name: "Nebula" }),
  makeModel({ id: "acme/studio-xl", name: "Studio XL", provider: "openrouter" }),
  makeModel({ id: "acme/sketch", name: "Sketch", provider: "openrouter" }),
];

const sample = (el: PixorlyModelPicker, id: string) =>
  el.shadowRoot!.querySelector(`[part="card"][data-id="${id}"] [part="sample"]`)!;

describe("<pixorly-model-picker> samples and narrow layout", () => {
  after(() => setViewport({ width: 800, height: 600 }));

  it("built-in models show the picture they painted; a cloud model its given image, else a swatch", async () => {
    const client = new FakeClient();
    client.setResult(api.images.get, { imageId: "mine" }, makeImage({ _id: "mine", model: "acme/studio-xl" }));
    client.urls.set("mine", PIXEL_URL);
    const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
    provideClient(wrapper, client);
    const el = await fixture<PixorlyModelPicker>(
      html`<pixorly-model-picker .models=${MODELS} value="local/aurora" .sampleImages=${{ "acme/studio-xl": "mine" }}></pixorly-model-picker>`,
      { parentNode: wrapper },
    );
    await waitUntil(
      () => sample(el, "local/aurora").localName === "img",
      "the built-in samples, loaded after the first paint",
    );
    expect(sample(el, "local/aurora").getAttribute("src")).to.equal(LOCAL_MODEL_SAMPLES["local/aurora"]);
    expect(sample(el, "local/nebula").getAttribute("src")).to.match(/^data:image\/webp;base64,/);
    expect(sample(el, "acme/studio-xl").localName).to.equal("pixorly-image");
    expect(sample(el, "acme/studio-xl").getAttribute("image-id")).to.equal("mine");
    expect(sample(el, "acme/sketch").classList.contains("swatch")).to.equal(true);
    await expectNoAxeViolations(el);
  });

  it("the samples really are pictures: each decodes to a 320×200 image", async () => {
    for (const [model, url] of Object.entries(LOCAL_MODEL_SAMPLES)) {
      const image = new Image();
      image.src = url;
      await image.decode();
      expect([image.naturalWidth, image.naturalHeight], model).to.deep.equal([320, 200]);
    }
    expect(Object.keys(LOCAL_MODEL_SAMPLES)).to.deep.equal(["local/aurora", "local/mosaic", "local/nebula"]);
  });

  it("narrow: the cards become one row of small cards that scrolls sideways, within the page", async () => {
    await setViewport({ width: 360, height: 700 });
    const el = await fixture<PixorlyModelPicker>(
      html`<pixorly-model-picker .models=${MODELS} value="local/aurora"></pixorly-model-picker>`,
    );
    const boxes = [...el.shadowRoot!.querySelectorAll('[part="card"]')].map((card) => card.getBoundingClientRect());
    expect(new Set(boxes.map((box) => Math.round(box.top))).size, "one row").to.equal(1);
    expect(boxes[0]!.width).to.be.below(160);
    const list = el.shadowRoot!.querySelector<HTMLElement>('[part="list"]')!;
    expect(list.scrollWidth, "it scrolls").to.be.greaterThan(list.clientWidth);
    expect(document.documentElement.scrollWidth, "the page does not").to.be.at.most(innerWidth);
    await expectNoAxeViolations(el);
    el.value = "acme/sketch";
    await el.updateComplete;
    const chosen = el.shadowRoot!.querySelector('[part="card"][data-id="acme/sketch"]')!.getBoundingClientRect();
    const row = list.getBoundingClientRect();
    expect(chosen.left >= row.left && chosen.right <= row.right, "the chosen card is scrolled into the row").to.equal(
      true,
    );
  });
});
