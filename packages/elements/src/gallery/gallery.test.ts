import { expect, fixture, html, oneEvent, waitUntil } from "@open-wc/testing";
import { sendKeys } from "@web/test-runner-commands";
import { ConvexError } from "convex/values";
import { api, type ImageDoc } from "../client/api.js";
import { expectNoAxeViolations } from "../test/axe.js";
import { DownloadUnsupportedError } from "../client/downloads.js";
import { downloadNavigation } from "../internal/save-file.js";
import { GalleryBulkActions } from "./gallery-bulk-actions.js";
import { FakeClient, provideClient } from "../test/fake-client.js";
import { makeImage, makeModel, PIXEL_URL } from "../test/fixtures.js";
import type { PixorlyGallery } from "./gallery.component.js";
import "./gallery.js";

const PAGE = (cursor: string | null = null, numItems = 60) => ({ paginationOpts: { numItems, cursor } });
const LIST = (cursor: string | null = null, extra: Record<string, unknown> = {}, numItems = 60) => ({
  ...extra,
  sort: "newest" as const,
  ...PAGE(cursor, numItems),
});
const images = (count: number, prefix = "i") =>
  Array.from({ length: count }, (_, n) =>
    makeImage({ _id: `${prefix}${n}`, prompt: `image number ${n}`, placeholder: undefined }),
  );
const done = (page: ImageDoc[]) => ({ page, isDone: true, continueCursor: "end" });

function client(page: ImageDoc[] | null = images(5)): FakeClient {
  const fake = new FakeClient();
  fake.setResult(api.models.list, {}, [makeModel(), makeModel({ id: "local/mosaic", name: "Mosaic" })]);
  fake.setResult(api.images.tags, {}, ["sea", "sky"]);
  fake.setResult(api.collections.list, {}, [
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
  if (page) fake.setResult(api.images.list, LIST(), done(page));
  for (let n = 0; n < 20; n++) fake.urls.set(`i${n}`, PIXEL_URL);
  return fake;
}

async function mount(fake: FakeClient, setup: (el: PixorlyGallery) => void = () => {}): Promise<PixorlyGallery> {
  const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 900px"></div>`);
  provideClient(wrapper, fake);
  const el = document.createElement("pixorly-gallery");
  setup(el);
  wrapper.append(el);
  await el.updateComplete;
  return el;
}

const $ = (el: PixorlyGallery, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
const tiles = (el: PixorlyGallery) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part="tile"]')];
const tile = (el: PixorlyGallery, index: number) => $(el, `[part="tile"][data-index="${index}"]`)!;
const text = (el: PixorlyGallery) => el.shadowRoot!.textContent!.replace(/\s+/g, " ");
const rendered = (el: PixorlyGallery, count: number) => waitUntil(() => tiles(el).length === count, `${count} tiles`);

describe("<pixorly-gallery>", () => {
  it("loading, then empty, each without violations", async () => {
    const fake = client(null);
    const el = await mount(fake);
    expect(text(el)).to.contain("Loading images…");
    await expectNoAxeViolations(el);
    fake.setResult(api.images.list, LIST(), done([]));
    await waitUntil(() => text(el).includes("No images yet"));
    await expectNoAxeViolations(el);
  });

  it("says why the library could not load", async () => {
    const fake = client(null);
    fake.setError(
      api.images.list,
      LIST(),
      new ConvexError({ code: "FORBIDDEN", message: 'This token does not allow "images:read".' }),
    );
    const el = await mount(fake);
    await waitUntil(() => $(el, '[role="alert"]')?.textContent?.includes("does not allow"));
    await expectNoAxeViolations(el);
  });

  it("populated: a listbox of tiles, and a new image appears at the top live", async () => {
    const fake = client();
    const el = await mount(fake);
    await rendered(el, 5);
    expect($(el, '[role="listbox"]')!.getAttribute("aria-multiselectable")).to.equal("true");
    expect(tile(el, 0).getAttribute("aria-setsize")).to.equal("5");
    await expectNoAxeViolations(el);
    fake.setResult(api.images.list, LIST(), done([makeImage({ _id: "new", prompt: "brand new" }), ...images(5)]));
    await waitUntil(() => tile(el, 0)?.getAttribute("aria-label") === "brand new", "the new image leads");
  });

  it("keeps fewer than 300 image nodes in the DOM for 10,000 images, from top to bottom", async () => {
    const fake = client(images(10_000));
    const el = await mount(fake);
    await waitUntil(() => tiles(el).length > 0, "tiles");
    expect(el.shadowRoot!.querySelectorAll("pixorly-image").length).to.be.below(300);
    window.scrollTo(0, document.documentElement.scrollHeight);
    await waitUntil(() => tile(el, 9_999), "the last tile renders", { timeout: 5000 });
    expect(el.shadowRoot!.querySelectorAll("pixorly-image").length).to.be.below(300);
    window.scrollTo(0, 0);
  });

  it("loads the next page as the end comes into view", async () => {
    const fake = client(null);
    fake.setResult(api.images.list, LIST(null, {}, 4), { page: images(4), isDone: false, continueCursor: "c1" });
    fake.setResult(api.images.list, LIST("c1", {}, 4), done(images(3, "j")));
    const el = await mount(fake, (e) => (e.pageSize = 4));
    await rendered(el, 7);
    expect(fake.activeWatches("images:list")).to.equal(2);
  });

  it("searches after a pause in typing, and filters by model and favorites", async () => {
    const fake = client();
    fake.setResult(api.images.search, { text: "fox", ...PAGE() }, done([makeImage({ _id: "fox", prompt: "a fox" })]));
    fake.setResult(api.images.list, LIST(null, { model: "local/mosaic", favorite: true }), done([]));
    const el = await mount(fake);
    await rendered(el, 5);
    $(el, 'input[type="search"]')!.focus();
    await sendKeys({ type: "fox" });
    await waitUntil(() => tile(el, 0)?.getAttribute("aria-label") === "a fox", "search results");
    const input = $(el, 'input[type="search"]') as HTMLInputElement;
    input.value = "";
    input.dispatchEvent(new Event("input"));
    const select = el.shadowRoot!.querySelector("select") as HTMLSelectElement;
    select.value = "local/mosaic";
    select.dispatchEvent(new Event("change"));
    ($(el, ".check input") as HTMLInputElement).click();
    await waitUntil(() => text(el).includes("No images match."), "the filtered listing");
  });

  it("selects by Ctrl-click and Shift-click, opens on a plain click", async () => {
    const el = await mount(client());
    await rendered(el, 5);
    tile(el, 1).dispatchEvent(new MouseEvent("click", { ctrlKey: true, bubbles: true }));
    tile(el, 3).dispatchEvent(new MouseEvent("click", { shiftKey: true, bubbles: true }));
    await el.updateComplete;
    expect(el.selectedIds).to.deep.equal(["i1", "i2", "i3"]);
    expect(tile(el, 2).getAttribute("aria-selected")).to.equal("true");
    expect(text(el)).to.contain("3 selected");
    await expectNoAxeViolations(el);
    tile(el, 4).click();
    const lightbox = $(el, "pixorly-lightbox") as HTMLElement & { open: boolean; index: number };
    expect([lightbox.open, lightbox.index]).to.deep.equal([true, 4]);
  });

  it("is driven from the keyboard: arrows, Shift+arrows, Space, Ctrl+A, Esc, Enter", async () => {
    const el = await mount(client(), (e) => (e.itemSize = 150));
    await rendered(el, 5);
    tile(el, 0).focus();
    await sendKeys({ press: "ArrowRight" });
    await waitUntil(() => el.shadowRoot!.activeElement === tile(el, 1));
    await sendKeys({ press: "Space" });
    await sendKeys({ press: "Shift+ArrowRight" });
    await el.updateComplete;
    expect(el.selectedIds).to.deep.equal(["i1", "i2"]);
    await sendKeys({ press: "Escape" });
    await el.updateComplete;
    expect(el.selectedIds).to.deep.equal([]);
    await sendKeys({ press: "Control+a" });
    await el.updateComplete;
    expect(el.selectedIds).to.have.length(5);
    await sendKeys({ press: "Enter" });
    expect(($(el, "pixorly-lightbox") as HTMLElement & { open: boolean }).open).to.equal(true);
  });

  it("bulk: favorites, adds to a collection and tags, in one call each", async () => {
    const fake = client();
    const el = await mount(fake);
    await rendered(el, 5);
    el.shadowRoot!.querySelector<HTMLButtonElement>(".select-mode")!.click();
    await el.updateComplete;
    tile(el, 0).click();
    tile(el, 2).click();
    await el.updateComplete;
    $(el, '[data-action="favorite"]')!.click();
    await waitUntil(() => fake.mutations.length === 1);
    expect(fake.mutations[0]).to.deep.equal({
      name: "images:setFavorite",
      args: { ids: ["i0", "i2"], favorite: true },
    });
    await waitUntil(() => el.shadowRoot!.querySelectorAll(".bulk option").length === 2, "collections listed");
    const select = $(el, ".bulk select") as HTMLSelectElement;
    select.value = "col1";
    select.dispatchEvent(new Event("change"));
    await waitUntil(() => fake.mutations.length === 2);
    expect(fake.mutations[1]).to.deep.equal({
      name: "collections:addImages",
      args: { id: "col1", imageIds: ["i0", "i2"] },
    });
    await waitUntil(() => text(el).includes("2 images added to Sea."));
    ($(el, ".tag input") as HTMLInputElement).value = "  #Sunset ";
    $(el, ".tag button")!.click();
    await waitUntil(() => fake.mutations.length === 3);
    expect(fake.mutations[2]).to.deep.equal({ name: "images:addTags", args: { ids: ["i0", "i2"], tags: ["sunset"] } });
  });

  it("deletes after confirming, hides at once, and Undo brings the images back with nothing sent", async () => {
    const fake = client();
    const el = await mount(fake, (e) => (e.undoSeconds = 3600));
    await rendered(el, 5);
    tile(el, 0).dispatchEvent(new MouseEvent("click", { ctrlKey: true, bubbles: true }));
    await el.updateComplete;
    $(el, '[data-action="delete"]')!.click();
    await el.updateComplete;
    await expectNoAxeViolations(el);
    $(el, ".confirm-delete")!.click();
    await rendered(el, 4);
    expect(text(el)).to.contain("Deleted 1 image.");
    $(el, ".undo-button")!.click();
    await rendered(el, 5);
    expect(fake.mutations).to.deep.equal([]);
  });

  it("sends the delete when the undo window closes and tells the page", async () => {
    const fake = client();
    const el = await mount(fake, (e) => (e.undoSeconds = 0.05));
    await rendered(el, 5);
    tile(el, 1).focus();
    await sendKeys({ press: "Delete" });
    await el.updateComplete;
    const deleted = oneEvent(el, "pixorly-images-deleted");
    $(el, ".confirm-delete")!.click();
    expect(((await deleted) as CustomEvent).detail).to.deep.equal({ imageIds: ["i1"] });
    expect(fake.mutations).to.deep.equal([{ name: "images:removeMany", args: { ids: ["i1"] } }]);
  });

  it("masonry: each tile in the proportions of its image", async () => {
    const fake = client(null);
    fake.setResult(
      api.images.list,
      LIST(),
      done([
        makeImage({ _id: "wide", width: 1024, height: 512 }),
        makeImage({ _id: "tall", width: 512, height: 1024 }),
      ]),
    );
    const el = await mount(fake, (e) => (e.layout = "masonry"));
    await rendered(el, 2);
    await waitUntil(() => tile(el, 0).getBoundingClientRect().height > 0, "laid out");
    const ratio = (index: number) =>
      tile(el, index).getBoundingClientRect().width / tile(el, index).getBoundingClientRect().height;
    expect(ratio(0)).to.be.closeTo(2, 0.1);
    expect(ratio(1)).to.be.closeTo(0.5, 0.1);
  });

  it('bulk: "Download ZIP" asks the edge for a ZIP of the selection and follows its link, from the keyboard', async () => {
    const fake = client();
    const followed: string[] = [];
    const original = downloadNavigation.follow;
    downloadNavigation.follow = (url) => void followed.push(url);
    try {
      const el = await mount(fake);
      await rendered(el, 5);
      tile(el, 1).focus();
      await sendKeys({ press: "Space" });
      await sendKeys({ press: "Shift+ArrowRight" });
      await el.updateComplete;
      expect(el.selectedIds).to.deep.equal(["i1", "i2"]);
      await expectNoAxeViolations(el);
      ($(el, '[data-action="zip"]') as HTMLButtonElement).focus();
      await sendKeys({ press: "Enter" });
      await waitUntil(() => followed.length === 1, "the ZIP link is followed");
      expect(fake.zipRequests).to.deep.equal([{ imageIds: ["i1", "i2"], transform: {} }]);
      expect(followed[0]).to.equal("https://cdn.test/zip/2?sig=1");
      await waitUntil(() => text(el).includes("Downloading pixorly-2-images.zip."));

      // The edge refuses (another user's image among them): its sentence is shown, nothing followed.
      fake.zipHandler = () => {
        throw new (class extends Error {})("boom");
      };
      const failed = oneEvent(el, "pixorly-error");
      $(el, '[data-action="zip"]')!.click();
      expect(((await failed) as CustomEvent).detail.code).to.equal("INTERNAL");
      expect(text(el)).not.to.contain("boom", "no internal text");
      expect(followed).to.have.length(1);
    } finally {
      downloadNavigation.follow = original;
    }
  });

  it("bulk: a ZIP of more than 100 images is refused before asking, saying how many are selected", async () => {
    // The bulk actions on their own (a 120-image grid adds nothing to this check but layout time).
    const fake = client();
    const reports: string[] = [];
    const failures: string[] = [];
    const bulk = new GalleryBulkActions(
      { addController() {}, removeController() {}, requestUpdate() {}, updateComplete: Promise.resolve(true) },
      () => fake,
      {
        report: (message) => reports.push(message),
        deleted: () => {},
        failed: (code, message) => failures.push(`${code}: ${message}`),
      },
    );
    await bulk.downloadZip(images(120).map((image) => image._id));
    expect(failures).to.deep.equal([
      "INVALID_ARGUMENT: A ZIP holds at most 100 images; 120 are selected. Select fewer.",
    ]);
    expect(fake.zipRequests).to.deep.equal([]);
    fake.downloadsSupported = false;
    fake.zipHandler = () => {
      throw new DownloadUnsupportedError();
    };
    await bulk.downloadZip(["i1"]);
    expect(reports.at(-1)).to.equal("Downloading a ZIP is not available on this Pixorly server.");
  });

  it("bulk: a tag that is empty or too long is refused with a visible reason; nothing is sent", async () => {
    const fake = client();
    const el = await mount(fake);
    await rendered(el, 5);
    tile(el, 0).focus();
    await sendKeys({ press: "Space" });
    await el.updateComplete;
    const input = $(el, ".tag input") as HTMLInputElement;
    input.focus();
    await sendKeys({ press: "Enter" });
    await waitUntil(() => $(el, "#bulk-tag-error")!.textContent!.includes("Type a tag first."));
    expect(input.getAttribute("aria-invalid")).to.equal("true");
    await expectNoAxeViolations(el);
    await sendKeys({ type: "y".repeat(40) });
    expect($(el, "#bulk-tag-error")!.textContent!.trim()).to.equal("");
    await sendKeys({ press: "Enter" });
    await waitUntil(() => $(el, "#bulk-tag-error")!.textContent!.includes("at most 32 characters; this one has 40"));
    expect(input.value).to.have.length(40, "kept for fixing, not cut short");
    expect(fake.mutations).to.deep.equal([]);
  });
});
