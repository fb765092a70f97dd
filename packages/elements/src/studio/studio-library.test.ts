import { elementUpdated, expect, fixture, html, waitUntil } from "@open-wc/testing";
import { sendKeys } from "@web/test-runner-commands";
import { api } from "../client/api.js";
import type { PixorlyClientOptions } from "../client/pixorly-client.js";
import { expectNoAxeViolations } from "../test/axe.js";
import { FakeClient } from "../test/fake-client.js";
import { makeImage, makeJob, makeModel, PIXEL_URL } from "../test/fixtures.js";
import { PixorlyStudio } from "./studio.component.js";
import "./studio.js";

/** The real studio with its client swapped for a fake. */
class LibraryTestStudio extends PixorlyStudio {
  static next: () => FakeClient = () => new FakeClient();
  protected override createClient(_options: PixorlyClientOptions) {
    return LibraryTestStudio.next();
  }
}
PixorlyStudio.define("library-test-studio", LibraryTestStudio);

const CATALOG = [
  makeModel(),
  makeModel({
    id: "local/mosaic",
    name: "Mosaic",
    supports: {
      negativePrompt: true,
      seed: true,
      steps: { min: 1, max: 50, default: 20 },
      numImages: { min: 1, max: 4, default: 1 },
    },
  }),
];
const IMAGES = [makeImage({ _id: "g1", prompt: "a quiet harbour" }), makeImage({ _id: "g2", prompt: "a loud market" })];

function readyClient(): FakeClient {
  const client = new FakeClient();
  client.setResult(api.models.list, {}, CATALOG);
  client.onMutation(api.users.ensure, () => ({ userId: "user1", plan: "free", credits: 1999, storageUsed: 0 }));
  client.setResult(api.jobs.listActive, {}, []);
  client.setResult(api.jobs.me, {}, { plan: "free", credits: 1999, storageUsed: 0 });
  client.setResult(
    api.images.list,
    { paginationOpts: { numItems: 12, cursor: null } },
    { page: [], isDone: true, continueCursor: "" },
  );
  client.setResult(
    api.images.list,
    { sort: "newest", paginationOpts: { numItems: 60, cursor: null } },
    { page: IMAGES, isDone: true, continueCursor: "" },
  );
  client.setResult(api.images.tags, {}, []);
  client.setResult(api.collections.list, {}, []);
  for (const image of IMAGES) client.urls.set(image._id, PIXEL_URL);
  return client;
}

async function studio(client = readyClient()): Promise<LibraryTestStudio> {
  LibraryTestStudio.next = () => client;
  const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 1000px"></div>`);
  wrapper.innerHTML = `<library-test-studio convex-url="http://127.0.0.1:3210" api-url="http://127.0.0.1:8787" token-url="/t"></library-test-studio>`;
  const el = wrapper.firstElementChild as LibraryTestStudio;
  await el.updateComplete;
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  await el.updateComplete;
  await waitUntil(() => $(el, '[role="tablist"]'), "the tabs");
  return el;
}

const $ = (el: Element, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
const tab = (el: Element, view: string) => $(el, `#tab-${view}`)!;

describe("<pixorly-studio> views and the library", () => {
  it("tabs: Create first; arrows move and show the Library (loaded on first use), no violations", async () => {
    const el = await studio();
    expect(tab(el, "create").getAttribute("aria-selected")).to.equal("true");
    expect([...el.shadowRoot!.querySelectorAll('[role="tab"]')].map((t) => t.getAttribute("tabindex"))).to.deep.equal([
      "0",
      "-1",
      "-1",
    ]);
    tab(el, "create").focus();
    await sendKeys({ press: "ArrowRight" });
    await waitUntil(() => el.view === "library", "the Library view");
    expect(el.shadowRoot!.activeElement).to.equal(tab(el, "library"));
    expect(el.getAttribute("view")).to.equal("library");
    expect($(el, "#panel-create")!.hidden).to.equal(true);
    const gallery = await waitUntil(() => $(el, "pixorly-gallery"), "the gallery, once its module is loaded", {
      timeout: 5000,
    }).then(() => $(el, "pixorly-gallery")!);
    await waitUntil(() => gallery.shadowRoot?.querySelectorAll('[part="tile"]').length === 2, "the library images");
    await expectNoAxeViolations(el);
    await sendKeys({ press: "End" });
    await waitUntil(() => $(el, "pixorly-collections"), "the Collections view");
    await sendKeys({ press: "Home" });
    await elementUpdated(el);
    expect(el.view).to.equal("create");
  });

  it("a job card opens its result in the studio lightbox", async () => {
    const client = readyClient();
    client.setResult(
      api.jobs.get,
      { jobId: "done" },
      makeJob({ _id: "done", status: "completed", resultImageIds: ["g1"] }),
    );
    client.setResult(api.images.get, { imageId: "g1" }, IMAGES[0]!);
    const el = await studio(client);
    el.dispatchEvent(
      new CustomEvent("pixorly-job-created", { detail: { jobId: "done" }, bubbles: true, composed: true }),
    );
    const card = await waitUntil(() => $(el, "pixorly-job-status")).then(() => $(el, "pixorly-job-status")!);
    await waitUntil(
      () => (card.shadowRoot!.querySelector("pixorly-image") as unknown as { doc?: unknown })?.doc,
      "the image document",
    );
    card.shadowRoot!.querySelector<HTMLElement>('[part="open-button"]')!.click();
    await waitUntil(
      () => ($(el, "pixorly-lightbox") as unknown as { open?: boolean })?.open === true,
      "the lightbox opens",
    );
    const lightbox = $(el, "pixorly-lightbox") as unknown as { current: { _id: string } };
    expect(lightbox.current._id).to.equal("g1");
  });

  it('"Use these settings" shows Create with that model and fills the prompt box', async () => {
    const el = await studio();
    tab(el, "library").click();
    await waitUntil(() => $(el, "pixorly-gallery"), "the gallery", { timeout: 5000 });
    el.dispatchEvent(
      new CustomEvent("pixorly-use-settings", {
        detail: {
          image: IMAGES[0],
          prompt: "a quiet harbour",
          negativePrompt: "fog",
          model: "local/mosaic",
          parameters: { width: 512, height: 512, seed: 99, steps: 30 },
        },
        bubbles: true,
        composed: true,
      }),
    );
    await waitUntil(() => el.view === "create", "back on Create");
    expect(el.selectedModel?.id).to.equal("local/mosaic");
    const box = $(el, "pixorly-prompt-box")!;
    await waitUntil(
      () => (box.shadowRoot!.querySelector("#prompt") as HTMLTextAreaElement | null)?.value === "a quiet harbour",
      "the prompt",
    );
    const field = (selector: string) => (box.shadowRoot!.querySelector(selector) as HTMLInputElement | null)?.value;
    expect(box.getAttribute("mode")).to.equal("advanced");
    const values = [...box.shadowRoot!.querySelectorAll<HTMLInputElement>("input, textarea")].map(
      (input) => input.value,
    );
    expect(values).to.include("99").and.include("30").and.include("fog");
    expect(field("#prompt")).to.equal("a quiet harbour");
  });

  it("a preset saved with another model switches the studio to that model and applies it there", async () => {
    const client = readyClient();
    const preset = {
      _id: "p1",
      name: "Mosaic steps",
      model: "local/mosaic",
      negativePrompt: "fog",
      parameters: { width: 512, height: 512, steps: 33 },
      updatedAt: 1,
    };
    client.setResult(api.presets.list, {}, [preset]);
    const el = await studio(client);
    expect(el.selectedModel?.id).to.equal("local/aurora");
    const box = $(el, "pixorly-prompt-box")!;
    await waitUntil(() => box.shadowRoot!.querySelector(".mode-toggle"), "the prompt box");
    box.shadowRoot!.querySelector<HTMLElement>(".mode-toggle")!.click();
    await waitUntil(() => box.shadowRoot!.querySelector('[part="preset"]'), "the preset is listed");
    box.shadowRoot!.querySelector<HTMLElement>('[part="preset"]')!.click();
    await waitUntil(() => el.selectedModel?.id === "local/mosaic", "switched to the preset's model");
    await waitUntil(
      () => (box.shadowRoot!.querySelector("#steps") as HTMLInputElement | null)?.value === "33",
      "applied on that model",
    );
    expect((box.shadowRoot!.querySelector("#negative-prompt") as HTMLTextAreaElement).value).to.equal("fog");
  });
});
