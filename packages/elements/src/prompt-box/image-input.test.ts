import { expect, fixture, html, oneEvent, waitUntil } from "@open-wc/testing";
import type { ModelInfo } from "@pixorly/core";
import { api } from "../client/api.js";
import { InputUploadError, inputFileProblem } from "../client/input-uploads.js";
import type { PromptSubmitDetail } from "../events/index.js";
import { expectNoAxeViolations } from "../test/axe.js";
import { FakeClient, provideClient } from "../test/fake-client.js";
import { makeImage, makeModel, PIXEL_URL } from "../test/fixtures.js";
import type { PixorlyPromptBox } from "./prompt-box.component.js";
import "./prompt-box.js";

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
const textOnly = makeModel({ id: "local/plain", name: "Plain" });
const upscaler = makeModel({
  id: "local/upscale",
  name: "Upscale",
  supports: {
    negativePrompt: false,
    seed: false,
    imageInput: { operations: ["upscale"], maxImages: 1, scales: [2, 4], required: true },
  },
});

async function mount(model: ModelInfo, client = new FakeClient()): Promise<PixorlyPromptBox> {
  const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
  provideClient(wrapper, client);
  const el = await fixture<PixorlyPromptBox>(html`<pixorly-prompt-box .model=${model}></pixorly-prompt-box>`, {
    parentNode: wrapper,
  });
  await el.updateComplete;
  return el;
}

const $ = <T extends HTMLElement = HTMLElement>(el: PixorlyPromptBox, selector: string) =>
  el.shadowRoot!.querySelector<T>(selector);
const text = (node: Element | null) => node?.textContent?.replace(/\s+/g, " ").trim() ?? "";

/** A real 2×2 PNG file. */
async function pngFile(name = "photo.png"): Promise<File> {
  const canvas = document.createElement("canvas");
  canvas.width = 2;
  canvas.height = 2;
  const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), "image/png"));
  return new File([blob], name, { type: "image/png" });
}

function transfer(file: File): DataTransfer {
  const data = new DataTransfer();
  data.items.add(file);
  return data;
}

async function pick(el: PixorlyPromptBox, file: File): Promise<void> {
  const input = $<HTMLInputElement>(el, "#image-file")!;
  input.files = transfer(file).files;
  input.dispatchEvent(new Event("change"));
  await el.updateComplete;
}

async function submitted(el: PixorlyPromptBox, prompt = ""): Promise<PromptSubmitDetail> {
  const textarea = $<HTMLTextAreaElement>(el, "#prompt")!;
  textarea.value = prompt;
  textarea.dispatchEvent(new Event("input"));
  await el.updateComplete;
  setTimeout(() => $(el, 'button[type="submit"]')!.click());
  return (await oneEvent(el, "pixorly-submit")).detail;
}

describe("<pixorly-prompt-box> image input", () => {
  it("is offered only for a model whose catalog entry takes input images", async () => {
    const plain = await mount(textOnly);
    expect($(plain, ".image-input")).to.not.exist;
    const el = await mount(aurora);
    expect(text($(el, ".image-input legend"))).to.equal("Start from an image (optional)");
    expect($(el, ".image-file-button")).to.exist;
    expect($(el, ".library-button")).to.exist;
    await expectNoAxeViolations(el);
  });

  it("a picked file uploads with progress, shows a preview, and the job request carries it with its strength", async () => {
    const client = new FakeClient();
    let finish!: () => void;
    client.uploadHandler = async (file, options) => {
      options.onProgress?.(0.4);
      await new Promise<void>((resolve) => (finish = resolve));
      return { inputId: "in-7", kind: "image", width: 2, height: 2, format: "png", bytes: file.size };
    };
    const el = await mount(aurora, client);
    await pick(el, await pngFile());
    await waitUntil(() => text($(el, ".progress")).includes("40 %"), "progress shows");
    expect(($(el, "progress") as HTMLProgressElement).value).to.equal(0.4);
    expect($<HTMLImageElement>(el, "img.thumbnail")!.alt).to.equal("Chosen image: photo.png");
    expect(client.uploads).to.have.length(1);
    // Submitting before the upload is done waits for it.
    $(el, 'button[type="submit"]')!.click();
    await el.updateComplete;
    expect(text($(el, ".form-error"))).to.equal("Wait for the image to finish uploading.");
    finish();
    await waitUntil(() => text($(el, ".image-preview")).includes("Uploaded."), "upload done");
    await expectNoAxeViolations(el);
    const strength = $<HTMLInputElement>(el, ".strength-input")!;
    strength.value = "0.35";
    strength.dispatchEvent(new Event("input"));
    const detail = await submitted(el, "make it dusk");
    expect(detail.request.input).to.deep.equal({ operation: "img2img", inputId: "in-7", strength: 0.35 });
    // Used by a job: removing it from the box does not delete it.
    $(el, ".remove-image")!.click();
    expect(client.mutations.filter((m) => m.name === "inputs:remove")).to.have.length(0);
  });

  it("refuses a wrong type here and shows the edge API's refusal as it says it", async () => {
    const client = new FakeClient();
    const el = await mount(aurora, client);
    await pick(el, new File(["hello"], "notes.txt", { type: "text/plain" }));
    expect(text($(el, "#image-input-error"))).to.equal("notes.txt is not a PNG, JPEG or WebP image.");
    expect(client.uploads).to.have.length(0, "nothing sent");

    client.uploadHandler = async () => {
      throw new InputUploadError("INPUT_TOO_MANY_PIXELS", "This image has too many pixels to work with.");
    };
    await pick(el, await pngFile("huge.png"));
    await waitUntil(() => text($(el, "#image-input-error")).includes("too many pixels"));
    expect($(el, ".image-preview"), "the refused file is not kept").to.not.exist;
    await expectNoAxeViolations(el);
  });

  it("checks type and size before sending", () => {
    expect(inputFileProblem({ name: "a.gif", type: "image/gif", size: 10 })).to.contain("not a PNG, JPEG or WebP");
    expect(inputFileProblem({ name: "big.png", type: "image/png", size: 60 * 1024 * 1024 })).to.equal(
      "big.png is 60.0 MB; images can be at most 50 MB.",
    );
    expect(inputFileProblem({ name: "ok.webp", type: "image/webp", size: 1000 })).to.equal(null);
  });

  it("takes a pasted or dropped image; removing an unused upload deletes it", async () => {
    const client = new FakeClient();
    const el = await mount(aurora, client);
    const paste = new ClipboardEvent("paste", {
      clipboardData: transfer(await pngFile("pasted.png")),
      bubbles: true,
      composed: true,
      cancelable: true,
    });
    // Firefox's ClipboardEvent constructor keeps only text from `clipboardData`; a real paste there carries the file.
    if (!paste.clipboardData?.files.length)
      Object.defineProperty(paste, "clipboardData", { value: transfer(await pngFile("pasted.png")) });
    $(el, "#prompt")!.dispatchEvent(paste);
    expect(paste.defaultPrevented).to.equal(true);
    await waitUntil(() => text($(el, ".image-preview")).includes("pasted.png"));
    await waitUntil(() => text($(el, ".image-preview")).includes("Uploaded."));
    $(el, ".remove-image")!.click();
    await el.updateComplete;
    expect(client.mutations.find((m) => m.name === "inputs:remove")?.args).to.deep.equal({ inputId: "input-1" });

    const drop = new DragEvent("drop", {
      dataTransfer: transfer(await pngFile("dropped.png")),
      bubbles: true,
      cancelable: true,
    });
    $(el, ".drop-zone")!.dispatchEvent(drop);
    await waitUntil(() => text($(el, ".image-preview")).includes("dropped.png"));
    expect(client.uploads.map((u) => u.kind)).to.deep.equal(["image", "image"]);
  });

  it("'From library' picks one of the user's images; variations need no prompt", async () => {
    const client = new FakeClient();
    const image = makeImage({ _id: "lib-1", prompt: "a red fox" });
    client.urls.set("lib-1", PIXEL_URL);
    client.setResult(
      api.images.list,
      { paginationOpts: { numItems: 24, cursor: null } },
      { page: [image], isDone: true, continueCursor: "" },
    );
    const el = await mount(aurora, client);
    $(el, ".library-button")!.click();
    await waitUntil(() => $(el, ".library-choice"), "the library loads");
    await expectNoAxeViolations(el);
    $(el, ".library-choice")!.click();
    await el.updateComplete;
    expect(text($(el, ".image-preview"))).to.contain("a red fox");
    const variations = [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('input[name="image-operation"]')].find(
      (radio) => radio.value === "variations",
    )!;
    variations.click();
    const detail = await submitted(el, "");
    expect(detail.request.input).to.deep.equal({ operation: "variations", imageId: "lib-1", strength: 0.6 });
    expect(detail.request.prompt).to.equal("");
  });

  it("an upscaler needs an image and offers its scales", async () => {
    const client = new FakeClient();
    const image = makeImage({ _id: "lib-2" });
    client.setResult(
      api.images.list,
      { paginationOpts: { numItems: 24, cursor: null } },
      { page: [image], isDone: true, continueCursor: "" },
    );
    const el = await mount(upscaler, client);
    expect(text($(el, ".image-input legend"))).to.equal("Image");
    $(el, 'button[type="submit"]')!.click();
    await el.updateComplete;
    expect(text($(el, ".form-error"))).to.contain("Upscale");
    $(el, ".library-button")!.click();
    await waitUntil(() => $(el, ".library-choice"));
    $(el, ".library-choice")!.click();
    await el.updateComplete;
    [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('input[name="image-scale"]')]
      .find((r) => r.value === "4")!
      .click();
    const detail = await submitted(el, "");
    expect(detail.request.input).to.deep.equal({ operation: "upscale", imageId: "lib-2", scale: 4 });
  });
});
