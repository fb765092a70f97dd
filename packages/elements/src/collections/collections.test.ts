import { expect, fixture, html, oneEvent, waitUntil } from "@open-wc/testing";
import { sendKeys } from "@web/test-runner-commands";
import { ConvexError } from "convex/values";
import { api, type CollectionDoc } from "../client/api.js";
import { expectNoAxeViolations } from "../test/axe.js";
import { FakeClient, provideClient } from "../test/fake-client.js";
import { makeImage, PIXEL_URL } from "../test/fixtures.js";
import type { PixorlyCollections } from "./collections.component.js";
import "./collections.js";

const collection = (overrides: Partial<CollectionDoc> = {}): CollectionDoc => ({
  _id: "c1",
  _creationTime: 0,
  name: "Seascapes",
  isPublic: false,
  shareId: null,
  imageCount: 3,
  updatedAt: 0,
  cover: { imageId: "a", width: 512, height: 512, format: "png" },
  ...overrides,
});
const IMAGES = ["a", "b", "c"].map((id) => makeImage({ _id: id, prompt: `picture ${id}` }));
const PAGE = { id: "c1", paginationOpts: { numItems: 60, cursor: null } };

function client(list: CollectionDoc[] | null = [collection()]): FakeClient {
  const fake = new FakeClient();
  if (list) fake.setResult(api.collections.list, {}, list);
  fake.setResult(api.collections.images, PAGE, { page: IMAGES, isDone: true, continueCursor: "end" });
  fake.setResult(api.images.get, { imageId: "a" }, IMAGES[0]!);
  for (const id of ["a", "b", "c"]) fake.urls.set(id, PIXEL_URL);
  return fake;
}

async function mount(fake: FakeClient): Promise<PixorlyCollections> {
  const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 800px"></div>`);
  provideClient(wrapper, fake);
  const el = document.createElement("pixorly-collections");
  wrapper.append(el);
  await el.updateComplete;
  return el;
}

const $ = (el: PixorlyCollections, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
const text = (el: PixorlyCollections) => el.shadowRoot!.textContent!.replace(/\s+/g, " ");
const order = (el: PixorlyCollections) =>
  [...el.shadowRoot!.querySelectorAll(".item button")].map((b) => b.getAttribute("aria-label")!.split(",")[0]);

describe("<pixorly-collections>", () => {
  it("loading, empty (with the create form), and error states", async () => {
    const fake = client(null);
    const el = await mount(fake);
    expect(text(el)).to.contain("Loading collections…");
    fake.setResult(api.collections.list, {}, []);
    await waitUntil(() => text(el).includes("No collections yet"));
    await expectNoAxeViolations(el);
    fake.setError(api.collections.list, {}, new ConvexError({ code: "FORBIDDEN", message: "Not allowed here." }));
    await waitUntil(() => $(el, '[role="alert"]')?.textContent?.includes("Not allowed here."));
  });

  it("lists covers; creates, renames, deletes (after confirming) and makes public with a share link", async () => {
    const fake = client([
      collection(),
      collection({ _id: "c2", name: "Public one", isPublic: true, shareId: "sh4re", cover: null }),
    ]);
    const el = await mount(fake);
    await waitUntil(() => el.shadowRoot!.querySelectorAll(".card").length === 2);
    expect($(el, ".card pixorly-image")!.getAttribute("image-id")).to.equal("a");
    expect($(el, '[data-id="c2"] .share a')!.getAttribute("href")).to.equal(
      new URL("?share=sh4re", document.baseURI).href,
    );
    await expectNoAxeViolations(el);

    ($(el, ".create input") as HTMLInputElement).value = "  Portraits ";
    $(el, ".create button")!.click();
    await waitUntil(() => fake.mutations.length === 1);
    expect(fake.mutations[0]).to.deep.equal({ name: "collections:create", args: { name: "Portraits" } });

    $(el, '[data-id="c1"] .rename-button')!.click();
    await el.updateComplete;
    ($(el, ".rename input") as HTMLInputElement).value = "Sea";
    $(el, '.rename button[type="submit"]')!.click();
    await waitUntil(() => fake.mutations.length === 2);
    expect(fake.mutations[1]).to.deep.equal({ name: "collections:rename", args: { id: "c1", name: "Sea" } });

    $(el, '[data-id="c1"] .visibility')!.click();
    await waitUntil(() => fake.mutations.length === 3);
    expect(fake.mutations[2]).to.deep.equal({ name: "collections:setVisibility", args: { id: "c1", isPublic: true } });

    $(el, '[data-id="c1"] .delete')!.click();
    await el.updateComplete;
    expect(fake.mutations).to.have.length(3, "nothing deleted before confirming");
    await expectNoAxeViolations(el);
    $(el, ".confirm-delete")!.click();
    await waitUntil(() => fake.mutations.length === 4);
    expect(fake.mutations[3]).to.deep.equal({ name: "collections:remove", args: { id: "c1" } });
  });

  it("opens a collection and reorders by keyboard (Alt+arrows) with one move call each", async () => {
    const fake = client();
    const el = await mount(fake);
    await waitUntil(() => $(el, ".cover"));
    $(el, ".cover")!.click();
    await waitUntil(() => order(el).length === 3, "the ordered images");
    await expectNoAxeViolations(el);
    el.shadowRoot!.querySelectorAll<HTMLElement>(".item button")[2]!.focus();
    await sendKeys({ press: "Alt+ArrowLeft" });
    await waitUntil(() => fake.mutations.length === 1);
    expect(fake.mutations[0]).to.deep.equal({
      name: "collections:move",
      args: { id: "c1", imageId: "c", beforeImageId: "b" },
    });
    expect(order(el)).to.deep.equal(["picture a", "picture c", "picture b"]);
    await waitUntil(
      () => el.shadowRoot!.activeElement?.getAttribute("aria-label")?.startsWith("picture c, 2 of 3"),
      "focus follows the image",
    );
    await sendKeys({ press: "ArrowLeft" });
    expect(el.shadowRoot!.activeElement?.getAttribute("aria-label")).to.match(/^picture a/);
  });

  it("reorders by drag and drop, and takes a refused move back", async () => {
    const fake = client();
    fake.onMutation(api.collections.move, () => {
      throw new ConvexError({ code: "NOT_FOUND", message: "Collection not found." });
    });
    const el = await mount(fake);
    await waitUntil(() => $(el, ".cover"));
    $(el, ".cover")!.click();
    await waitUntil(() => order(el).length === 3);
    const items = el.shadowRoot!.querySelectorAll<HTMLElement>(".item");
    const transfer = new DataTransfer();
    items[0]!
      .querySelector("button")!
      .dispatchEvent(new DragEvent("dragstart", { dataTransfer: transfer, bubbles: true, composed: true }));
    const error = oneEvent(el, "pixorly-error");
    items[2]!.dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
    expect(((await error) as CustomEvent).detail.message).to.equal("Collection not found.");
    expect(fake.mutations[0]).to.deep.equal({
      name: "collections:move",
      args: { id: "c1", imageId: "a", beforeImageId: null },
    });
    await waitUntil(() => order(el).join() === "picture a,picture b,picture c", "the order is taken back");
  });
});
