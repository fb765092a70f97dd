import { expect, fixture, html, oneEvent, waitUntil } from "@open-wc/testing";
import type { ModelInfo } from "@pixorly/core";
import { sendKeys } from "@web/test-runner-commands";
import { api } from "../client/api.js";
import { expectNoAxeViolations } from "../test/axe.js";
import { FakeClient, provideClient } from "../test/fake-client.js";
import { makeModel } from "../test/fixtures.js";
import type { ModelChangeDetail } from "../events/index.js";
import type { PixorlyModelPicker } from "./model-picker.component.js";
import "./model-picker.js";

const MODELS: ModelInfo[] = [
  makeModel({ id: "local/aurora", name: "Aurora", costPerImageCredits: 1, estimatedMs: 150 }),
  makeModel({ id: "local/mosaic", name: "Mosaic", costPerImageCredits: 1, estimatedMs: 70 }),
  makeModel({ id: "local/nebula", name: "Nebula", costPerImageCredits: 2, estimatedMs: 200 }),
  makeModel({
    id: "acme/studio-xl",
    name: "Studio XL",
    provider: "openrouter",
    costPerImageCredits: 40,
    estimatedMs: 12_000,
    supports: { negativePrompt: true, seed: true, steps: { min: 1, max: 50 } },
  }),
  makeModel({
    id: "acme/sketch",
    name: "Sketch",
    provider: "openrouter",
    costPerImageCredits: 20,
    estimatedMs: 6_000,
    supports: { negativePrompt: false, seed: false },
  }),
];

async function mount(
  template = html`<pixorly-model-picker .models=${MODELS} value="local/mosaic"></pixorly-model-picker>`,
) {
  const el = await fixture<PixorlyModelPicker>(template);
  await el.updateComplete;
  return el;
}

const $ = <T extends HTMLElement = HTMLElement>(el: PixorlyModelPicker, selector: string) =>
  el.shadowRoot!.querySelector<T>(selector);
const cards = (el: PixorlyModelPicker) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part="card"]')];
const card = (el: PixorlyModelPicker, id: string) => $(el, `[part="card"][data-id="${id}"]`)!;
const text = (node: Element | null) => node?.textContent?.replace(/\s+/g, " ").trim() ?? "";
const names = (el: PixorlyModelPicker) => cards(el).map((c) => text(c.querySelector(".name")));

function changes(el: PixorlyModelPicker): ModelChangeDetail[] {
  const seen: ModelChangeDetail[] = [];
  el.addEventListener("pixorly-model-change", (event) => seen.push((event as CustomEvent<ModelChangeDetail>).detail));
  return seen;
}

async function setSelect(el: PixorlyModelPicker, selector: string, value: string) {
  const select = $<HTMLSelectElement>(el, selector)!;
  select.value = value;
  select.dispatchEvent(new Event("change"));
  await el.updateComplete;
}

describe("<pixorly-model-picker>", () => {
  it("grid: a radio group of cards with name, provider, price, speed and a swatch; no violations", async () => {
    const el = await mount();
    expect(el.getAttribute("view")).to.equal("grid");
    expect($(el, '[part="list"]')!.getAttribute("role")).to.equal("radiogroup");
    expect(names(el)).to.deep.equal(["Aurora", "Mosaic", "Nebula", "Studio XL", "Sketch"]);
    const xl = card(el, "acme/studio-xl");
    expect(xl.getAttribute("role")).to.equal("radio");
    expect(text(xl.querySelector(".provider"))).to.equal("Acme via OpenRouter");
    expect(text(xl.querySelector('[part="cost"]'))).to.equal("40 credits per image");
    expect(text(xl.querySelector('[part="speed"]'))).to.equal("~about 12 s per image");
    expect((xl.querySelector(".swatch") as HTMLElement).style.background).to.contain("gradient");
    expect(card(el, "local/mosaic").getAttribute("aria-checked")).to.equal("true");
    expect(cards(el).map((c) => c.tabIndex)).to.deep.equal([-1, 0, -1, -1, -1]);
    await expectNoAxeViolations(el);
  });

  it("list view is reflected and shows descriptions; samples and live estimates replace the defaults", async () => {
    const el = await mount();
    [...el.shadowRoot!.querySelectorAll('[part="view-switch"] button')][1]!.dispatchEvent(new MouseEvent("click"));
    await el.updateComplete;
    expect(el.getAttribute("view")).to.equal("list");
    expect(text(card(el, "local/aurora").querySelector(".description"))).to.equal("Soft gradients");
    el.samples = { "local/aurora": "data:image/gif;base64,R0lGODlhAQABAAAAACw=" };
    el.estimates = { "local/aurora": 2_500 };
    await el.updateComplete;
    expect(card(el, "local/aurora").querySelector('img[part="sample"]')).to.exist;
    expect(text(card(el, "local/aurora").querySelector('[part="speed"]'))).to.contain("2.5 s");
    await expectNoAxeViolations(el);
  });

  it("click chooses and emits { value, model }", async () => {
    const el = await mount();
    const heard = oneEvent(el, "pixorly-model-change");
    card(el, "acme/sketch").click();
    const { detail } = (await heard) as CustomEvent<ModelChangeDetail>;
    expect(detail).to.deep.equal({ value: "acme/sketch", model: MODELS[4] });
    expect(el.value).to.equal("acme/sketch");
  });

  it("arrow keys move focus and the choice through the radio group, wrapping; Home and End jump", async () => {
    const el = await mount();
    const seen = changes(el);
    card(el, "local/mosaic").focus();
    await sendKeys({ press: "ArrowRight" });
    await el.updateComplete;
    expect(el.value).to.equal("local/nebula");
    expect(el.shadowRoot!.activeElement).to.equal(card(el, "local/nebula"));
    await sendKeys({ press: "ArrowUp" });
    await sendKeys({ press: "End" });
    await sendKeys({ press: "ArrowDown" });
    await el.updateComplete;
    expect(seen.map((d) => ("value" in d ? d.value : ""))).to.deep.equal([
      "local/nebula",
      "local/mosaic",
      "acme/sketch",
      "local/aurora",
    ]);
    expect(cards(el).filter((c) => c.tabIndex === 0)).to.deep.equal([card(el, "local/aurora")]);
  });

  it("compare: a checkbox group; space toggles, arrows only move; a fifth model is refused visibly", async () => {
    const el = await mount(
      html`<pixorly-model-picker .models=${MODELS} value="local/aurora" compare></pixorly-model-picker>`,
    );
    await el.updateComplete;
    const seen = changes(el);
    expect($(el, '[part="list"]')!.getAttribute("role")).to.equal("group");
    expect(card(el, "local/aurora").getAttribute("role")).to.equal("checkbox");
    expect(el.values, "no model ticked at the start").to.deep.equal([]);
    card(el, "local/aurora").focus();
    await sendKeys({ press: "ArrowRight" });
    await el.updateComplete;
    expect(seen).to.have.length(0);
    await sendKeys({ press: "ArrowLeft" });
    await sendKeys({ press: " " });
    await sendKeys({ press: "ArrowRight" });
    await sendKeys({ press: " " });
    await sendKeys({ press: "ArrowRight" });
    await sendKeys({ press: " " });
    await sendKeys({ press: "ArrowRight" });
    await sendKeys({ press: " " });
    await el.updateComplete;
    expect(el.values).to.deep.equal(["local/aurora", "local/mosaic", "local/nebula", "acme/studio-xl"]);
    expect(seen.at(-1)).to.deep.equal({ values: el.values, models: MODELS.slice(0, 4) });
    expect(text($(el, ".count"))).to.equal("4 of 4 models chosen to compare");
    card(el, "acme/sketch").click();
    await el.updateComplete;
    expect(el.values).to.have.length(4);
    expect(card(el, "acme/sketch").getAttribute("aria-checked")).to.equal("false");
    expect(text($(el, '[part="notice"]'))).to.equal("You can compare up to 4 models. Deselect one to choose Sketch.");
    await expectNoAxeViolations(el);
    card(el, "local/mosaic").click();
    await el.updateComplete;
    expect(el.values).to.deep.equal(["local/aurora", "local/nebula", "acme/studio-xl"]);
    expect(text($(el, '[part="notice"]'))).to.equal("");
  });

  it("leaving comparison mode keeps the first chosen model", async () => {
    const el = await mount();
    el.compare = true;
    await el.updateComplete;
    expect(el.values, "comparison starts with no model ticked").to.deep.equal([]);
    el.values = ["local/nebula", "local/aurora"];
    el.compare = false;
    await el.updateComplete;
    expect(el.value).to.equal("local/nebula");
  });

  it("filters by price, speed and capability, with an empty state that clears them", async () => {
    const el = await mount();
    const toggle = $(el, ".filters-toggle")!;
    expect($(el, "#filters")!.hidden).to.equal(true);
    toggle.click();
    await el.updateComplete;
    expect(toggle.getAttribute("aria-expanded")).to.equal("true");
    expect($(el, "#filters")!.hidden).to.equal(false);
    expect([...$<HTMLSelectElement>(el, "#max-price")!.options].map((o) => o.text)).to.deep.equal([
      "Any price",
      "Up to 1 credit",
      "Up to 2 credits",
      "Up to 20 credits",
      "Up to 40 credits",
    ]);
    await setSelect(el, "#max-price", "20");
    expect(names(el)).to.deep.equal(["Aurora", "Mosaic", "Nebula", "Sketch"]);
    await setSelect(el, "#max-speed", "1000");
    expect(names(el)).to.deep.equal(["Aurora", "Mosaic", "Nebula"]);
    expect(text($(el, ".filters-toggle"))).to.equal("Filters (2)");
    const negative = [...el.shadowRoot!.querySelectorAll<HTMLInputElement>(".capability input")][0]!;
    negative.click();
    await el.updateComplete;
    expect(cards(el)).to.have.length(0);
    expect(text($(el, ".empty p"))).to.equal("No model matches these filters.");
    await expectNoAxeViolations(el);
    $(el, ".empty button")!.click();
    await el.updateComplete;
    expect(cards(el)).to.have.length(5);
    expect(text($(el, ".filters-toggle"))).to.equal("Filters");
  });

  it("live estimates move a model between speed filters", async () => {
    const el = await mount();
    await setSelect(el, "#max-speed", "1000");
    expect(names(el)).to.not.include("Sketch");
    el.estimates = { "acme/sketch": 800 };
    await el.updateComplete;
    expect(names(el)).to.include("Sketch");
  });

  it("says so when the list is empty or the chosen model is unknown", async () => {
    const empty = await mount(html`<pixorly-model-picker .models=${[]}></pixorly-model-picker>`);
    expect(text($(empty, '[part="message"]'))).to.equal("No models are available to choose from.");
    await expectNoAxeViolations(empty);
    const unknown = await mount(
      html`<pixorly-model-picker .models=${MODELS} value="acme/gone"></pixorly-model-picker>`,
    );
    expect(text($(unknown, '[part="message"]'))).to.equal('The model "acme/gone" is not available. Choose another.');
    expect(cards(unknown).filter((c) => c.tabIndex === 0)).to.deep.equal([card(unknown, "local/aurora")]);
    await expectNoAxeViolations(unknown);
    const unconnected = await mount(html`<pixorly-model-picker></pixorly-model-picker>`);
    expect(text($(unconnected, '[part="message"]'))).to.equal(
      "No models to choose from: the picker is not connected to Pixorly.",
    );
  });

  it("without models, shows the catalog from the studio client", async () => {
    const client = new FakeClient();
    const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
    provideClient(wrapper, client);
    const el = await fixture<PixorlyModelPicker>(html`<pixorly-model-picker></pixorly-model-picker>`, {
      parentNode: wrapper,
    });
    expect(text($(el, '[part="message"]'))).to.equal("Loading models…");
    client.setResult(api.models.list, {}, MODELS.slice(0, 2));
    await waitUntil(() => cards(el).length === 2, "the catalog");
    expect(names(el)).to.deep.equal(["Aurora", "Mosaic"]);
  });
});
