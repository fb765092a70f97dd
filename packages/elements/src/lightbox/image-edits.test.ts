import { expect, fixture, html, oneEvent, waitUntil } from "@open-wc/testing";
import { sendKeys } from "@web/test-runner-commands";
import { api, type LineageStep } from "../client/api.js";
import { expectNoAxeViolations } from "../test/axe.js";
import { FakeClient, provideClient } from "../test/fake-client.js";
import { makeImage, makeModel, PIXEL_URL } from "../test/fixtures.js";
import type { PixorlyLightbox } from "./lightbox.component.js";
import type { PixorlyMaskEditor } from "../mask-editor/mask-editor.component.js";
import "./lightbox.js";

/** The editor is a chunk of its own, imported on first use: slower engines on a busy machine take seconds. */
const loading = { timeout: 10_000 };
const IMAGES = [makeImage({ _id: "a", prompt: "a red fox" }), makeImage({ _id: "b", prompt: "a blue whale" })];
const aurora = makeModel({
  supports: {
    negativePrompt: false,
    seed: true,
    imageInput: {
      operations: ["img2img", "variations", "inpaint"],
      maxImages: 1,
      strength: { min: 0, max: 1, default: 0.6 },
    },
  },
});
const upscaler = makeModel({
  id: "local/upscale",
  name: "Upscale",
  supports: {
    negativePrompt: false,
    seed: false,
    imageInput: { operations: ["upscale"], maxImages: 1, scales: [2, 4], required: true },
  },
});

function clientWith(models = [aurora, upscaler]): FakeClient {
  const client = new FakeClient();
  client.setResult(api.models.list, {}, models);
  for (const image of IMAGES) client.urls.set(image._id, PIXEL_URL);
  let jobs = 0;
  client.onMutation(api.jobs.create, () => `job-${++jobs}`);
  return client;
}

async function open(client: FakeClient, images = IMAGES): Promise<PixorlyLightbox> {
  const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
  provideClient(wrapper, client);
  const el = document.createElement("pixorly-lightbox");
  wrapper.append(el);
  el.show(images, 0);
  await el.updateComplete;
  await waitUntil(() => $(el, ".edit-actions"), "the actions show");
  return el;
}

const $ = <T extends HTMLElement = HTMLElement>(el: PixorlyLightbox, selector: string) =>
  el.shadowRoot!.querySelector<T>(selector);
const text = (node: Element | null) => node?.textContent?.replace(/\s+/g, " ").trim() ?? "";
const creates = (client: FakeClient) => client.mutations.filter((m) => m.name === "jobs:create").map((m) => m.args);

describe("<pixorly-lightbox> image edits", () => {
  it("offers what the catalog's models support; the rest disabled with the reason shown", async () => {
    const el = await open(clientWith());
    await waitUntil(() => !$<HTMLButtonElement>(el, ".variations")!.disabled, "models arrive");
    expect($<HTMLButtonElement>(el, ".upscale-2")!.disabled).to.equal(false);
    expect($<HTMLButtonElement>(el, ".upscale-4")!.disabled).to.equal(false);
    expect($<HTMLButtonElement>(el, ".edit-area")!.disabled).to.equal(false);
    expect($<HTMLButtonElement>(el, ".remove-background")!.disabled).to.equal(true);
    expect(text($(el, ".edit-reasons"))).to.equal(
      "Remove background: needs a provider model; none available removes backgrounds (not available offline).",
    );
    await expectNoAxeViolations(el);
  });

  it("without image models every operation says why it is not offered", async () => {
    const el = await open(clientWith([makeModel()]));
    await waitUntil(() => $(el, ".edit-reasons li"));
    for (const selector of [".variations", ".upscale-2", ".upscale-4", ".remove-background", ".edit-area"])
      expect($<HTMLButtonElement>(el, selector)!.disabled, selector).to.equal(true);
    expect(el.shadowRoot!.querySelectorAll(".edit-reasons li")).to.have.length(4);
  });

  it("Variations and Upscale ×4 create jobs with input on the model that supports them", async () => {
    const client = clientWith();
    const el = await open(client);
    await waitUntil(() => !$<HTMLButtonElement>(el, ".variations")!.disabled);
    setTimeout(() => $(el, ".variations")!.click());
    const created = await oneEvent(el, "pixorly-job-created");
    expect(created.detail).to.deep.equal({ jobId: "job-1", model: "local/aurora" });
    await waitUntil(() => text($(el, ".message")).includes("Variations started"));
    $(el, ".upscale-4")!.click();
    await waitUntil(() => creates(client).length === 2);
    expect(creates(client)).to.deep.equal([
      {
        prompt: "a red fox",
        model: "local/aurora",
        parameters: { width: 512, height: 512 },
        input: { operation: "variations", imageId: "a", strength: 0.6 },
      },
      {
        prompt: "a red fox",
        model: "local/upscale",
        parameters: { width: 512, height: 512 },
        input: { operation: "upscale", imageId: "a", scale: 4 },
      },
    ]);
  });

  it("Edit area: paint a mask, it is uploaded as kind=mask and an inpaint job is created; Esc leaves the editor", async () => {
    const client = clientWith();
    const el = await open(client);
    await waitUntil(() => !$<HTMLButtonElement>(el, ".edit-area")!.disabled);
    $(el, ".edit-area")!.click();
    await waitUntil(() => $(el, "pixorly-mask-editor"), "the editor loads", loading);
    const editor = $(el, "pixorly-mask-editor") as unknown as PixorlyMaskEditor;
    expect(editor.size).to.deep.equal({ width: 512, height: 512 }, "the mask is the image's size, not the rendition's");
    await waitUntil(
      () => editor.shadowRoot!.querySelector<HTMLElement>(".content")!.getBoundingClientRect().width > 0,
      "laid out",
      loading,
    );
    await expectNoAxeViolations(el);

    // Esc leaves the editor, not the lightbox.
    editor.shadowRoot!.querySelector<HTMLElement>(".stage")!.focus();
    await sendKeys({ press: "Escape" });
    await el.updateComplete;
    expect($(el, "pixorly-mask-editor")).to.not.exist;
    expect(el.open).to.equal(true);
    expect(($(el, "dialog") as HTMLDialogElement).open).to.equal(true);

    $(el, ".edit-area")!.click();
    await waitUntil(() => $(el, "pixorly-mask-editor"), "the editor loads", loading);
    const again = $(el, "pixorly-mask-editor") as unknown as PixorlyMaskEditor;
    const stage = again.shadowRoot!.querySelector<HTMLElement>(".stage")!;
    await waitUntil(
      () => again.shadowRoot!.querySelector<HTMLElement>(".content")!.getBoundingClientRect().width > 0,
      "laid out",
      loading,
    );
    stage.focus();
    await sendKeys({ down: " " });
    await sendKeys({ press: "ArrowRight" });
    await sendKeys({ up: " " });
    const prompt = $<HTMLTextAreaElement>(el, ".inpaint-prompt textarea")!;
    expect(prompt.value).to.equal("a red fox");
    prompt.value = "a snowy field";
    prompt.dispatchEvent(new Event("input"));
    again.shadowRoot!.querySelector<HTMLElement>(".apply")!.click();
    await waitUntil(() => creates(client).length === 1, "the inpaint job is created", loading);
    expect(client.uploads.map((upload) => [upload.kind, upload.file.type])).to.deep.equal([["mask", "image/png"]]);
    expect(creates(client)[0]).to.deep.equal({
      prompt: "a snowy field",
      model: "local/aurora",
      parameters: { width: 512, height: 512 },
      input: { operation: "inpaint", imageId: "a", maskInputId: "input-1" },
    });
    await el.updateComplete;
    expect($(el, "pixorly-mask-editor"), "the editor closes").to.not.exist;
    expect(text($(el, ".message"))).to.contain("Repainting the area");
  });

  it("a refused mask upload shows the edge API's message and keeps the editor", async () => {
    const client = clientWith();
    client.uploadHandler = async () => {
      const { InputUploadError } = await import("../client/input-uploads.js");
      throw new InputUploadError("QUOTA_EXCEEDED", "Your storage is full.");
    };
    const el = await open(client);
    await waitUntil(() => !$<HTMLButtonElement>(el, ".edit-area")!.disabled);
    $(el, ".edit-area")!.click();
    await waitUntil(() => $(el, "pixorly-mask-editor"), "the editor loads", loading);
    const editor = $(el, "pixorly-mask-editor") as unknown as PixorlyMaskEditor;
    await waitUntil(
      () => editor.shadowRoot!.querySelector<HTMLElement>(".content")!.getBoundingClientRect().width > 0,
      "laid out",
      loading,
    );
    const content = editor.shadowRoot!.querySelector<HTMLElement>(".content")!;
    const rect = content.getBoundingClientRect();
    const at = {
      clientX: rect.left + 10,
      clientY: rect.top + 10,
      pointerId: 3,
      pointerType: "touch",
      bubbles: true,
      composed: true,
    };
    content.dispatchEvent(new PointerEvent("pointerdown", at));
    content.dispatchEvent(new PointerEvent("pointerup", at));
    editor.shadowRoot!.querySelector<HTMLElement>(".apply")!.click();
    await waitUntil(() => text($(el, ".message")).includes("Your storage is full."));
    expect(creates(client)).to.have.length(0);
    expect($(el, "pixorly-mask-editor")).to.exist;
  });

  it("shows the lineage with links to the sources; a deleted source says so", async () => {
    const client = clientWith();
    const lineage: LineageStep[] = [
      { imageId: "a", operation: "upscale", prompt: "a red fox", model: "local/upscale", createdAt: 3, exists: true },
      {
        imageId: "b",
        operation: "variations",
        prompt: "a blue whale",
        model: "local/aurora",
        createdAt: 2,
        exists: true,
      },
      { imageId: "zz", prompt: "", model: "", createdAt: 1, exists: false },
    ];
    client.setResult(api.images.lineage, { imageId: "a" }, lineage);
    const el = await open(client);
    await waitUntil(() => $(el, ".lineage"), "the lineage loads");
    expect(text($(el, ".lineage"))).to.equal("Made from Upscaled a blue whale Variation A deleted image");
    await expectNoAxeViolations(el);
    $(el, ".lineage-link")!.click();
    await el.updateComplete;
    expect(el.index).to.equal(1, "the source is shown");
  });

  it("a source outside the list is fetched and added", async () => {
    const client = clientWith();
    const source = makeImage({ _id: "src", prompt: "the original" });
    client.urls.set("src", PIXEL_URL);
    client.setResult(api.images.lineage, { imageId: "a" }, [
      { imageId: "a", operation: "variations", prompt: "a red fox", model: "local/aurora", createdAt: 2, exists: true },
      { imageId: "src", prompt: "the original", model: "local/aurora", createdAt: 1, exists: true },
    ]);
    client.setResult(api.images.get, { imageId: "src" }, source);
    const el = await open(client);
    await waitUntil(() => $(el, ".lineage-link"));
    $(el, ".lineage-link")!.click();
    await waitUntil(() => el.current?._id === "src");
    expect(el.images.map((image) => image._id)).to.deep.equal(["a", "b", "src"]);
  });

  it("a transparent image shows on a checkerboard once loaded", async () => {
    const el = await open(clientWith());
    const image = $(el, ".stage pixorly-image")!;
    await waitUntil(() => image.hasAttribute("loaded"), "the image loads");
    expect(getComputedStyle(image).backgroundImage).to.contain("conic-gradient");
  });
});
