import { expect, fixture, html, oneEvent, waitUntil } from "@open-wc/testing";
import { sendKeys } from "@web/test-runner-commands";
import { ConvexError } from "convex/values";
import { api, type Job } from "../client/api.js";
import { expectNoAxeViolations } from "../test/axe.js";
import { downloadNavigation } from "../internal/save-file.js";
import { FakeClient, provideClient } from "../test/fake-client.js";
import { makeImage, makeJob, makeModel, PIXEL_URL } from "../test/fixtures.js";
import type { ComparisonImageSelectedDetail } from "../events/index.js";
import type { PixorlyComparisonCell } from "./comparison-cell.component.js";
import type { ComparisonRun, PixorlyComparison } from "./comparison.component.js";
import "./comparison.js";

const aurora = makeModel();
const mosaic = makeModel({ id: "local/mosaic", name: "Mosaic" });
const nebula = makeModel({ id: "local/nebula", name: "Nebula" });
const RUNS: ComparisonRun[] = [
  { model: aurora, jobId: "j-aurora" },
  { model: mosaic, jobId: "j-mosaic" },
  { model: nebula, jobId: "j-nebula" },
];

async function mount(client: FakeClient | undefined, runs: ComparisonRun[] = RUNS): Promise<PixorlyComparison> {
  const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 960px"></div>`);
  provideClient(wrapper, client);
  return await fixture<PixorlyComparison>(html`<pixorly-comparison .runs=${runs}></pixorly-comparison>`, {
    parentNode: wrapper,
  });
}

const cells = (el: PixorlyComparison) => [
  ...el.shadowRoot!.querySelectorAll<PixorlyComparisonCell>("pixorly-comparison-cell"),
];
const cell = (el: PixorlyComparison, index: number) => cells(el)[index]!;
const inCell = (c: PixorlyComparisonCell, selector: string) => c.shadowRoot!.querySelector<HTMLElement>(selector);
const text = (node: Element | null) => node?.textContent?.replace(/\s+/g, " ").trim() ?? "";
const facts = (c: PixorlyComparisonCell) => [...c.shadowRoot!.querySelectorAll('[part="facts"] dd')].map(text);
const settled = (el: PixorlyComparison) =>
  waitUntil(() => cells(el).every((c) => c.status !== "loading"), "every job to load");

function completed(id: string, model: string, imageIds: string[], overrides: Partial<Job> = {}): Job {
  return makeJob({
    _id: id,
    model,
    status: "completed",
    startedAt: 10_000,
    completedAt: 11_500,
    actualCost: 2,
    reservedCredits: 2,
    resultImageIds: imageIds,
    parameters: { width: 512, height: 512, seed: 1, numImages: imageIds.length },
    ...overrides,
  });
}

function clientWith(jobs: Job[]): FakeClient {
  const client = new FakeClient();
  for (const job of jobs) {
    client.setResult(api.jobs.get, { jobId: job._id }, job);
    for (const imageId of job.resultImageIds) {
      client.setResult(api.images.get, { imageId }, makeImage({ _id: imageId, jobId: job._id, model: job.model }));
      client.urls.set(imageId, PIXEL_URL);
    }
  }
  return client;
}

describe("<pixorly-comparison>", () => {
  it("shows one cell per run, in order, as their jobs stand; no violations", async () => {
    const client = clientWith([
      makeJob({ _id: "j-aurora", status: "pending", queuePosition: 1, reservedCredits: 1 }),
      makeJob({ _id: "j-mosaic", model: "local/mosaic", status: "processing", startedAt: Date.now() }),
      completed("j-nebula", "local/nebula", ["n1"]),
    ]);
    const el = await mount(client);
    await settled(el);
    expect(cells(el).map((c) => text(inCell(c, '[part="model"]')))).to.deep.equal(["Aurora", "Mosaic", "Nebula"]);
    expect(cells(el).map((c) => c.status)).to.deep.equal(["pending", "processing", "completed"]);
    expect(text(inCell(cell(el, 0), '[part="status"]'))).to.equal("Aurora: Waiting in line: 1st in the queue");
    expect(facts(cell(el, 0))).to.deep.equal(["Up to 1 credit", "Waiting"]);
    expect(inCell(cell(el, 1), '[role="progressbar"]')!.getAttribute("aria-label")).to.equal("Mosaic is generating");
    expect(facts(cell(el, 2))).to.deep.equal(["2 credits", "1.5 s"]);
    await expectNoAxeViolations(el);
  });

  it("fills a cell in the moment its job completes", async () => {
    const client = clientWith([makeJob({ _id: "j-aurora", status: "processing", startedAt: 1_000 })]);
    const el = await mount(client, RUNS.slice(0, 1));
    await settled(el);
    expect(inCell(cell(el, 0), '[part="image-button"]')).to.equal(null);
    const done = completed("j-aurora", "local/aurora", ["a1", "a2"], {
      startedAt: 1_000,
      completedAt: 3_400,
      actualCost: 4,
    });
    for (const id of done.resultImageIds) {
      client.setResult(api.images.get, { imageId: id }, makeImage({ _id: id, jobId: "j-aurora" }));
      client.urls.set(id, PIXEL_URL);
    }
    client.setResult(api.jobs.get, { jobId: "j-aurora" }, done);
    await waitUntil(() => cell(el, 0).status === "completed");
    await cell(el, 0).updateComplete;
    const buttons = [...cell(el, 0).shadowRoot!.querySelectorAll('[part="image-button"]')];
    expect(buttons.map((b) => b.getAttribute("aria-label"))).to.deep.equal([
      "Choose image 1 of 2 from Aurora",
      "Choose image 2 of 2 from Aurora",
    ]);
    expect(facts(cell(el, 0))).to.deep.equal(["4 credits", "2.4 s"]);
    await expectNoAxeViolations(el);
  });

  it("choosing an image (click or Enter) emits pixorly-image-selected with the job, model and image", async () => {
    const nebulaJob = completed("j-nebula", "local/nebula", ["n1"]);
    const el = await mount(clientWith([completed("j-aurora", "local/aurora", ["a1"]), nebulaJob]), [
      RUNS[0]!,
      RUNS[2]!,
    ]);
    await settled(el);
    const imageOf = (c: PixorlyComparisonCell) => c.shadowRoot!.querySelector("pixorly-image")!;
    await waitUntil(() => cells(el).every((c) => imageOf(c).doc), "the image documents");

    const clicked = oneEvent(document.body, "pixorly-image-selected");
    inCell(cell(el, 1), '[part="image-button"]')!.click();
    const { detail } = (await clicked) as CustomEvent<ComparisonImageSelectedDetail>;
    expect(detail.job).to.deep.equal(nebulaJob);
    expect(detail.modelInfo).to.equal(nebula);
    expect(detail.model).to.equal("local/nebula");
    expect(detail.image._id).to.equal("n1");
    expect(detail.imageId).to.equal("n1");
    expect(detail.jobId).to.equal("j-nebula");
    await el.updateComplete;
    expect(el.selectedImageId).to.equal("n1");
    await cell(el, 1).updateComplete;
    expect(inCell(cell(el, 1), '[part="image-button"]')!.getAttribute("aria-pressed")).to.equal("true");

    const pressed = oneEvent(el, "pixorly-image-selected");
    inCell(cell(el, 0), '[part="image-button"]')!.focus();
    await sendKeys({ press: "Enter" });
    expect(((await pressed) as CustomEvent<ComparisonImageSelectedDetail>).detail.imageId).to.equal("a1");
    await cell(el, 1).updateComplete;
    expect(inCell(cell(el, 1), '[part="image-button"]')!.getAttribute("aria-pressed")).to.equal("false");
    await expectNoAxeViolations(el);
  });

  it("failed, cancelled and unknown jobs say so in their cell", async () => {
    const client = clientWith([
      makeJob({
        _id: "j-aurora",
        status: "failed",
        error: { code: "PROVIDER_ERROR", message: "The provider timed out. Your credits were refunded." },
      }),
      makeJob({ _id: "j-mosaic", model: "local/mosaic", status: "cancelled", completedAt: Date.now() }),
    ]);
    client.setResult(api.jobs.get, { jobId: "j-nebula" }, null);
    const el = await mount(client);
    await settled(el);
    expect(cells(el).map((c) => c.status)).to.deep.equal(["failed", "cancelled", "not-found"]);
    expect(text(inCell(cell(el, 0), ".error"))).to.equal("The provider timed out. Your credits were refunded.");
    expect(facts(cell(el, 0))[0]).to.equal("Refunded");
    expect(text(inCell(cell(el, 1), ".note"))).to.equal("This job was cancelled.");
    expect(text(inCell(cell(el, 2), '[part="status"]'))).to.equal("Nebula: Job not found");
    await expectNoAxeViolations(el);
  });

  it("a subscription error and a missing client give visible messages", async () => {
    const client = new FakeClient();
    client.setError(
      api.jobs.get,
      { jobId: "j-aurora" },
      new ConvexError({ code: "UNAUTHENTICATED", message: "Please sign in to continue." }),
    );
    const el = await mount(client, RUNS.slice(0, 1));
    await waitUntil(() => cell(el, 0).status === "error");
    await cell(el, 0).updateComplete;
    expect(text(inCell(cell(el, 0), '[part="status"]'))).to.equal("Aurora: Please sign in to continue.");
    const offline = await mount(undefined, RUNS.slice(0, 1));
    await cell(offline, 0).updateComplete;
    expect(cell(offline, 0).status).to.equal("offline");
    expect(text(inCell(cell(offline, 0), '[part="status"]'))).to.equal("Aurora: Not connected to Pixorly");
  });

  it("without runs, explains what the view is for", async () => {
    const el = await mount(new FakeClient(), []);
    expect(text(el.shadowRoot!.querySelector('[part="message"]'))).to.equal(
      "Choose models and a prompt to compare them side by side.",
    );
    await expectNoAxeViolations(el);
  });

  it("each image can be viewed large (pixorly-open-image) and downloaded as a file", async () => {
    const client = clientWith([completed("j-aurora", "local/aurora", ["a1", "a2"])]);
    const el = await mount(client, [RUNS[0]!]);
    await settled(el);
    const c = cell(el, 0);
    await waitUntil(
      () => [...c.shadowRoot!.querySelectorAll("pixorly-image")].every((image) => image.doc),
      "the image documents",
    );
    const opened = oneEvent(document.body, "pixorly-open-image");
    c.shadowRoot!.querySelectorAll<HTMLElement>(".view")[1]!.click();
    const detail = ((await opened) as CustomEvent).detail;
    expect([detail.index, detail.images.map((image: { _id: string }) => image._id)]).to.deep.equal([1, ["a1", "a2"]]);
    // Through the edge's signed download link (the browser saves it; the page stays)…
    const followed: string[] = [];
    const original = downloadNavigation.follow;
    downloadNavigation.follow = (url) => void followed.push(url);
    try {
      inCell(c, ".download")!.click();
      await waitUntil(() => followed.length === 1, "the download link is followed");
    } finally {
      downloadNavigation.follow = original;
    }
    expect(client.downloadRequests.map((request) => request.imageId)).to.deep.equal(["a1"]);
    expect(followed[0]).to.equal("https://cdn.test/download/a1?");
    // …or, from an edge API without download links, fetched and saved through an object URL.
    client.downloadsSupported = false;
    const saved = new Promise<HTMLAnchorElement>((resolve) => {
      const listener = (event: Event) => {
        if (!(event.target instanceof HTMLAnchorElement) || !event.target.download) return;
        event.preventDefault();
        document.removeEventListener("click", listener, true);
        resolve(event.target);
      };
      document.addEventListener("click", listener, true);
    });
    inCell(c, ".download")!.click();
    expect((await saved).download).to.match(/^pixorly-.*-a1\.png$/);
    await expectNoAxeViolations(el);
  });
});
