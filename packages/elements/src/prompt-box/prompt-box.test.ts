import { expect, fixture, html, oneEvent, waitUntil } from "@open-wc/testing";
import { GENERATION_LIMITS, SIZE_PRESETS, type ModelInfo } from "@pixorly/core";
import { sendKeys } from "@web/test-runner-commands";
import { ConvexError } from "convex/values";
import { api } from "../client/api.js";
import { expectNoAxeViolations } from "../test/axe.js";
import { FakeClient, provideClient } from "../test/fake-client.js";
import { makeModel } from "../test/fixtures.js";
import type { PromptSubmitDetail } from "../events/index.js";
import type { PixorlyPromptBox } from "./prompt-box.component.js";
import "./prompt-box.js";

const aurora = makeModel({ costPerImageCredits: 2 });
const studioXl = makeModel({
  id: "vendor/studio-xl",
  name: "Studio XL",
  provider: "openrouter",
  costPerImageCredits: 40,
  aspectRatios: ["1:1", "16:9"],
  supports: {
    negativePrompt: true,
    seed: true,
    steps: { min: 1, max: 50, default: 30 },
    guidance: { min: 1, max: 20, default: 7 },
  },
});

async function mount(
  model: ModelInfo | undefined = aurora,
  attrs: Partial<PixorlyPromptBox> = {},
): Promise<PixorlyPromptBox> {
  const el = await fixture<PixorlyPromptBox>(html`<pixorly-prompt-box .model=${model}></pixorly-prompt-box>`);
  Object.assign(el, attrs);
  await el.updateComplete;
  return el;
}

async function mountWithClient(
  model: ModelInfo,
  client: FakeClient,
  attrs: Partial<PixorlyPromptBox> = {},
): Promise<PixorlyPromptBox> {
  const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
  provideClient(wrapper, client);
  const el = await fixture<PixorlyPromptBox>(html`<pixorly-prompt-box .model=${model}></pixorly-prompt-box>`, {
    parentNode: wrapper,
  });
  Object.assign(el, attrs);
  await el.updateComplete;
  return el;
}

const $ = <T extends HTMLElement = HTMLElement>(el: PixorlyPromptBox, selector: string) =>
  el.shadowRoot!.querySelector<T>(selector);
const $$ = (el: PixorlyPromptBox, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
const text = (node: Element | null) => node?.textContent?.replace(/\s+/g, " ").trim() ?? "";

async function type(el: PixorlyPromptBox, selector: string, value: string): Promise<void> {
  const input = $<HTMLInputElement | HTMLTextAreaElement>(el, selector)!;
  input.value = value;
  input.dispatchEvent(new Event("input", { bubbles: true, composed: true }));
  await el.updateComplete;
}

function submissions(el: PixorlyPromptBox): PromptSubmitDetail[] {
  const seen: PromptSubmitDetail[] = [];
  el.addEventListener("pixorly-submit", (event) => seen.push((event as CustomEvent<PromptSubmitDetail>).detail));
  return seen;
}

describe("<pixorly-prompt-box>", () => {
  it("basic mode: prompt with counter, size presets, image count and cost; no violations", async () => {
    const el = await mount();
    expect(el.getAttribute("mode")).to.equal("basic");
    expect(text($(el, '[part="counter"]'))).to.equal("0 / 2,000 characters");
    expect($$(el, '[part="size-option"] .chip-label').map(text)).to.deep.equal([
      "1:1",
      "3:4",
      "4:3",
      "16:9",
      "9:16",
      "3:2",
      "2:3",
    ]);
    expect(text($(el, ".custom .chip-label"))).to.equal("Custom");
    expect($(el, "#num-images")).to.exist;
    expect($(el, "#steps")).to.equal(null);
    expect(text($(el, '[part="cost"]'))).to.equal("Estimated cost: 2 credits (≈ $0.002)");
    await expectNoAxeViolations(el);
  });

  it("counts characters live and says clearly when the prompt is over the limit", async () => {
    const el = await mount();
    await type(el, "#prompt", "a fox");
    expect(text($(el, '[part="counter"]'))).to.equal("5 / 2,000 characters");
    const max = GENERATION_LIMITS.prompt.maxLength;
    await type(el, "#prompt", "x".repeat(max + 13));
    const prompt = $(el, "#prompt")!;
    expect(prompt.getAttribute("aria-invalid")).to.equal("true");
    expect($(el, '[part="counter"]')!.hasAttribute("data-over")).to.equal(true);
    expect(text($(el, "#prompt-error"))).to.equal(`Prompt must be at most ${max} characters (13 too many).`);
    expect(prompt.getAttribute("aria-describedby")).to.equal("prompt-hint prompt-error");
    await expectNoAxeViolations(el);
  });

  it("shows negative prompt, steps and guidance only where the model supports them, with its ranges", async () => {
    const el = await mount(aurora, { mode: "advanced" });
    expect($(el, "#negative-prompt")).to.equal(null);
    expect($(el, "#steps")).to.equal(null);
    expect($(el, "#seed")).to.exist;
    el.model = studioXl;
    await el.updateComplete;
    expect($(el, "#negative-prompt")).to.exist;
    const steps = $<HTMLInputElement>(el, "#steps")!;
    expect([steps.min, steps.max, steps.placeholder]).to.deep.equal(["1", "50", "Default 30"]);
    expect($<HTMLInputElement>(el, "#guidance")!.max).to.equal("20");
    expect($(el, "#num-images")).to.equal(null);
    expect($$(el, '[part="size-option"] .chip-label').map(text)).to.deep.equal(["1:1", "16:9"]);
    await expectNoAxeViolations(el);
  });

  it("switching models keeps the prompt and drops what the new model cannot take", async () => {
    const el = await mount(studioXl, { mode: "advanced" });
    await type(el, "#prompt", "a castle");
    await type(el, "#negative-prompt", "fog");
    $$(el, 'input[name="size"]')[1]!.click();
    el.showError({
      code: "INVALID_ARGUMENT",
      message: "x",
      fields: [{ field: "parameters.steps", message: "Too many steps" }],
    });
    el.model = aurora;
    await el.updateComplete;
    expect($<HTMLTextAreaElement>(el, "#prompt")!.value).to.equal("a castle");
    expect($(el, "#steps-error")).to.equal(null);
    const seen = submissions(el);
    $(el, '[part="submit"]')!.click();
    // Aurora takes 16:9 too: the chosen ratio stays.
    expect(seen[0]!.request).to.deep.equal({
      prompt: "a castle",
      model: "local/aurora",
      parameters: { width: 1024, height: 576, numImages: 1 },
    });
    el.model = undefined;
    await el.updateComplete;
    expect(text($(el, '[part="message"]'))).to.equal("Choose a model to write a prompt for.");
  });

  it("toggles basic and advanced with the reflected mode attribute", async () => {
    const el = await mount();
    const toggle = $(el, '[part="mode-toggle"]')!;
    expect(toggle.getAttribute("aria-pressed")).to.equal("false");
    toggle.click();
    await el.updateComplete;
    expect(el.getAttribute("mode")).to.equal("advanced");
    expect($(el, '[part="mode-toggle"]')!.getAttribute("aria-pressed")).to.equal("true");
    expect($(el, '[part="advanced"]')).to.exist;
  });

  it("submits with the button: the parsed request and a fresh idempotency key each time", async () => {
    const el = await mount();
    const seen = submissions(el);
    await type(el, "#prompt", "  a lighthouse in a storm  ");
    $$(el, 'input[name="size"]')[2]!.click();
    $<HTMLSelectElement>(el, "#num-images")!.value = "3";
    $(el, "#num-images")!.dispatchEvent(new Event("change"));
    await el.updateComplete;
    expect(text($(el, '[part="cost"]'))).to.contain("6 credits");
    $(el, '[part="submit"]')!.click();
    $(el, '[part="submit"]')!.click();
    expect(seen).to.have.length(2);
    const { width, height } = SIZE_PRESETS[2]!;
    expect(seen[0]!.request).to.deep.equal({
      prompt: "a lighthouse in a storm",
      model: "local/aurora",
      parameters: { width, height, numImages: 3 },
    });
    expect(seen[0]!.idempotencyKey).to.match(/^[0-9a-f-]{36}$/);
    expect(seen[0]!.idempotencyKey).to.not.equal(seen[1]!.idempotencyKey);
    expect(seen[0]!.runs).to.deep.equal([
      { model: aurora, request: seen[0]!.request, idempotencyKey: seen[0]!.idempotencyKey },
    ]);
  });

  it("Ctrl+Enter and Cmd+Enter submit from the prompt", async () => {
    const el = await mount();
    const seen = submissions(el);
    await type(el, "#prompt", "a fox");
    $(el, "#prompt")!.focus();
    await sendKeys({ press: "Control+Enter" });
    await sendKeys({ press: "Meta+Enter" });
    expect(seen).to.have.length(2);
    expect($<HTMLTextAreaElement>(el, "#prompt")!.value).to.equal("a fox");
  });

  it("arrow keys move between the size presets (one radio group)", async () => {
    const el = await mount();
    const seen = submissions(el);
    await type(el, "#prompt", "a fox");
    $(el, 'input[name="size"]:checked')!.focus();
    await sendKeys({ press: "ArrowRight" });
    await el.updateComplete;
    const [, portrait] = SIZE_PRESETS;
    expect($<HTMLInputElement>(el, 'input[name="size"]:checked')!.parentElement!.textContent).to.contain(
      portrait!.label,
    );
    $(el, '[part="submit"]')!.click();
    expect(seen[0]!.request.parameters).to.include({ width: portrait!.width, height: portrait!.height });
  });

  it("refuses a blank prompt with a message next to it, and focuses it", async () => {
    const el = await mount();
    const seen = submissions(el);
    $(el, '[part="submit"]')!.click();
    await el.updateComplete;
    expect(seen).to.have.length(0);
    const prompt = $(el, "#prompt")!;
    expect(prompt.getAttribute("aria-invalid")).to.equal("true");
    expect(text($(el, "#prompt-error"))).to.equal("Prompt must not be blank");
    expect(el.shadowRoot!.activeElement).to.equal(prompt);
    await expectNoAxeViolations(el);
    await type(el, "#prompt", "now it is fine");
    expect($(el, "#prompt-error")).to.equal(null);
  });

  it("checks steps and guidance against the model range, using the core messages", async () => {
    const el = await mount(studioXl, { mode: "advanced" });
    const seen = submissions(el);
    await type(el, "#prompt", "a castle");
    await type(el, "#steps", "80");
    await type(el, "#guidance", "7.5");
    $(el, '[part="submit"]')!.click();
    await el.updateComplete;
    expect(seen).to.have.length(0);
    expect(text($(el, "#steps-error"))).to.equal("Steps must be from 1 to 50 for Studio XL");
    expect($(el, "#steps")!.getAttribute("aria-describedby")).to.equal("steps-hint steps-error");
    expect(el.shadowRoot!.activeElement).to.equal($(el, "#steps"));
    await expectNoAxeViolations(el);
    await type(el, "#steps", "25");
    expect($(el, "#steps-error")).to.equal(null);
    await type(el, "#negative-prompt", "blur");
    $(el, '[part="submit"]')!.click();
    expect(seen[0]!.request).to.deep.include({ negativePrompt: "blur" });
    expect(seen[0]!.request.parameters).to.deep.equal({ width: 1024, height: 1024, steps: 25, guidance: 7.5 });
  });

  it("basic mode leaves the advanced settings out of the request", async () => {
    const el = await mount(studioXl, { mode: "advanced" });
    const seen = submissions(el);
    await type(el, "#prompt", "a castle");
    await type(el, "#steps", "12");
    el.mode = "basic";
    await el.updateComplete;
    $(el, '[part="submit"]')!.click();
    expect(seen[0]!.request.parameters).to.deep.equal({ width: 1024, height: 1024 });
  });

  it("randomize fills a seed within the core range, and it is sent", async () => {
    const el = await mount(aurora, { mode: "advanced" });
    const seen = submissions(el);
    await type(el, "#prompt", "a fox");
    [...el.shadowRoot!.querySelectorAll("button")].find((b) => text(b) === "Randomize")!.click();
    await el.updateComplete;
    const seed = Number($<HTMLInputElement>(el, "#seed")!.value);
    expect(seed).to.be.within(GENERATION_LIMITS.seed.min, GENERATION_LIMITS.seed.max);
    $(el, '[part="submit"]')!.click();
    expect(seen[0]!.request.parameters.seed).to.equal(seed);
  });

  it("while submitting: no second submit, a busy button, a read-only prompt", async () => {
    const el = await mount();
    const seen = submissions(el);
    await type(el, "#prompt", "a fox");
    el.submitting = true;
    await el.updateComplete;
    const button = $(el, '[part="submit"]')!;
    expect(text(button)).to.equal("Generating…");
    expect(button.getAttribute("aria-disabled")).to.equal("true");
    expect($<HTMLTextAreaElement>(el, "#prompt")!.readOnly).to.equal(true);
    button.click();
    $(el, "#prompt")!.focus();
    await sendKeys({ press: "Control+Enter" });
    expect(seen).to.have.length(0);
    await expectNoAxeViolations(el);
  });

  it("showError puts server field errors and codes next to the right input", async () => {
    const el = await mount(studioXl, { mode: "advanced" });
    el.showError({
      code: "INVALID_ARGUMENT",
      message: "Some of the request is not valid.",
      fields: [{ field: "parameters.steps", message: "Too many steps" }],
    });
    await el.updateComplete;
    expect(text($(el, "#steps-error"))).to.equal("Too many steps");
    el.showError(
      new ConvexError({ code: "MODERATION_REJECTED", message: "This prompt is not allowed by the content policy." }),
    );
    await el.updateComplete;
    expect(text($(el, "#prompt-error"))).to.equal("This prompt is not allowed by the content policy.");
    expect($(el, "#steps-error")).to.equal(null);
    el.showError(new ConvexError({ code: "INSUFFICIENT_CREDITS", message: "You need 40 credits and have 3." }));
    await el.updateComplete;
    const formError = $(el, '[part="form-error"]')!;
    expect(text(formError)).to.equal("You need 40 credits and have 3.");
    expect(formError.getAttribute("role")).to.equal("alert");
    el.showError(new Error("socket closed"));
    await el.updateComplete;
    expect(text($(el, '[part="form-error"]'))).to.equal("Something went wrong on our side. Please try again.");
    await expectNoAxeViolations(el);
  });

  it("compares models: only shared settings, the summed cost, one run per model", async () => {
    const other = makeModel({
      id: "vendor/other",
      name: "Other",
      provider: "openrouter",
      costPerImageCredits: 10,
      aspectRatios: ["1:1", "4:3"],
      supports: { negativePrompt: false, seed: true },
    });
    const el = await mount(undefined, { compareModels: [studioXl, other], mode: "advanced" });
    const seen = submissions(el);
    expect($$(el, '[part="size-option"] .chip-label').map(text)).to.deep.equal(["1:1"]);
    expect($(el, "#negative-prompt")).to.equal(null);
    expect($(el, "#steps")).to.equal(null);
    expect(text($(el, '[part="cost"]'))).to.contain("50 credits");
    expect(text($(el, '[part="submit"]'))).to.equal("Generate with 2 models");
    await type(el, "#prompt", "a castle");
    $(el, '[part="submit"]')!.click();
    const runs = seen[0]!.runs;
    expect(runs.map((run) => run.request.model)).to.deep.equal(["vendor/studio-xl", "vendor/other"]);
    expect(new Set(runs.map((run) => run.idempotencyKey)).size).to.equal(2);
  });

  it("saves, applies and deletes presets in the account (not in localStorage), with the keyboard", async () => {
    const client = new FakeClient();
    client.setResult(api.presets.list, {}, []);
    client.onMutation(api.presets.save, () => "p1");
    const el = await mountWithClient(studioXl, client, { mode: "advanced" });
    await waitUntil(() => text($(el, '[part="presets"] .hint')).startsWith("No saved presets yet."), "the empty list");
    await expectNoAxeViolations(el);
    await type(el, "#steps", "12");
    await type(el, "#negative-prompt", "blurry");
    $(el, "#preset-name")!.focus();
    await sendKeys({ type: "Quick" });
    await sendKeys({ press: "Enter" });
    await waitUntil(() => client.mutations.length === 1, "saved");
    expect(client.mutations[0]).to.deep.equal({
      name: "presets:save",
      args: {
        name: "Quick",
        model: "vendor/studio-xl",
        negativePrompt: "blurry",
        parameters: { width: 1024, height: 1024, steps: 12 },
      },
    });
    await waitUntil(() => text($(el, ".notice")) === "Saved “Quick”.");
    expect($<HTMLInputElement>(el, "#preset-name")!.value).to.equal("");
    expect(Object.keys(localStorage).filter((key) => key.startsWith("pixorly:"))).to.deep.equal(
      [],
      "nothing in the browser",
    );
    const quick = {
      _id: "p1",
      name: "Quick",
      model: "vendor/studio-xl",
      negativePrompt: "blurry",
      parameters: { width: 1024, height: 1024, steps: 12 },
      updatedAt: 1,
    };
    client.setResult(api.presets.list, {}, [quick]);
    await waitUntil(() => $(el, '[part="preset"]'), "listed live");
    await type(el, "#steps", "40");
    await type(el, "#negative-prompt", "");
    await type(el, "#prompt", "a castle");
    const applied = oneEvent(el, "pixorly-preset-applied");
    $(el, '[part="preset"]')!.focus();
    await sendKeys({ press: "Enter" });
    expect(((await applied) as CustomEvent).detail).to.deep.equal({ preset: quick, otherModel: false });
    await el.updateComplete;
    expect($<HTMLInputElement>(el, "#steps")!.value).to.equal("12");
    expect($<HTMLTextAreaElement>(el, "#negative-prompt")!.value).to.equal("blurry");
    expect($<HTMLTextAreaElement>(el, "#prompt")!.value).to.equal(
      "a castle",
      "a preset without a prompt keeps the one typed",
    );
    await expectNoAxeViolations(el);
    $(el, '[aria-label="Delete preset Quick"]')!.click();
    await waitUntil(() => client.mutations.length === 2);
    expect(client.mutations[1]).to.deep.equal({ name: "presets:remove", args: { id: "p1" } });
    await waitUntil(() => text($(el, ".notice")) === "Deleted “Quick”.");
  });

  it("refuses a blank or too long preset name with the reason, and shows the backend’s refusal", async () => {
    const client = new FakeClient();
    client.setResult(api.presets.list, {}, []);
    client.onMutation(api.presets.save, () => {
      throw new ConvexError({
        code: "QUOTA_EXCEEDED",
        message: "You have 50 presets, the most allowed. Delete one to save another.",
      });
    });
    const el = await mountWithClient(studioXl, client, { mode: "advanced" });
    await type(el, "#preset-name", "   ");
    $(el, ".save-preset")!.click();
    await el.updateComplete;
    expect(text($(el, ".notice"))).to.equal("Give the preset a name first.");
    expect($(el, "#preset-name")!.getAttribute("aria-invalid")).to.equal("true");
    await expectNoAxeViolations(el);
    await type(el, "#preset-name", "n".repeat(61));
    $(el, ".save-preset")!.click();
    await el.updateComplete;
    expect(text($(el, ".notice"))).to.equal("A preset name is at most 60 characters; this one has 61.");
    expect(client.mutations).to.deep.equal([]);
    await type(el, "#preset-name", "One more");
    $(el, ".save-preset")!.click();
    await waitUntil(() => text($(el, ".notice")).startsWith("You have 50 presets"));
    expect($<HTMLInputElement>(el, "#preset-name")!.value).to.equal("One more", "kept to try again");
  });

  it("a preset saved with another model says so to the studio", async () => {
    const client = new FakeClient();
    const other = {
      _id: "p2",
      name: "Aurora fast",
      model: "local/aurora",
      parameters: { width: 512, height: 512, numImages: 2 },
      prompt: "a fox",
      updatedAt: 1,
    };
    client.setResult(api.presets.list, {}, [other]);
    const el = await mountWithClient(studioXl, client, { mode: "advanced" });
    await waitUntil(() => $(el, '[part="preset"]'));
    const applied = oneEvent(el, "pixorly-preset-applied");
    $(el, '[part="preset"]')!.click();
    expect(((await applied) as CustomEvent).detail.otherModel).to.equal(true);
    await el.updateComplete;
    expect($<HTMLTextAreaElement>(el, "#prompt")!.value).to.equal("a fox", "a preset with a prompt fills it");
  });

  it("recent prompts: Alt+↓ opens the de-duplicated list; ↑/↓, Enter uses one, Delete forgets one, Esc closes", async () => {
    const client = new FakeClient();
    client.setResult(api.prompts.recent, {}, [
      { _id: "h1", prompt: "A castle at dawn", usedAt: 3 },
      { _id: "h2", prompt: "a  castle at dawn ", usedAt: 2 },
      { _id: "h3", prompt: "a fox in the snow", usedAt: 1 },
      { _id: "h4", prompt: "x".repeat(300), usedAt: 0 },
    ]);
    const el = await mountWithClient(aurora, client);
    expect(client.activeWatches("prompts:recent")).to.equal(0, "not asked for before it is opened");
    const toggle = $(el, ".recent-toggle")!;
    expect(toggle.getAttribute("aria-expanded")).to.equal("false");
    $(el, "#prompt")!.focus();
    await sendKeys({ press: "Alt+ArrowDown" });
    await waitUntil(() => $$(el, ".use-prompt").length === 3, "listed, duplicates collapsed");
    expect($$(el, ".use-prompt").map(text).slice(0, 2)).to.deep.equal(["A castle at dawn", "a fox in the snow"]);
    expect(toggle.getAttribute("aria-expanded")).to.equal("true");
    await waitUntil(() => el.shadowRoot!.activeElement === $$(el, ".use-prompt")[0], "focus on the first");
    const long = $$(el, ".use-prompt")[2]!;
    expect(long.scrollWidth).to.be.above(
      long.clientWidth,
      "a long prompt is cut with an ellipsis, not wrapped over lines",
    );
    await expectNoAxeViolations(el);
    await sendKeys({ press: "ArrowDown" });
    expect(el.shadowRoot!.activeElement).to.equal($$(el, ".use-prompt")[1]);
    await sendKeys({ press: "ArrowUp" });
    await sendKeys({ press: "ArrowUp" });
    expect(el.shadowRoot!.activeElement).to.equal($$(el, ".use-prompt")[2], "wraps around");
    await sendKeys({ press: "ArrowDown" });
    await sendKeys({ press: "ArrowDown" });
    await sendKeys({ press: "Enter" });
    await el.updateComplete;
    expect($<HTMLTextAreaElement>(el, "#prompt")!.value).to.equal("a fox in the snow");
    expect($(el, "#recent-prompts")).to.equal(null);
    expect(el.shadowRoot!.activeElement).to.equal($(el, "#prompt"));

    toggle.focus();
    await sendKeys({ press: "Enter" });
    await waitUntil(() => el.shadowRoot!.activeElement === $$(el, ".use-prompt")[0]);
    await sendKeys({ press: "Delete" });
    await waitUntil(() => client.mutations.length === 1);
    expect(client.mutations[0]).to.deep.equal({ name: "prompts:forget", args: { id: "h1" } });
    expect($$(el, ".use-prompt").map(text)[0]).to.equal(
      "a castle at dawn",
      "the older duplicate shows once the newer is forgotten",
    );
    expect(text($(el, "#recent-prompts .notice"))).to.equal("Forgot “A castle at dawn”.");
    await sendKeys({ press: "Escape" });
    await el.updateComplete;
    expect($(el, "#recent-prompts")).to.equal(null);
    expect(el.shadowRoot!.activeElement).to.equal(toggle);
  });

  it("recent prompts: says so when there are none, or when they cannot load", async () => {
    const client = new FakeClient();
    client.setResult(api.prompts.recent, {}, []);
    const el = await mountWithClient(aurora, client);
    $(el, ".recent-toggle")!.click();
    await waitUntil(() => text($(el, "#recent-prompts")).startsWith("No prompts yet"));
    await expectNoAxeViolations(el);
    client.setError(api.prompts.recent, {}, new ConvexError({ code: "UNAUTHENTICATED", message: "Sign in again." }));
    await waitUntil(() => text($(el, "#recent-prompts")).includes("Sign in again."));
  });

  it("without a model, or with an unknown model-id, says so instead of showing an empty form", async () => {
    const none = await fixture<PixorlyPromptBox>(html`<pixorly-prompt-box></pixorly-prompt-box>`);
    expect(text($(none, '[part="message"]'))).to.equal("Choose a model to write a prompt for.");
    await expectNoAxeViolations(none);

    const client = new FakeClient();
    client.setResult(api.models.list, {}, [aurora]);
    const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
    provideClient(wrapper, client);
    const unknown = await fixture<PixorlyPromptBox>(
      html`<pixorly-prompt-box model-id="acme/nope"></pixorly-prompt-box>`,
      { parentNode: wrapper },
    );
    await waitUntil(() => text($(unknown, '[part="message"]')).startsWith("Unknown"), "the catalog to load");
    expect(text($(unknown, '[part="message"]'))).to.equal(
      'Unknown model "acme/nope". Choose one of the available models.',
    );
    await expectNoAxeViolations(unknown);
    unknown.modelId = "local/aurora";
    await unknown.updateComplete;
    expect($(unknown, "#prompt")).to.exist;
  });
  it("custom size: starts from the chosen size, takes any size within the model, says clearly what is wrong", async () => {
    const el = await mount(
      makeModel({ minWidth: 256, maxWidth: 1536, minHeight: 256, maxHeight: 1536, sizeMultiple: 64 }),
    );
    const seen = submissions(el);
    await type(el, "#prompt", "a fox");
    $<HTMLInputElement>(el, ".custom input")!.click();
    await el.updateComplete;
    expect($<HTMLInputElement>(el, "#custom-width")!.value).to.equal("1024", "starts from the size chosen before");
    expect(text($(el, "#custom-size-hint"))).to.equal("256–1,536 × 256–1,536 px, in steps of 64");
    await type(el, "#custom-width", "1280");
    await type(el, "#custom-height", "640");
    expect(text($(el, ".size-now"))).to.equal("1280 × 640 px");
    $(el, '[part="submit"]')!.click();
    expect(seen[0]!.request.parameters).to.include({ width: 1280, height: 640 });
    await expectNoAxeViolations(el);

    await type(el, "#custom-width", "2000");
    $(el, '[part="submit"]')!.click();
    await el.updateComplete;
    expect(seen).to.have.length(1, "refused");
    expect(text($(el, "#size-error"))).to.equal("Width must be from 256 to 1536 pixels for this model");
    expect($(el, "#custom-width")!.getAttribute("aria-invalid")).to.equal("true");
    expect(el.shadowRoot!.activeElement?.id).to.equal("custom-width", "the wrong input has focus");
    await type(el, "#custom-width", "1000");
    expect(text($(el, "#size-error"))).to.equal("Width must be a multiple of 64 pixels");
    await type(el, "#custom-width", "");
    expect(text($(el, "#size-error"))).to.equal("Width must be a whole number of pixels from 256 to 1536.");
    await type(el, "#custom-width", "768");
    expect($(el, "#size-error")).to.equal(null, "fixed: the message goes");
    await expectNoAxeViolations(el);
  });

  it("a model with fixed ratios refuses a custom size of another ratio, naming the ratios", async () => {
    const el = await mount(studioXl);
    const seen = submissions(el);
    await type(el, "#prompt", "a fox");
    $<HTMLInputElement>(el, ".custom input")!.click();
    await el.updateComplete;
    await type(el, "#custom-width", "1024");
    await type(el, "#custom-height", "512");
    $(el, '[part="submit"]')!.click();
    await el.updateComplete;
    expect(seen).to.have.length(0);
    expect(text($(el, "#size-error"))).to.equal("Studio XL supports the aspect ratios 1:1, 16:9, not 1024×512");
  });

  it('"Use these settings" with a size no chip has comes back as a custom size', async () => {
    const el = await mount();
    el.applySettings({ prompt: "a fox", parameters: { width: 1000, height: 600 } });
    await el.updateComplete;
    expect($<HTMLInputElement>(el, ".custom input")!.checked).to.equal(true);
    expect([
      $<HTMLInputElement>(el, "#custom-width")!.value,
      $<HTMLInputElement>(el, "#custom-height")!.value,
    ]).to.deep.equal(["1000", "600"]);
    el.applySettings({ prompt: "a fox", parameters: { width: 1024, height: 576 } });
    await el.updateComplete;
    expect(text($(el, 'input[name="size"]:checked')!.parentElement)).to.contain("16:9");
  });

  it("shows the Ctrl+Enter hint with a mouse, not on a touch screen (coarse pointer)", async () => {
    const fine = await mount();
    expect(text($(fine, ".shortcut"))).to.match(/^(Ctrl|⌘)\+Enter$/);
    expect($(fine, '[part="submit"]')!.getAttribute("aria-describedby")).to.equal("submit-shortcut");
    const original = window.matchMedia;
    // A touch screen, as far as the page can tell: the main pointer is coarse.
    window.matchMedia = (query: string) =>
      query === "(pointer: coarse)"
        ? ({ matches: true, media: query } as MediaQueryList)
        : original.call(window, query);
    try {
      const touch = await mount();
      expect($(touch, ".shortcut")).to.equal(null);
      expect($(touch, '[part="submit"]')!.hasAttribute("aria-describedby")).to.equal(false);
      await expectNoAxeViolations(touch);
      const client = new FakeClient();
      client.setResult(api.prompts.recent, {}, [{ _id: "h1", prompt: "a castle at dawn", usedAt: 1 }]);
      const withHistory = await mountWithClient(aurora, client);
      $(withHistory, ".recent-toggle")!.click();
      await waitUntil(() => $$(withHistory, ".use-prompt").length === 1, "the recent prompts");
      expect(text(withHistory.shadowRoot!.querySelector(".recent"))).to.not.contain("Esc to close");
    } finally {
      window.matchMedia = original;
    }
  });
});
