/**
 * German across the views the first German pass left in English (library: gallery, collections,
 * lightbox; the size names; the prompt box's own messages), and a language switch after the
 * studio has connected (its `lang`, then the page's `<html lang>`).
 */
import { expect, fixture, html, waitUntil } from "@open-wc/testing";
import { api, type CollectionDoc } from "../client/api.js";
import type { PixorlyClientOptions } from "../client/pixorly-client.js";
import "../collections/collections.js";
import "../gallery/gallery.js";
import "../lightbox/lightbox.js";
import type { PixorlyLightbox } from "../lightbox/lightbox.component.js";
import "../prompt-box/prompt-box.js";
import { PixorlyStudio } from "../studio/studio.component.js";
import "../studio/studio.js";
import { FakeClient, provideClient } from "../test/fake-client.js";
import { makeImage, makeJob, makeModel, PIXEL_URL } from "../test/fixtures.js";
import { applyLocaleOf, currentLocale } from "./localize.js";

class SwitchingStudio extends PixorlyStudio {
  static client: FakeClient;
  protected override createClient(_options: PixorlyClientOptions) {
    return SwitchingStudio.client;
  }
}
PixorlyStudio.define("language-test-studio", SwitchingStudio);

const IMAGES = [
  makeImage({ _id: "a", prompt: "a blue whale", tags: [] }),
  makeImage({ _id: "b", prompt: "a red fox" }),
];
const COLLECTION: CollectionDoc = {
  _id: "col1",
  _creationTime: 0,
  name: "Meer",
  isPublic: true,
  shareId: "share1",
  imageCount: 2,
  updatedAt: 0,
  cover: null,
};

function libraryClient(): FakeClient {
  const fake = new FakeClient();
  fake.setResult(api.models.list, {}, [makeModel()]);
  fake.setResult(api.images.tags, {}, ["sea"]);
  fake.setResult(api.collections.list, {}, [COLLECTION]);
  fake.setResult(
    api.images.list,
    { sort: "newest", paginationOpts: { numItems: 60, cursor: null } },
    { page: IMAGES, isDone: true, continueCursor: "end" },
  );
  fake.setResult(api.jobs.get, { jobId: "job1" }, makeJob({ status: "completed", actualCost: 2 }));
  for (const image of IMAGES) fake.urls.set(image._id, PIXEL_URL);
  return fake;
}

/** Text of an element's shadow root, and of the shadow roots inside it, whitespace squeezed. */
function shownText(root: Element): string {
  const parts: string[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? "");
    if (node instanceof Element) {
      for (const name of ["aria-label", "placeholder", "title"]) {
        const value = node.getAttribute(name);
        if (value) parts.push(value);
      }
      if (node.shadowRoot) walk(node.shadowRoot);
    }
    node.childNodes.forEach(walk);
  };
  walk(root.shadowRoot ?? root);
  return parts.join(" ").replace(/\s+/g, " ");
}

/** English the views used to show, none of which is also German (so "Prompt", "Tag" and "Seed" are not here). */
const ENGLISH = [
  "Search prompts",
  "Newest first",
  "Favorites",
  "Select",
  "Loading",
  "No images",
  "New collection",
  "Share link",
  "Copy link",
  "Rename",
  "Delete",
  "Download size",
  "Download ZIP",
  "Use these settings",
  "Add to collection",
  "No tags yet",
  "Add a tag",
  "Image details",
  "Close",
  "Square",
  "Landscape",
  "Advanced settings",
  "Describe the image",
  "Generate",
  "Estimated cost",
  "Recent prompts",
  "credits",
];

/** A busy machine (the whole suite on two cores) needs more than waitUntil's default second. */
const LOADED = { timeout: 10_000 };

const englishIn = (text: string) => ENGLISH.filter((phrase) => text.includes(phrase));

describe("German views", () => {
  afterEach(async () => {
    const english = document.createElement("div");
    english.lang = "en";
    document.body.append(english);
    await applyLocaleOf(english);
    english.remove();
  });

  it('lang="de": the gallery, collections, lightbox and prompt box show no English', async () => {
    const fake = libraryClient();
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="de" style="width: 1000px"></div>`);
    provideClient(wrapper, fake);
    const gallery = document.createElement("pixorly-gallery");
    const collections = document.createElement("pixorly-collections");
    const lightbox = document.createElement("pixorly-lightbox") as PixorlyLightbox;
    const promptBox = document.createElement("pixorly-prompt-box");
    promptBox.setAttribute("model-id", makeModel().id);
    wrapper.append(gallery, collections, lightbox, promptBox);
    await waitUntil(() => currentLocale() === "de", "the German module loads", LOADED);

    await waitUntil(
      () => gallery.shadowRoot!.querySelectorAll('[part="tile"]').length === 2,
      "the gallery's tiles",
      LOADED,
    );
    const galleryText = shownText(gallery);
    expect(galleryText).to.contain("Prompts durchsuchen").and.contain("Neueste zuerst").and.contain("Auswählen");
    expect(englishIn(galleryText)).to.deep.equal([]);

    await waitUntil(() => shownText(collections).includes("Meer"), "the collection's card", LOADED);
    const collectionsText = shownText(collections);
    expect(collectionsText).to.contain("Neue Sammlung").and.contain("2 Bilder").and.contain("Link kopieren");
    expect(englishIn(collectionsText)).to.deep.equal([]);

    lightbox.show(IMAGES, 0);
    await waitUntil(() => shownText(lightbox).includes("Kosten"), "the lightbox's cost row", LOADED);
    const lightboxText = shownText(lightbox);
    expect(lightboxText).to.contain("Herunterladen").and.contain("Noch keine Tags.").and.contain("Bild 1 von 2");
    expect(lightboxText).to.contain("2 Credits");
    expect(englishIn(lightboxText)).to.deep.equal([]);

    await waitUntil(() => promptBox.shadowRoot!.querySelector('[part="submit"]'), "the prompt box's form", LOADED);
    const promptText = shownText(promptBox);
    expect(promptText).to.contain("Erzeugen").and.contain("Geschätzte Kosten").and.contain("Quadrat, 1024×1024");
    expect(promptText, "money in German").to.match(/≈ 0,001\s\$/);
    expect(englishIn(promptText)).to.deep.equal([]);
  });

  it("switching lang after the studio connected re-renders it (and what it holds) in the new language", async () => {
    const client = new FakeClient();
    client.setResult(api.models.list, {}, [makeModel()]);
    client.onMutation(api.users.ensure, () => ({ userId: "user1", plan: "free", credits: 1999, storageUsed: 0 }));
    client.setResult(api.jobs.listActive, {}, []);
    client.setResult(api.jobs.me, {}, { plan: "free", credits: 1999, storageUsed: 0 });
    SwitchingStudio.client = client;
    const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 1000px"></div>`);
    wrapper.innerHTML =
      '<language-test-studio lang="en" convex-url="http://127.0.0.1:3210" api-url="http://127.0.0.1:8787" token-url="/t"></language-test-studio>';
    const el = wrapper.firstElementChild as SwitchingStudio;
    const submit = () =>
      el
        .shadowRoot!.querySelector("pixorly-prompt-box")
        ?.shadowRoot?.querySelector('[part="submit"]')
        ?.textContent?.trim();
    await waitUntil(() => shownText(el).includes("Connected") && submit() === "Generate", "English first", LOADED);

    el.lang = "de";
    await waitUntil(() => shownText(el).includes("Verbunden"), "the studio in German", LOADED);
    await waitUntil(() => submit() === "Erzeugen", "the prompt box inside it too", LOADED);
    expect(shownText(el)).to.contain("1.999 Credits");

    el.lang = "en";
    await waitUntil(() => shownText(el).includes("Connected") && submit() === "Generate", "back to English", LOADED);

    // Without a lang of its own, the studio follows the page's <html lang>.
    const before = document.documentElement.lang;
    el.removeAttribute("lang");
    try {
      document.documentElement.lang = "de-AT";
      await waitUntil(() => submit() === "Erzeugen", "the page switched to German", LOADED);
    } finally {
      document.documentElement.lang = before;
    }
    await waitUntil(() => submit() === "Generate", "the page back in English", LOADED);
  });
});
