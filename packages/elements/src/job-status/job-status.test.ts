import { elementUpdated, expect, fixture, html, oneEvent, waitUntil } from "@open-wc/testing";
import { sendKeys } from "@web/test-runner-commands";
import { ConvexError } from "convex/values";
import { api, type Job } from "../client/api.js";
import { expectNoAxeViolations } from "../test/axe.js";
import { downloadNavigation } from "../internal/save-file.js";
import { FakeClient, provideClient } from "../test/fake-client.js";
import { makeImage, makeJob, makeModel, PIXEL_URL } from "../test/fixtures.js";
import type { PixorlyJobStatus } from "./job-status.component.js";
import "./job-status.js";

async function mount(client: FakeClient, jobId = "job1"): Promise<PixorlyJobStatus> {
  const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 480px"></div>`);
  provideClient(wrapper, client);
  const el = document.createElement("pixorly-job-status");
  el.jobId = jobId;
  wrapper.append(el);
  await el.updateComplete;
  return el;
}

function clientWith(job: Job | null, jobId = "job1"): FakeClient {
  const client = new FakeClient();
  client.setResult(api.models.list, {}, [makeModel()]);
  client.setResult(api.jobs.get, { jobId }, job);
  return client;
}

const $ = (el: PixorlyJobStatus, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
const statusText = (el: PixorlyJobStatus) => $(el, '[part="status"]')!.textContent!.trim();
const settled = (el: PixorlyJobStatus, status: string) => waitUntil(() => el.status === status, `status ${status}`);

describe("<pixorly-job-status>", () => {
  it("shows loading until the first result", async () => {
    const el = await mount(new FakeClient());
    expect(el.status).to.equal("loading");
    expect(statusText(el)).to.equal("Loading job…");
  });

  it("pending: queue position, a cancel button, no violations", async () => {
    const el = await mount(clientWith(makeJob({ status: "pending", queuePosition: 2 })));
    await settled(el, "pending");
    expect(statusText(el)).to.equal("Waiting in line: 2nd in the queue");
    expect($(el, '[part="cancel-button"]')!.textContent!.trim()).to.equal("Cancel");
    expect(el.getAttribute("status")).to.equal("pending");
    await expectNoAxeViolations(el);
  });

  it("processing: a progress bar from startedAt and the model estimate", async () => {
    // Half of the model's 4 s estimate has passed when the card mounts; however long mounting
    // takes on a slow machine, the bar shows the share of the estimate elapsed when it rendered.
    const startedAt = Date.now() - 2_000;
    const job = makeJob({ status: "processing", startedAt });
    const el = await mount(clientWith(job));
    await settled(el, "processing");
    await elementUpdated(el);
    const percentAt = (time: number) => Math.round(((time - startedAt) / 4_000) * 100);
    const bar = $(el, '[role="progressbar"]')!;
    const percent = Number(bar.getAttribute("aria-valuenow"));
    expect(percent).to.be.within(50, Math.max(50, percentAt(Date.now())));
    expect(percent).to.be.below(95);
    // The model's 4 s (no measured range yet: ± a third) as a range that stays put while the job runs.
    expect(bar.getAttribute("aria-valuetext")).to.equal("Usually about 2.6–5.4 s");
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect($(el, '[role="progressbar"]')!.getAttribute("aria-valuetext"), "does not jump").to.equal(
      "Usually about 2.6–5.4 s",
    );
    expect(statusText(el)).to.equal("Generating");
    await expectNoAxeViolations(el);
  });

  it("processing with a measured range: the median drives the bar, the range is said, and overdue says so", async () => {
    const startedAt = Date.now() - 1_000;
    const job = makeJob({ status: "processing", startedAt, parameters: { ...makeJob().parameters, numImages: 2 } });
    const client = clientWith(job);
    client.setResult(api.models.list, {}, [
      makeModel({ estimatedMs: 1_000, estimatedRangeMs: { low: 800, high: 1_500 } }),
    ]);
    const el = await mount(client);
    await settled(el, "processing");
    await waitUntil(() => $(el, ".hint")?.textContent?.includes("Usually"), "the range");
    expect($(el, ".hint")!.textContent).to.equal("Usually about 1.6–3 s");
    const percent = Number($(el, '[role="progressbar"]')!.getAttribute("aria-valuenow"));
    expect(percent, "about half of 2 × 1 s").to.be.within(45, 80);
    const late = clientWith(makeJob({ status: "processing", startedAt: Date.now() - 10_000 }));
    late.setResult(api.models.list, {}, [
      makeModel({ estimatedMs: 1_000, estimatedRangeMs: { low: 800, high: 1_500 } }),
    ]);
    const overdue = await mount(late);
    await waitUntil(() => $(overdue, ".hint")?.textContent?.includes("longer"), "overdue");
    expect($(overdue, ".hint")!.textContent).to.equal("Taking longer than usual (about 0.8–1.5 s)…");
  });

  it("loading: a skeleton of the card, the words only for screen readers", async () => {
    const client = new FakeClient();
    const el = await mount(client);
    await el.updateComplete;
    expect(el.getAttribute("status")).to.equal("loading");
    expect($(el, ".loading .skeleton")).to.exist;
    expect($(el, '[part="status"]')!.classList.contains("visually-hidden")).to.equal(true);
    expect(statusText(el)).to.equal("Loading job…");
  });

  it("completed: placeholder thumbnails, then the signed image with a download link, and an event", async () => {
    const client = clientWith(makeJob({ status: "processing", startedAt: Date.now() }));
    client.setResult(api.images.get, { imageId: "img1" }, makeImage());
    client.urls.set("img1", PIXEL_URL);
    client.holdUrls();
    const el = await mount(client);
    await settled(el, "processing");
    const completed = oneEvent(el, "pixorly-job-completed");
    client.setResult(
      api.jobs.get,
      { jobId: "job1" },
      makeJob({
        status: "completed",
        startedAt: Date.now() - 1500,
        completedAt: Date.now(),
        resultImageIds: ["img1"],
        actualCost: 1,
      }),
    );
    const event = (await completed) as CustomEvent<{ jobId: string }>;
    expect(event.detail.jobId).to.equal("job1");
    expect(statusText(el)).to.equal("Done: 1 image");
    const image = $(el, "pixorly-image")!;
    await waitUntil(() => image.shadowRoot?.querySelector('[part="placeholder"]'), "placeholder shown");
    expect(image.shadowRoot!.querySelector<HTMLImageElement>('[part="placeholder"]')!.src).to.match(/^data:image\/png/);
    await expectNoAxeViolations(el);
    client.releaseUrls();
    await waitUntil(() => $(el, '[part="download"]'), "download link");
    expect($(el, '[part="download"]')!.textContent).to.equal("Download");
    expect($(el, '[part="download"]')!.getAttribute("aria-label")).to.equal("Download image");
    expect($(el, ".meta")!.textContent).to.contain("1 credit").and.to.contain("1.5 s");
    await expectNoAxeViolations(el);
  });

  it("the signed image replaces the placeholder once loaded", async () => {
    const client = clientWith(makeJob({ status: "completed", resultImageIds: ["img1"] }));
    client.setResult(api.images.get, { imageId: "img1" }, makeImage());
    client.urls.set("img1", PIXEL_URL);
    const el = await mount(client);
    await settled(el, "completed");
    const image = $(el, "pixorly-image")!;
    await waitUntil(() => image.hasAttribute("loaded"), "image loaded");
    await elementUpdated(image);
    expect(image.shadowRoot!.querySelector('[part="placeholder"]')).to.equal(null);
    expect(image.shadowRoot!.querySelector<HTMLImageElement>('[part="image"]')!.alt).to.contain("lighthouse");
  });

  it("failed: the reason in plain words, retry, and an event", async () => {
    const client = clientWith(makeJob({ status: "processing", startedAt: Date.now() }));
    const el = await mount(client);
    await settled(el, "processing");
    const failed = oneEvent(el, "pixorly-job-failed");
    client.setResult(
      api.jobs.get,
      { jobId: "job1" },
      makeJob({ status: "failed", error: { code: "TIMEOUT", message: "" } }),
    );
    const event = (await failed) as CustomEvent<{ error: { code: string; message: string } }>;
    expect(event.detail.error.code).to.equal("TIMEOUT");
    expect($(el, ".error")!.textContent).to.equal("This took too long and was stopped. Your credits were refunded.");
    expect($(el, '[part="retry-button"]')).to.exist;
    await expectNoAxeViolations(el);
  });

  it("cancelled: says so and offers retry", async () => {
    const el = await mount(clientWith(makeJob({ status: "cancelled" })));
    await settled(el, "cancelled");
    expect(statusText(el)).to.equal("Cancelled");
    expect($(el, '[part="retry-button"]')).to.exist;
    expect($(el, '[part="cancel-button"]')).to.equal(null);
    await expectNoAxeViolations(el);
  });

  it('an unknown or foreign job shows "Job not found"', async () => {
    const el = await mount(clientWith(null, "someone-elses"), "someone-elses");
    await settled(el, "not-found");
    expect(statusText(el)).to.equal("Job not found");
    await expectNoAxeViolations(el);
  });

  it("a failing subscription shows the plain message for its code", async () => {
    const client = new FakeClient();
    client.setError(
      api.jobs.get,
      { jobId: "job1" },
      new ConvexError({ code: "UNAUTHENTICATED", message: "Please sign in to continue." }),
    );
    const el = await mount(client);
    await settled(el, "error");
    expect(statusText(el)).to.equal("Please sign in to continue.");
  });

  it("cancel works from the keyboard", async () => {
    const client = clientWith(makeJob({ status: "pending", queuePosition: 1 }));
    const el = await mount(client);
    await settled(el, "pending");
    $(el, '[part="cancel-button"]')!.focus();
    await sendKeys({ press: "Enter" });
    await waitUntil(() => client.mutations.length === 1);
    expect(client.mutations[0]).to.deep.equal({ name: "jobs:cancel", args: { jobId: "job1" } });
  });

  it("retry starts a new job, follows it and announces it", async () => {
    const client = clientWith(
      makeJob({ status: "failed", error: { code: "PROVIDER_ERROR", message: "The provider failed." } }),
    );
    client.onMutation(api.jobs.retry, () => "job2");
    client.setResult(api.jobs.get, { jobId: "job2" }, makeJob({ _id: "job2", status: "pending", queuePosition: 1 }));
    const el = await mount(client);
    await settled(el, "failed");
    const created = oneEvent(el, "pixorly-job-created");
    $(el, '[part="retry-button"]')!.click();
    expect(((await created) as CustomEvent).detail).to.deep.equal({ jobId: "job2", retryOf: "job1" });
    await settled(el, "pending");
    expect(el.jobId).to.equal("job2");
    expect(el.getAttribute("job-id")).to.equal("job2");
  });

  it("pointed at another job: loading until its result, never the previous status over an empty headline", async () => {
    const client = clientWith(makeJob({ status: "pending", queuePosition: 3 }));
    const el = await mount(client);
    await settled(el, "pending");
    el.jobId = "job2";
    await el.updateComplete;
    expect(el.status).to.equal("loading");
    expect(statusText(el)).to.equal("Loading job…");
    client.setResult(api.jobs.get, { jobId: "job2" }, makeJob({ _id: "job2", status: "pending", queuePosition: 1 }));
    await settled(el, "pending");
    await el.updateComplete;
    expect(statusText(el)).to.equal("Waiting in line: 1st in the queue");
  });

  it("a failed cancel shows why and emits pixorly-error", async () => {
    const client = clientWith(makeJob({ status: "processing", startedAt: Date.now() }));
    client.onMutation(api.jobs.cancel, () => {
      throw new ConvexError({ code: "CONFLICT", message: "The job is already completed." });
    });
    const el = await mount(client);
    await settled(el, "processing");
    const error = oneEvent(el, "pixorly-error");
    $(el, '[part="cancel-button"]')!.click();
    expect(((await error) as CustomEvent).detail.code).to.equal("CONFLICT");
    await elementUpdated(el);
    expect($(el, '[role="alert"]')!.textContent).to.equal("The job is already completed.");
  });

  it("announces changes through one persistent live region", async () => {
    const client = clientWith(makeJob({ status: "pending", queuePosition: 3 }));
    const el = await mount(client);
    await settled(el, "pending");
    const region = $(el, '[role="status"]');
    client.setResult(api.jobs.get, { jobId: "job1" }, makeJob({ status: "processing", startedAt: Date.now() }));
    await settled(el, "processing");
    expect($(el, '[role="status"]')).to.equal(region);
    expect(region!.textContent!.trim()).to.equal("Generating");
  });

  it("unsubscribes when removed", async () => {
    const client = clientWith(makeJob());
    const el = await mount(client);
    await settled(el, "pending");
    expect(client.activeWatches("jobs:get")).to.equal(1);
    el.remove();
    expect(client.activeWatches("jobs:get")).to.equal(0);
  });

  it("a result opens large (pixorly-open-image) and Download saves a file instead of opening a tab", async () => {
    const client = clientWith(makeJob({ status: "completed", resultImageIds: ["img1", "img2"] }));
    client.setResult(api.images.get, { imageId: "img1" }, makeImage());
    client.setResult(api.images.get, { imageId: "img2" }, makeImage({ _id: "img2" }));
    client.urls.set("img1", PIXEL_URL);
    client.urls.set("img2", PIXEL_URL);
    const el = await mount(client);
    await settled(el, "completed");
    const images = [...el.shadowRoot!.querySelectorAll("pixorly-image")];
    await waitUntil(() => images.every((image) => image.doc), "image documents");
    const opened = oneEvent(el, "pixorly-open-image");
    el.shadowRoot!.querySelectorAll<HTMLElement>('[part="open-button"]')[1]!.click();
    const detail = ((await opened) as CustomEvent).detail;
    expect([detail.index, detail.images.map((image: { _id: string }) => image._id)]).to.deep.equal([
      1,
      ["img1", "img2"],
    ]);
    expect(el.shadowRoot!.querySelector('a[target="_blank"]')).to.equal(null);
    // Through the edge's signed download link (the browser saves it; the page stays)…
    const followed: string[] = [];
    const original = downloadNavigation.follow;
    downloadNavigation.follow = (url) => void followed.push(url);
    try {
      $(el, '[part="download"]')!.click();
      await waitUntil(() => followed.length === 1, "the download link is followed");
    } finally {
      downloadNavigation.follow = original;
    }
    expect(client.downloadRequests.map((request) => request.imageId)).to.deep.equal(["img1"]);
    expect(followed[0]).to.equal("https://cdn.test/download/img1?");
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
    $(el, '[part="download"]')!.click();
    const link = await saved;
    expect(link.href).to.match(/^blob:/);
    expect(link.download).to.equal("pixorly-a-lighthouse-in-a-storm-oil-painting-img1.png");
    await expectNoAxeViolations(el);
  });
});
