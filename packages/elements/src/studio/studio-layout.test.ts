import { elementUpdated, expect, fixture, fixtureCleanup, html, waitUntil } from "@open-wc/testing";
import { setViewport } from "@web/test-runner-commands";
import { api } from "../client/api.js";
import type { PixorlyClientOptions } from "../client/pixorly-client.js";
import type { PixorlyJobStatus } from "../job-status/job-status.component.js";
import type { PixorlyPromptBox } from "../prompt-box/prompt-box.component.js";
import { expectNoAxeViolations } from "../test/axe.js";
import { FakeClient } from "../test/fake-client.js";
import { makeImage, makeJob, makeModel, PIXEL_URL } from "../test/fixtures.js";
import { EXAMPLE_PROMPTS, surprisePrompt } from "./example-prompts.js";
import { PixorlyStudio } from "./studio.component.js";
import "./studio.js";

/** The studio's look at the widths people use: two panes on a laptop, one column on a phone, 320 px at the least. */
class LayoutStudio extends PixorlyStudio {
  static next: () => FakeClient = () => new FakeClient();
  protected override createClient(_options: PixorlyClientOptions) {
    return LayoutStudio.next();
  }
}
PixorlyStudio.define("layout-studio", LayoutStudio);

const URLS = 'convex-url="http://127.0.0.1:3210" api-url="http://127.0.0.1:8787" token-url="/t"';
const done = makeJob({
  _id: "done",
  status: "completed",
  prompt:
    "aurora over a frozen fjord, stars and a crescent moon, with a long prompt that wraps over several lines on a phone",
  parameters: { width: 1024, height: 1024, seed: 7, numImages: 2 },
  resultImageIds: ["i1", "i2"],
  startedAt: 1,
  completedAt: 2_000,
  actualCost: 2,
});

function client({ withResults }: { withResults: boolean }): FakeClient {
  const fake = new FakeClient();
  fake.setResult(api.models.list, {}, [
    makeModel(),
    makeModel({ id: "local/mosaic", name: "Mosaic" }),
    makeModel({ id: "local/nebula", name: "Nebula" }),
  ]);
  fake.onMutation(api.users.ensure, () => ({ userId: "user1", plan: "free", credits: 1999, storageUsed: 0 }));
  fake.setResult(api.jobs.me, {}, { plan: "free", credits: 1999, storageUsed: 0 });
  fake.setResult(api.jobs.listActive, {}, withResults ? [done] : []);
  fake.setResult(api.jobs.get, { jobId: "done" }, done);
  const images = withResults
    ? ["i1", "i2"].map((id) => makeImage({ _id: id, jobId: "done", width: 1024, height: 1024 }))
    : [];
  for (const image of images) {
    fake.setResult(api.images.get, { imageId: image._id }, image);
    fake.urls.set(image._id, PIXEL_URL);
  }
  fake.setResult(
    api.images.list,
    { paginationOpts: { numItems: 12, cursor: null } },
    { page: images, isDone: true, continueCursor: "" },
  );
  return fake;
}

async function studio(theme: "light" | "dark", withResults: boolean): Promise<LayoutStudio> {
  LayoutStudio.next = () => client({ withResults });
  const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
  wrapper.innerHTML = `<layout-studio ${URLS} theme="${theme}"></layout-studio>`;
  const el = wrapper.firstElementChild as LayoutStudio;
  // The workspace elements are defined after the studio's first paint: wait for the upgraded prompt box (its
  // chunk loads in a second or more when three engines share two busy cores).
  await waitUntil(
    () => typeof el.shadowRoot!.querySelector<PixorlyPromptBox>("pixorly-prompt-box")?.usePrompt === "function",
    "the prompt box",
    { timeout: 10_000 },
  );
  await waitUntil(
    () => el.shadowRoot!.querySelector<PixorlyPromptBox>("pixorly-prompt-box")?.model,
    "the prompt box and its model",
  );
  if (withResults) {
    await waitUntil(
      () => el.shadowRoot!.querySelector<PixorlyJobStatus>("pixorly-job-status")?.status === "completed",
      "the finished job",
    );
    const card = el.shadowRoot!.querySelector<PixorlyJobStatus>("pixorly-job-status")!;
    await waitUntil(() => card.shadowRoot!.querySelectorAll("pixorly-image").length === 2, "its images");
  }
  return el;
}

const $ = <T extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const box = (element: Element | null) => element!.getBoundingClientRect();

describe("<pixorly-studio> layout", () => {
  after(() => setViewport({ width: 800, height: 600 }));

  for (const width of [320, 360, 1280]) {
    for (const theme of ["light", "dark"] as const) {
      it(`${width} px, ${theme}: no accessibility violations empty or with results, and nothing scrolls sideways`, async () => {
        await setViewport({ width, height: 800 });
        for (const withResults of [false, true]) {
          fixtureCleanup();
          const el = await studio(theme, withResults);
          await expectNoAxeViolations(el);
          expect(
            document.documentElement.scrollWidth,
            `${withResults ? "with results" : "empty"}: page width`,
          ).to.be.at.most(innerWidth);
          for (const element of [$(el, ".compose"), $(el, ".canvas")])
            expect(box(element).right).to.be.at.most(innerWidth + 0.5);
        }
      });
    }
  }

  it("two panes on a laptop: controls left, results right, headings on one line; the latest images big", async () => {
    await setViewport({ width: 1280, height: 800 });
    const el = await studio("light", true);
    const [compose, canvas] = [box($(el, ".compose")), box($(el, ".canvas"))];
    expect(canvas.left).to.be.greaterThan(compose.right);
    expect(canvas.width).to.be.greaterThan(compose.width);
    const middle = (rect: DOMRect) => rect.top + rect.height / 2;
    expect(middle(box($(el, "#results-heading"))), "the two headings on one line").to.be.closeTo(
      middle(box($(el, "#compose-heading"))),
      1,
    );
    expect(getComputedStyle($(el, "pixorly-recent-results")!).display, "the filmstrip").to.not.equal("none");
    const latest = $<PixorlyJobStatus>(el, '[part~="latest"]')!;
    const first = latest.shadowRoot!.querySelector("pixorly-image")!;
    expect(box(first).width, "a result, not a thumbnail").to.be.greaterThan(280);
  });

  it("one column on a phone: results under the controls, a compact model row, the Generate button big", async () => {
    await setViewport({ width: 360, height: 740 });
    const el = await studio("light", true);
    expect(box($(el, ".canvas")).top).to.be.greaterThan(box($(el, ".compose")).bottom - 1);
    const picker = $(el, "pixorly-model-picker")!;
    const cards = [...picker.shadowRoot!.querySelectorAll('[part="card"]')].map(box);
    expect(cards[1]!.top, "the model cards sit in one row").to.equal(cards[0]!.top);
    expect(cards[0]!.height, "small cards").to.be.below(200);
    const submit = $<PixorlyPromptBox>(el, "pixorly-prompt-box")!.shadowRoot!.querySelector('[part="submit"]')!;
    expect(box(submit).height).to.be.at.least(44);
  });

  it("on a phone the Generate bar stays on screen while the form is, however far down the button is", async () => {
    await setViewport({ width: 360, height: 560 });
    const el = await studio("light", false);
    const box = $<PixorlyPromptBox>(el, "pixorly-prompt-box")!;
    // The advanced settings make the form far taller than the screen: the button is well below the prompt.
    box.mode = "advanced";
    await box.updateComplete;
    const form = box.shadowRoot!.querySelector("form")!.getBoundingClientRect();
    expect(form.height, "a form taller than the screen").to.be.greaterThan(innerHeight);
    box.shadowRoot!.querySelector("#prompt")!.scrollIntoView({ block: "start" });
    const submit = box.shadowRoot!.querySelector('[part="submit"]')!.getBoundingClientRect();
    expect(submit.bottom, "on screen").to.be.at.most(innerHeight + 0.5);
    expect(submit.top, "at the bottom of the screen").to.be.greaterThan(innerHeight / 2);
  });

  it('empty: example prompts and "Surprise me" fill the prompt box and focus it', async () => {
    await setViewport({ width: 1280, height: 800 });
    const el = await studio("light", false);
    const prompt = () => $<PixorlyPromptBox>(el, "pixorly-prompt-box")!;
    await waitUntil(() => $(el, "pixorly-recent-results")?.hasAttribute("empty"), "the recent images, none yet");
    expect(
      getComputedStyle($(el, "pixorly-recent-results")!).display,
      'no second "nothing here yet" under the empty state',
    ).to.equal("none");
    const examples = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part="example"]')];
    expect(examples.map((button) => button.textContent!.trim())).to.deep.equal(EXAMPLE_PROMPTS.slice(0, 4));
    examples[1]!.click();
    await elementUpdated(prompt());
    await prompt().updateComplete;
    expect(prompt().prompt).to.equal(EXAMPLE_PROMPTS[1]);
    expect(prompt().shadowRoot!.activeElement?.id).to.equal("prompt");
    $<HTMLButtonElement>(el, '[part="surprise"]')!.click();
    await prompt().updateComplete;
    expect(EXAMPLE_PROMPTS).to.include(prompt().prompt);
    expect(prompt().prompt, "a different prompt each time").to.not.equal(EXAMPLE_PROMPTS[1]);
  });

  it("a new job on a phone is scrolled into view", async () => {
    await setViewport({ width: 360, height: 640 });
    const el = await studio("light", false);
    scrollTo(0, 0);
    el.dispatchEvent(new CustomEvent("pixorly-job-created", { detail: { jobId: "done" } }));
    await waitUntil(() => $(el, '[part~="latest"]'), "the latest job");
    await waitUntil(() => {
      const latest = box($(el, '[part~="latest"]'));
      return latest.top >= 0 && latest.top < innerHeight;
    }, "the new job on screen");
  });
});

describe("surprisePrompt", () => {
  it("picks an example other than the one in the box", () => {
    expect(surprisePrompt("", () => 0)).to.equal(EXAMPLE_PROMPTS[0]);
    expect(surprisePrompt(EXAMPLE_PROMPTS[0]!, () => 0)).to.equal(EXAMPLE_PROMPTS[1]);
    expect(surprisePrompt("", () => 0.999)).to.equal(EXAMPLE_PROMPTS.at(-1));
  });
});
