import { expect, fixture, html, oneEvent, waitUntil } from "@open-wc/testing";
import { sendKeys } from "@web/test-runner-commands";
import { ConvexError } from "convex/values";
import { api } from "../client/api.js";
import { expectNoAxeViolations } from "../test/axe.js";
import { FakeClient, provideClient } from "../test/fake-client.js";
import { downloadNavigation } from "../internal/save-file.js";
import { makeImage, makeJob, makeModel, PIXEL_URL } from "../test/fixtures.js";
import type { PixorlyLightbox } from "./lightbox.component.js";
import "./lightbox.js";

const IMAGES = [
  makeImage({ _id: "a", prompt: "a red fox", seed: 11 }),
  makeImage({ _id: "b", prompt: "a blue whale", seed: 22, isPublic: true, width: 768, height: 512 }),
  makeImage({ _id: "c", prompt: "a green hill", seed: 33 }),
];

function clientWithJob(): FakeClient {
  const client = new FakeClient();
  client.setResult(api.models.list, {}, [makeModel()]);
  const job = makeJob({
    status: "completed",
    negativePrompt: "blurry",
    parameters: { width: 512, height: 512, seed: 11, numImages: 1, steps: 24, guidance: 6.5 },
    actualCost: 2,
    startedAt: 1_000,
    completedAt: 3_500,
    resultImageIds: ["a"],
  });
  client.setResult(api.jobs.get, { jobId: "job1" }, job);
  for (const image of IMAGES) client.urls.set(image._id, PIXEL_URL);
  return client;
}

interface Mounted {
  el: PixorlyLightbox;
  opener: HTMLButtonElement;
}

async function mount(client: FakeClient): Promise<Mounted> {
  const wrapper = await fixture<HTMLDivElement>(html`<div><button id="opener">Open</button></div>`);
  provideClient(wrapper, client);
  const el = document.createElement("pixorly-lightbox");
  wrapper.append(el);
  await el.updateComplete;
  return { el, opener: wrapper.querySelector("button")! };
}

async function open({ el, opener }: Mounted, index = 0): Promise<void> {
  opener.focus();
  el.show(IMAGES, index);
  await el.updateComplete;
}

const $ = (el: PixorlyLightbox, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
const text = (el: PixorlyLightbox) => $(el, "dialog")!.textContent!.replace(/\s+/g, " ");
const focused = (el: PixorlyLightbox) => el.shadowRoot!.activeElement;

describe("<pixorly-lightbox>", () => {
  it("closed: renders an unopened dialog and nothing else", async () => {
    const { el } = await mount(clientWithJob());
    expect(($(el, "dialog") as HTMLDialogElement).open).to.equal(false);
    expect(text(el).trim()).to.equal("");
    await expectNoAxeViolations(el);
  });

  it("open: the image with its metadata (from the image and its job), focus inside, no violations", async () => {
    const client = clientWithJob();
    const m = await mount(client);
    await open(m);
    const { el } = m;
    expect(($(el, "dialog") as HTMLDialogElement).open).to.equal(true);
    expect(focused(el)).to.equal($(el, ".close"));
    await waitUntil(() => text(el).includes("Steps"), "the job arrives");
    const body = text(el);
    for (const part of ["a red fox", "blurry", "Aurora", "11", "24", "6.5", "512 × 512", "2 credits", "2.5 s", "1 / 3"])
      expect(body).to.contain(part);
    expect(body).not.to.contain("Copy share link", "private images have no share link");
    await expectNoAxeViolations(el);
  });

  it("steps with ←/→, closes on Esc and gives focus back", async () => {
    const m = await mount(clientWithJob());
    await open(m, 1);
    const { el } = m;
    await sendKeys({ press: "ArrowRight" });
    expect(el.index).to.equal(2);
    await sendKeys({ press: "ArrowRight" });
    expect(el.index).to.equal(2, "stays on the last");
    await sendKeys({ press: "ArrowLeft" });
    await sendKeys({ press: "ArrowLeft" });
    expect(el.index).to.equal(0);
    const closed = oneEvent(el, "pixorly-lightbox-close");
    await sendKeys({ press: "Escape" });
    await closed;
    await el.updateComplete;
    expect(el.open).to.equal(false);
    expect(document.activeElement).to.equal(m.opener);
  });

  it("keeps Tab inside", async () => {
    const m = await mount(clientWithJob());
    await open(m);
    const { el } = m;
    const buttons = [...el.shadowRoot!.querySelectorAll<HTMLElement>("dialog button:not([disabled])")];
    buttons.at(-1)!.focus();
    await sendKeys({ press: "Tab" });
    expect(focused(el)).to.equal(buttons[0]);
    await sendKeys({ press: "Shift+Tab" });
    expect(focused(el)).to.equal(buttons.at(-1));
  });

  it("follows a touch swipe, not a mouse drag", async () => {
    const m = await mount(clientWithJob());
    await open(m);
    const { el } = m;
    const stage = $(el, ".stage")!;
    const drag = (pointerType: string, from: number, to: number) => {
      stage.dispatchEvent(
        new PointerEvent("pointerdown", {
          pointerType,
          pointerId: 3,
          isPrimary: true,
          clientX: from,
          clientY: 200,
          bubbles: true,
        }),
      );
      stage.dispatchEvent(
        new PointerEvent("pointerup", {
          pointerType,
          pointerId: 3,
          isPrimary: true,
          clientX: to,
          clientY: 210,
          bubbles: true,
        }),
      );
    };
    drag("touch", 300, 120);
    expect(el.index).to.equal(1, "swiped left: next");
    drag("mouse", 300, 120);
    expect(el.index).to.equal(1, "a mouse drag is no swipe");
    drag("touch", 100, 130);
    expect(el.index).to.equal(1, "too short");
    drag("touch", 100, 300);
    expect(el.index).to.equal(0, "swiped right: previous");
  });

  it("zooms to 100 %: the original at its own pixel size", async () => {
    const m = await mount(clientWithJob());
    await open(m, 1);
    const { el } = m;
    $(el, ".zoom")!.click();
    await el.updateComplete;
    const image = $(el, "pixorly-image")!;
    expect(el.zoomed).to.equal(true);
    expect([image.style.width, image.style.height, image.getAttribute("request-width")]).to.deep.equal([
      "768px",
      "512px",
      "0",
    ]);
    // The scrolling stage takes focus, and there the arrow keys scroll instead of turning the page.
    const stage = $(el, ".stage")!;
    expect(stage.getAttribute("tabindex")).to.equal("0");
    stage.focus();
    await sendKeys({ press: "ArrowRight" });
    expect(el.index).to.equal(1);
    await expectNoAxeViolations(el);
  });

  it("favorites (and takes it back when the backend refuses)", async () => {
    const client = clientWithJob();
    const m = await mount(client);
    await open(m);
    const { el } = m;
    $(el, '[part~="favorite-button"]')!.click();
    await waitUntil(() => client.mutations.length === 1);
    expect(client.mutations[0]).to.deep.equal({ name: "images:setFavorite", args: { ids: ["a"], favorite: true } });
    await el.updateComplete;
    expect($(el, '[part~="favorite-button"]')!.getAttribute("aria-pressed")).to.equal("true");
    client.onMutation(api.images.setFavorite, () => {
      throw new ConvexError({ code: "NOT_FOUND", message: "Image not found." });
    });
    $(el, '[part~="favorite-button"]')!.click();
    await waitUntil(() => $(el, '[part="message"]')!.textContent!.includes("Image not found."), "the refusal is shown");
    expect($(el, '[part~="favorite-button"]')!.getAttribute("aria-pressed")).to.equal("true");
    await expectNoAxeViolations(el);
  });

  it("deletes after confirming, tells the page, and shows the next image", async () => {
    const client = clientWithJob();
    const m = await mount(client);
    await open(m);
    const { el } = m;
    $(el, '[part~="delete-button"]')!.click();
    await el.updateComplete;
    expect(client.mutations).to.have.length(0);
    await expectNoAxeViolations(el);
    const deleted = oneEvent(el, "pixorly-images-deleted");
    $(el, ".confirm-delete")!.click();
    expect(((await deleted) as CustomEvent).detail).to.deep.equal({ imageIds: ["a"] });
    expect(client.mutations[0]).to.deep.equal({ name: "images:removeMany", args: { ids: ["a"] } });
    await el.updateComplete;
    expect(el.current?._id).to.equal("b");
    expect(text(el)).to.contain("1 / 2");
  });

  it('"Use these settings" hands the prompt, model and parameters to the page and closes', async () => {
    const m = await mount(clientWithJob());
    await open(m);
    const { el } = m;
    await waitUntil(() => text(el).includes("Steps"), "the job arrives");
    const used = oneEvent(el, "pixorly-use-settings");
    $(el, '[part~="use-settings-button"]')!.click();
    const detail = ((await used) as CustomEvent).detail;
    expect(detail).to.deep.include({ prompt: "a red fox", negativePrompt: "blurry", model: "local/aurora" });
    expect(detail.parameters).to.deep.include({ steps: 24, guidance: 6.5, seed: 11, width: 512, height: 512 });
    expect(el.open).to.equal(false);
  });

  it("without the edge’s download variant, downloads by fetching and saving through an object URL with a file name", async () => {
    const client = clientWithJob();
    client.downloadsSupported = false;
    const m = await mount(client);
    await open(m);
    const { el } = m;
    const saved = new Promise<HTMLAnchorElement>((resolve) => {
      const listener = (event: Event) => {
        const link = event.target as HTMLAnchorElement;
        if (!(link instanceof HTMLAnchorElement) || !link.download) return;
        event.preventDefault();
        document.removeEventListener("click", listener, true);
        resolve(link);
      };
      document.addEventListener("click", listener, true);
    });
    const format = $(el, 'select[aria-label="Download format"]') as HTMLSelectElement;
    format.value = "webp";
    format.dispatchEvent(new Event("change"));
    await el.updateComplete;
    $(el, '[part~="download-button"]')!.click();
    const link = await saved;
    expect(link.href).to.match(/^blob:/);
    expect(link.download).to.equal("pixorly-a-red-fox-a.png");
    expect(client.urlRequests.at(-1)).to.deep.equal(
      { imageId: "a", transform: { f: "webp" } },
      "the chosen format is asked of the CDN",
    );
    await waitUntil(() => $(el, '[part="message"]')!.textContent!.includes("Saved"), "says it is saved");
    await expectNoAxeViolations(el);
  });

  it("copies metadata and, for a public image, its share link; adds to a collection", async () => {
    const client = clientWithJob();
    client.setResult(api.collections.list, {}, [
      {
        _id: "col1",
        _creationTime: 0,
        name: "Sea",
        isPublic: false,
        shareId: null,
        imageCount: 0,
        updatedAt: 0,
        cover: null,
      },
    ]);
    client.setResult(api.collections.forImage, { imageId: "b" }, []);
    const m = await mount(client);
    await open(m, 1);
    const { el } = m;
    const copied: string[] = [];
    const original = navigator.clipboard.writeText;
    navigator.clipboard.writeText = async (value: string) => void copied.push(value);
    try {
      $(el, '[data-key="prompt"] .copy')!.click();
      await waitUntil(() => copied.length === 1);
      $(el, '[part~="share-button"]')!.click();
      await waitUntil(() => copied.length === 2);
    } finally {
      navigator.clipboard.writeText = original;
    }
    expect(copied).to.deep.equal(["a blue whale", PIXEL_URL]);
    $(el, '[part~="collection-button"]')!.click();
    await waitUntil(() => text(el).includes("Sea"), "the collections are listed");
    await expectNoAxeViolations(el);
    [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>(".collections button")]
      .find((b) => b.textContent!.trim() === "Sea")!
      .click();
    await waitUntil(() => client.mutations.some((call) => call.name === "collections:addImages"));
    expect(client.mutations.at(-1)!.args).to.deep.equal({ id: "col1", imageIds: ["b"] });
    await waitUntil(() => text(el).includes("Added to Sea."));
  });

  it("downloads through the signed download link in the chosen size and format, keyboard only", async () => {
    const client = clientWithJob();
    const followed: string[] = [];
    const original = downloadNavigation.follow;
    downloadNavigation.follow = (url) => void followed.push(url);
    try {
      const m = await mount(client);
      await open(m);
      const { el } = m;
      const width = $(el, 'select[aria-label="Download size"]') as HTMLSelectElement;
      expect([...width.options].map((o) => o.value)).to.deep.equal(["", "256"], "never wider than the image");
      width.value = "256";
      width.dispatchEvent(new Event("change"));
      const format = $(el, 'select[aria-label="Download format"]') as HTMLSelectElement;
      format.value = "webp";
      format.dispatchEvent(new Event("change"));
      await el.updateComplete;
      $(el, '[part~="download-button"]')!.focus();
      await sendKeys({ press: "Enter" });
      await waitUntil(() => followed.length === 1, "the download link is followed");
      expect(client.downloadRequests).to.deep.equal([{ imageId: "a", transform: { w: 256, f: "webp" } }]);
      expect(
        client.urlRequests.filter((r) => Object.keys(r.transform).length > 0 && r.transform.f === "webp"),
      ).to.have.length(0, "no bytes fetched");
      expect(followed[0]).to.equal("https://cdn.test/download/a?w=256&f=webp");
      await waitUntil(() => $(el, '[part="message"]')!.textContent!.includes("Downloading pixorly-a.webp."));
      await expectNoAxeViolations(el);
    } finally {
      downloadNavigation.follow = original;
    }
  });

  it("says so when the image cannot be downloaded (not readable any more)", async () => {
    const client = clientWithJob();
    client.urls.delete("a");
    const followed: string[] = [];
    const original = downloadNavigation.follow;
    downloadNavigation.follow = (url) => void followed.push(url);
    try {
      const m = await mount(client);
      await open(m);
      $(m.el, '[part~="download-button"]')!.click();
      await waitUntil(() => $(m.el, '[part="message"]')!.textContent!.includes("This image is not available."));
      expect(followed).to.deep.equal([]);
    } finally {
      downloadNavigation.follow = original;
    }
  });

  it("edits tags: adds (normalised) and removes with the keyboard, refuses bad ones with a reason", async () => {
    const client = clientWithJob();
    const m = await mount(client);
    await open(m);
    const { el } = m;
    expect($(el, ".tag-count")!.textContent).to.equal("0 / 20");
    await expectNoAxeViolations(el);
    const input = $(el, "#tag-input") as HTMLInputElement;
    input.focus();
    await sendKeys({ type: "  #Golden   Hour " });
    await sendKeys({ press: "Enter" });
    await waitUntil(() => client.mutations.some((call) => call.name === "images:addTags"), "the tag is sent");
    expect(client.mutations.at(-1)!.args).to.deep.equal({ ids: ["a"], tags: ["golden hour"] });
    await waitUntil(() => $(el, ".tag-count")!.textContent === "1 / 20");
    expect([...el.shadowRoot!.querySelectorAll(".tag span")].map((t) => t.textContent)).to.deep.equal(["golden hour"]);
    expect(input.value).to.equal("", "the field is cleared");
    await expectNoAxeViolations(el);

    // Empty, too long, duplicate: refused here, with the reason, nothing sent.
    const sent = client.mutations.length;
    await sendKeys({ press: "Enter" });
    await waitUntil(() => $(el, "#tag-error")!.textContent!.includes("Type a tag first."));
    expect(input.getAttribute("aria-invalid")).to.equal("true");
    await expectNoAxeViolations(el);
    await sendKeys({ type: "x".repeat(41) });
    expect($(el, "#tag-error")!.textContent!.trim()).to.equal("", "typing clears the error");
    await sendKeys({ press: "Enter" });
    await waitUntil(() => $(el, "#tag-error")!.textContent!.includes("at most 32 characters; this one has 41"));
    input.value = "";
    input.dispatchEvent(new Event("input"));
    await sendKeys({ type: "GOLDEN HOUR" });
    await sendKeys({ press: "Enter" });
    await waitUntil(() => $(el, "#tag-error")!.textContent!.includes("already tagged “golden hour”"));
    expect(client.mutations.length).to.equal(sent, "nothing was sent for bad tags");
    // A live update of the same image (the gallery passes new documents) keeps the field and its message.
    el.images = el.images.map((image) => ({ ...image }));
    await el.updateComplete;
    expect($(el, "#tag-error")!.textContent).to.contain("already tagged");
    expect(input.value).to.equal("GOLDEN HOUR");

    // Remove with the keyboard; focus stays in the editor.
    ($(el, ".remove-tag") as HTMLButtonElement).focus();
    await sendKeys({ press: "Enter" });
    await waitUntil(() => client.mutations.some((call) => call.name === "images:removeTags"));
    expect(client.mutations.at(-1)!.args).to.deep.equal({ ids: ["a"], tags: ["golden hour"] });
    await waitUntil(() => $(el, ".tag-count")!.textContent === "0 / 20");
    expect(focused(el)).to.equal($(el, "#tag-input"));
  });

  it("shows the tag limit: at 20 tags the field is closed and says why; a backend refusal is shown", async () => {
    const client = clientWithJob();
    const full = Array.from({ length: 20 }, (_, i) => `tag ${i + 1}`);
    const m = await mount(client);
    m.opener.focus();
    m.el.show([makeImage({ _id: "a", tags: full }), makeImage({ _id: "b", tags: ["sea"] })], 0);
    await m.el.updateComplete;
    const { el } = m;
    expect($(el, ".tag-count")!.textContent).to.equal("20 / 20");
    expect(($(el, "#tag-input") as HTMLInputElement).disabled).to.equal(true);
    expect(text(el)).to.contain("20 tags, the most an image can have. Remove one to add another.");
    await expectNoAxeViolations(el);

    client.onMutation(api.images.addTags, () => {
      throw new ConvexError({ code: "INVALID_ARGUMENT", message: "tags: An image has at most 20 tags." });
    });
    m.el.next();
    await el.updateComplete;
    const input = $(el, "#tag-input") as HTMLInputElement;
    input.value = "storm";
    input.dispatchEvent(new Event("input"));
    await el.updateComplete;
    ($(el, ".add-tag") as HTMLButtonElement).click();
    await waitUntil(() => $(el, "#tag-error")!.textContent!.includes("An image has at most 20 tags."));
    expect([...el.shadowRoot!.querySelectorAll(".tag span")].map((t) => t.textContent)).to.deep.equal(
      ["sea"],
      "unchanged",
    );
  });

  it('"Add to collection" checks the collections that hold the image and toggles membership', async () => {
    const client = clientWithJob();
    const collection = (id: string, name: string) => ({
      _id: id,
      _creationTime: 0,
      name,
      isPublic: false,
      shareId: null,
      imageCount: 1,
      updatedAt: 0,
      cover: null,
    });
    client.setResult(api.collections.list, {}, [collection("col1", "Sea"), collection("col2", "Foxes")]);
    client.setResult(api.collections.forImage, { imageId: "a" }, ["col2"]);
    const m = await mount(client);
    await open(m);
    const { el } = m;
    $(el, '[part~="collection-button"]')!.focus();
    await sendKeys({ press: "Enter" });
    await waitUntil(() => el.shadowRoot!.querySelectorAll(".collection-toggle").length === 2, "listed");
    const toggles = () => [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>(".collection-toggle")];
    await waitUntil(() => toggles()[1]!.getAttribute("aria-pressed") === "true", "Foxes is checked");
    expect(toggles()[0]!.getAttribute("aria-pressed")).to.equal("false");
    expect(toggles()[1]!.textContent).to.contain("✓");
    await expectNoAxeViolations(el);

    toggles()[1]!.focus();
    await sendKeys({ press: "Enter" });
    await waitUntil(() => client.mutations.some((call) => call.name === "collections:removeImages"));
    expect(client.mutations.at(-1)!.args).to.deep.equal({ id: "col2", imageIds: ["a"] });
    await waitUntil(() => toggles()[1]!.getAttribute("aria-pressed") === "false");
    expect(text(el)).to.contain("Removed from Foxes.");

    toggles()[0]!.click();
    await waitUntil(() => client.mutations.some((call) => call.name === "collections:addImages"));
    expect(client.mutations.at(-1)!.args).to.deep.equal({ id: "col1", imageIds: ["a"] });
    await waitUntil(() => toggles()[0]!.getAttribute("aria-pressed") === "true");
    expect(text(el)).to.contain("Added to Sea.");
    await expectNoAxeViolations(el);
  });
});
