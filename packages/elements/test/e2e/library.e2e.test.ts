/**
 * The library against the real stack (convex-local on /work/main/convex, s3rver, the edge
 * API; see stack-plugin.mjs): a new image appears in the gallery live, opens in the lightbox
 * and is favorited there; deleting it in the lightbox takes it out of the gallery. One generated
 * image serves both (a generation can wait behind other tests' jobs in the one local queue).
 */
import { expect, fixture, html, waitUntil } from "@open-wc/testing";
import type { FunctionArgs, FunctionReference } from "convex/server";
import { api } from "../../src/client/api.js";
import { PixorlyClient } from "../../src/client/pixorly-client.js";
import { tokenFromUrl } from "../../src/client/token.js";
import type { PixorlyGallery } from "../../src/gallery/gallery.component.js";
import "../../src/gallery/gallery.js";
import type { PixorlyLightbox } from "../../src/lightbox/lightbox.component.js";
import { downloadNavigation } from "../../src/internal/save-file.js";
import { expectNoAxeViolations } from "../../src/test/axe.js";
import { provideClient } from "../../src/test/fake-client.js";
import { firstResult } from "./first-result.js";

const slow = { timeout: 45_000, interval: 50 };
/** A generation may wait behind other tests' jobs in the one local queue. */
const generation = { timeout: 100_000, interval: 100 };
const shadow = (el: Element | null | undefined, selector: string) =>
  el?.shadowRoot?.querySelector<HTMLElement>(selector) ?? null;

describe("the library against the real stack", function () {
  this.timeout(150_000);
  let client: PixorlyClient;
  /** The image the first test generates; the second deletes it. */
  let image: { _id: string; prompt: string } | undefined;

  before(async function () {
    this.timeout(60_000);
    // Jobs another test queued to hold the generation slot would make these tests wait behind them.
    await fetch("/__stack/release-queue");
    const response = await fetch("/__stack/info");
    const stack = (await response.json()) as { convexUrl: string; edgeUrl: string };
    client = new PixorlyClient({
      convexUrl: stack.convexUrl,
      apiUrl: stack.edgeUrl,
      tokenProvider: tokenFromUrl(`${stack.edgeUrl}/v1/dev/token`),
    });
    await client.mutation(api.users.ensure, {});
  });

  after(async () => {
    await client?.close();
  });

  /** A query's current result (a subscription closed after its first answer). */
  const once = <Q extends FunctionReference<"query">>(query: Q, args: FunctionArgs<Q>) =>
    firstResult(client, query, args);

  async function mountGallery(): Promise<PixorlyGallery> {
    const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 1000px"></div>`);
    provideClient(wrapper, client);
    const gallery = document.createElement("pixorly-gallery") as PixorlyGallery;
    wrapper.append(gallery);
    await waitUntil(
      () => !shadow(gallery, '[part="message"]')?.textContent?.includes("Loading"),
      "the first page",
      slow,
    );
    return gallery;
  }

  it("generate → the image appears at the top live → lightbox → favorite", async () => {
    const gallery = await mountGallery();
    const prompt = `a library test image ${Date.now()}`;
    await client.mutation(api.jobs.create, {
      prompt,
      model: "local/aurora",
      parameters: { width: 256, height: 256, numImages: 1 },
    });

    const first = () => shadow(gallery, '[part="tile"][data-index="0"]');
    await waitUntil(
      () => first()?.getAttribute("aria-label") === prompt,
      "the new image leads the gallery, live",
      generation,
    );
    await expectNoAxeViolations(gallery);

    first()!.click();
    const lightbox = shadow(gallery, "pixorly-lightbox") as PixorlyLightbox;
    await waitUntil(() => lightbox.open, "the lightbox opens");
    expect(lightbox.current?.prompt).to.equal(prompt);
    image = { _id: lightbox.current!._id, prompt };
    await waitUntil(() => shadow(lightbox, "dialog")!.textContent!.includes("Duration"), "the job details", slow);

    shadow(lightbox, '[part~="favorite-button"]')!.click();
    await waitUntil(() => first()?.querySelector(".badge"), "the gallery shows the star, live", slow);
    expect(shadow(lightbox, '[part~="favorite-button"]')!.getAttribute("aria-pressed")).to.equal("true");
    lightbox.close();
  });

  it("lightbox: downloads through a signed attachment link, edits tags, checks and toggles collections; the gallery zips", async function () {
    this.timeout(240_000);
    expect(image, "the image of the first test").to.exist;
    const edge = async (url: string) => {
      const response = await fetch(`/__stack/fetch?url=${encodeURIComponent(url)}`, {
        signal: AbortSignal.timeout(40_000),
      });
      if (!response.ok) throw new Error(`/__stack/fetch: ${response.status} ${await response.text()}`);
      return (await response.json()) as {
        status: number;
        headers: Record<string, string>;
        size: number;
        magic: number[];
      };
    };
    const followed: string[] = [];
    const original = downloadNavigation.follow;
    downloadNavigation.follow = (url) => void followed.push(url);
    const collectionId = await client.mutation(api.collections.create, { name: `Downloads ${Date.now()}` });
    try {
      const gallery = await mountGallery();
      const tile = () =>
        [...gallery.shadowRoot!.querySelectorAll<HTMLElement>('[part="tile"]')].find(
          (el) => el.getAttribute("aria-label") === image!.prompt,
        );
      await waitUntil(tile, "the image is in the gallery", slow);
      tile()!.click();
      const lightbox = shadow(gallery, "pixorly-lightbox") as PixorlyLightbox;
      await waitUntil(() => lightbox.open && lightbox.current?._id === image!._id, "the lightbox shows it");

      // Download in WebP at 128 px: the edge signs an attachment URL; following it saves pixorly-<id>.webp.
      const width = shadow(lightbox, 'select[aria-label="Download size"]') as HTMLSelectElement;
      expect([...width.options].map((o) => o.value)).to.deep.equal([""]);
      const format = shadow(lightbox, 'select[aria-label="Download format"]') as HTMLSelectElement;
      format.value = "webp";
      format.dispatchEvent(new Event("change"));
      await lightbox.updateComplete;
      shadow(lightbox, '[part~="download-button"]')!.click();
      await waitUntil(
        () => followed.length === 1 || /not|could/i.test(shadow(lightbox, '[part="message"]')!.textContent!),
        "the download link is followed",
        slow,
      );
      expect(followed, shadow(lightbox, '[part="message"]')!.textContent!).to.have.length(1);
      const saved = await edge(followed[0]!);
      expect(saved.status).to.equal(200);
      expect(saved.headers["content-type"]).to.equal("image/webp");
      expect(saved.headers["content-disposition"]).to.match(
        new RegExp(`^attachment; filename="pixorly-${image!._id}\\.webp"`),
      );
      expect(shadow(lightbox, '[part="message"]')!.textContent).to.contain(`Downloading pixorly-${image!._id}.webp.`);

      // Tags: normalised and stored; a 40-character tag is refused before sending.
      const input = shadow(lightbox, "#tag-input") as HTMLInputElement;
      input.value = " #Library  Test ";
      input.dispatchEvent(new Event("input"));
      await lightbox.updateComplete;
      shadow(lightbox, ".add-tag")!.click();
      await waitUntil(
        () => shadow(lightbox, '[part="message"]')!.textContent!.includes("Tagged “library test”."),
        "tagged",
        slow,
      );
      expect((await once(api.images.get, { imageId: image!._id }))?.tags).to.include("library test", "stored");
      input.value = "z".repeat(40);
      input.dispatchEvent(new Event("input"));
      await lightbox.updateComplete;
      shadow(lightbox, ".add-tag")!.click();
      await waitUntil(() => shadow(lightbox, "#tag-error")!.textContent!.includes("at most 32 characters"));

      // Collections: the one holding the image is checked; choosing it takes the image out.
      await client.mutation(api.collections.addImages, { id: collectionId, imageIds: [image!._id] });
      shadow(lightbox, '[part~="collection-button"]')!.click();
      const toggle = () =>
        [...lightbox.shadowRoot!.querySelectorAll<HTMLButtonElement>(".collection-toggle")].find((b) =>
          b.textContent!.includes("Downloads"),
        );
      await waitUntil(
        () => toggle()?.getAttribute("aria-pressed") === "true",
        "checked, from collections:forImage",
        slow,
      );
      await expectNoAxeViolations(lightbox);
      toggle()!.click();
      await waitUntil(
        async () => (await once(api.collections.forImage, { imageId: image!._id })).length === 0,
        "taken out",
        slow,
      );
      expect(toggle()!.getAttribute("aria-pressed")).to.equal("false");
      lightbox.close();

      // The selection as a ZIP.
      tile()!.dispatchEvent(new MouseEvent("click", { ctrlKey: true, bubbles: true, composed: true }));
      await waitUntil(() => gallery.selectedIds.length === 1, "selected");
      await gallery.updateComplete;
      shadow(gallery, '[data-action="zip"]')!.click();
      await waitUntil(() => followed.length === 2, "the ZIP link is followed", slow);
      const zip = await edge(followed[1]!);
      expect(zip.status).to.equal(200);
      expect(zip.headers["content-type"]).to.equal("application/zip");
      expect(zip.headers["content-disposition"]).to.equal('attachment; filename="pixorly-1-images.zip"');
      expect(zip.magic).to.deep.equal([0x50, 0x4b, 0x03, 0x04]);
    } finally {
      downloadNavigation.follow = original;
      await client.mutation(api.collections.remove, { id: collectionId }).catch(() => undefined);
    }
  });

  it("deleting in the lightbox removes the image from the gallery, live", async () => {
    expect(image, "the image of the first test").to.exist;
    const gallery = await mountGallery();
    const tile = () =>
      [...gallery.shadowRoot!.querySelectorAll<HTMLElement>('[part="tile"]')].find(
        (el) => el.getAttribute("aria-label") === image!.prompt,
      );
    await waitUntil(tile, "the image is in the gallery", slow);
    tile()!.click();
    const lightbox = shadow(gallery, "pixorly-lightbox") as PixorlyLightbox;
    await waitUntil(() => lightbox.open && lightbox.current?._id === image!._id, "the lightbox shows it");
    shadow(lightbox, '[part~="delete-button"]')!.click();
    await lightbox.updateComplete;
    shadow(lightbox, ".confirm-delete")!.click();
    await waitUntil(() => !lightbox.open || lightbox.current?._id !== image!._id, "the lightbox moves on", slow);
    await waitUntil(
      () => !gallery.images.some((shown) => shown._id === image!._id),
      "gone from the gallery, live",
      slow,
    );
  });
});
