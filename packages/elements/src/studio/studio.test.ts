import { elementUpdated, expect, fixture, html, oneEvent, waitUntil } from "@open-wc/testing";
import { ConvexError } from "convex/values";
import { api } from "../client/api.js";
import type { PixorlyClientOptions } from "../client/pixorly-client.js";
import { expectNoAxeViolations } from "../test/axe.js";
import { FakeClient } from "../test/fake-client.js";
import { makeImage, makeJob, makeModel, PIXEL_URL } from "../test/fixtures.js";
import { PixorlyStudio } from "./studio.component.js";
import "./studio.js";

/** The real studio with its client swapped for a fake (test code only). */
class TestStudio extends PixorlyStudio {
  static next: () => FakeClient = () => new FakeClient();
  readonly created: { client: FakeClient; options: PixorlyClientOptions }[] = [];
  protected override createClient(options: PixorlyClientOptions) {
    const client = TestStudio.next();
    this.created.push({ client, options });
    return client;
  }
}
PixorlyStudio.define("test-studio", TestStudio);

const URLS = 'convex-url="http://127.0.0.1:3210" api-url="http://127.0.0.1:8787"';
const CATALOG = [makeModel(), makeModel({ id: "local/mosaic", name: "Mosaic" })];

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
  return client;
}

/** The studio opens its client once it has painted its shell: waits for that, and the update after it. */
async function painted(el: TestStudio): Promise<void> {
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  await el.updateComplete;
}

async function studio(
  attributes: string,
  client = readyClient(),
  width = 1000,
): Promise<{ el: TestStudio; client: FakeClient }> {
  TestStudio.next = () => client;
  const wrapper = await fixture<HTMLDivElement>(html`<div style="width: ${width}px"></div>`);
  wrapper.innerHTML = `<test-studio ${attributes}></test-studio>`;
  const el = wrapper.firstElementChild as TestStudio;
  await el.updateComplete;
  await painted(el);
  return { el, client };
}

/** Collects console.warn lines and pixorly-error details while `run` runs (the developer-facing channel). */
async function developerChannel(
  target: EventTarget,
  run: () => Promise<void>,
): Promise<{ warnings: string[]; errors: { code: string; message: string; reason?: string }[] }> {
  const warnings: string[] = [];
  const errors: { code: string; message: string; reason?: string }[] = [];
  const warn = console.warn;
  const listener = (event: Event) => errors.push((event as CustomEvent).detail);
  console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(" "));
  target.addEventListener("pixorly-error", listener);
  try {
    await run();
  } finally {
    console.warn = warn;
    target.removeEventListener("pixorly-error", listener);
  }
  return { warnings, errors };
}

const $ = (el: Element, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
const notice = (el: Element) => $(el, '[part="notice"]')?.textContent?.replace(/\s+/g, " ").trim() ?? "";

const NEUTRAL = "This studio is not available right now. Please try again later.";

describe("<pixorly-studio> configuration errors", () => {
  it("a malformed convex-url: visitors see one neutral sentence; the developer gets the console and pixorly-error", async () => {
    let el!: TestStudio;
    const { warnings, errors } = await developerChannel(document, async () => {
      ({ el } = await studio('convex-url="not a url" api-url="http://127.0.0.1:8787" token-url="/token"'));
    });
    expect(notice(el)).to.equal(NEUTRAL);
    expect(el.shadowRoot!.textContent).not.to.contain("convex-url");
    expect(warnings.join("\n")).to.contain('The convex-url attribute "not a url" is not a valid http(s) URL.');
    expect(errors.map((e) => e.code)).to.include("CONFIG_INVALID");
    expect($(el, '[part="connection"]')!.getAttribute("data-state")).to.equal("config-error");
    expect(el.created).to.have.length(0);
    await expectNoAxeViolations(el);
  });

  it("a malformed api-url and a missing convex-url are both reported, each once", async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
    const { errors } = await developerChannel(wrapper, async () => {
      wrapper.innerHTML = '<test-studio api-url="ftp://nope" token-url="/token"></test-studio>';
      const el = wrapper.firstElementChild as TestStudio;
      await el.updateComplete;
      el.requestUpdate();
      await el.updateComplete;
    });
    const messages = errors.map((e) => e.message);
    expect(messages.filter((m) => m.includes("The convex-url attribute is missing"))).to.have.length(1);
    expect(
      messages.filter((m) => m.includes('The api-url attribute "ftp://nope" is not a valid http(s) URL.')),
    ).to.have.length(1);
    expect(notice(wrapper.firstElementChild!)).to.equal(NEUTRAL);
  });

  it("no token-url and no tokenProvider says how to configure sign-in, and emits pixorly-error", async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
    const heard = oneEvent(wrapper, "pixorly-error");
    wrapper.innerHTML = `<test-studio ${URLS}></test-studio>`;
    const event = (await heard) as CustomEvent<{ code: string; message: string }>;
    expect(event.detail.code).to.equal("CONFIG_INVALID");
    expect(event.detail.message).to.contain("Set the token-url attribute or the tokenProvider property");
    expect(notice(wrapper.firstElementChild!)).to.equal(NEUTRAL);
  });

  it("an unknown theme or view warns in the console once per attribute, and the default is used", async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
    let el!: TestStudio;
    const { warnings, errors } = await developerChannel(wrapper, async () => {
      wrapper.innerHTML = `<test-studio ${URLS} token-url="/t" theme="neon" view="gallery"></test-studio>`;
      el = wrapper.firstElementChild as TestStudio;
      await el.updateComplete;
      for (let i = 0; i < 3; i++) {
        el.requestUpdate();
        await el.updateComplete;
      }
    });
    expect(
      warnings.filter((w) => w.includes('theme="neon"')),
      "once, naming the allowed values",
    ).to.have.length(1);
    expect(warnings.find((w) => w.includes('theme="neon"'))).to.contain('"light", "dark", "auto"');
    expect(warnings.filter((w) => w.includes('view="gallery"'))).to.have.length(1);
    expect(errors.filter((e) => e.code === "ATTRIBUTE_INVALID")).to.have.length(2);
  });

  it("a tokenProvider set as a property is enough, and fixing the attributes starts the studio", async () => {
    const { el } = await studio('convex-url="bad" api-url="http://127.0.0.1:8787"');
    el.tokenProvider = async () => "token";
    el.convexUrl = "http://127.0.0.1:3210";
    await el.updateComplete;
    await painted(el);
    expect(notice(el)).to.equal("");
    expect(el.created).to.have.length(1);
    expect(await el.created[0]!.options.tokenProvider()).to.equal("token");
  });

  it("an unknown model in models or default-model is told to the developer, not the visitor", async () => {
    const errors: { code: string; message: string }[] = [];
    const warn = console.warn;
    console.warn = () => {};
    const { el } = await studio(
      `${URLS} token-url="/token" models="local/aurora, acme/nope" default-model="local/mosaic"`,
    ).finally(() => (console.warn = warn));
    el.addEventListener("pixorly-error", (e) => errors.push((e as CustomEvent).detail));
    el.requestUpdate();
    const all = () => (el as unknown as { reported: Set<string> }).reported;
    await waitUntil(() => [...all()].some((m) => m.includes("acme/nope")), "reported");
    expect([...all()].join("\n")).to.contain(
      "Unknown model in the models attribute: acme/nope. Available: local/aurora, local/mosaic.",
    );
    expect([...all()].join("\n")).to.contain('The default-model "local/mosaic" is not in the models attribute.');
    expect(notice(el), "visitors are not told about the page's configuration").to.equal("");
    expect(el.shadowRoot!.textContent).not.to.contain("Check the models");
    expect($(el, "pixorly-prompt-box"), "the known models still work").to.exist;
    expect(
      ($(el, "pixorly-model-picker") as unknown as { models: { id: string }[] }).models.map((m) => m.id),
    ).to.deep.equal(["local/aurora"]);
    await expectNoAxeViolations(el);
  });

  it("an unknown default-model alone is reported as MODELS_UNKNOWN", async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
    const heard = new Promise<{ code: string; message: string }>((resolve) =>
      wrapper.addEventListener("pixorly-error", (e) => {
        const detail = (e as CustomEvent).detail;
        if (detail.code === "MODELS_UNKNOWN") resolve(detail);
      }),
    );
    TestStudio.next = () => readyClient();
    wrapper.innerHTML = `<test-studio ${URLS} token-url="/token" default-model="local/ghost"></test-studio>`;
    expect((await heard).message).to.contain('The default-model "local/ghost" is not a known model.');
  });
});

describe("<pixorly-studio> running", () => {
  it("resolves a relative token-url against the page and provisions the user once signed in", async () => {
    const { el, client } = await studio(`${URLS} token-url="/api/token"`);
    expect(el.created).to.have.length(1);
    await waitUntil(() => client.mutations.some((m) => m.name === "users:ensure"), "users:ensure");
    await waitUntil(() => $(el, '[part="credits"]'), "credits");
    expect($(el, '[part="credits"]')!.textContent).to.equal("1,999 credits");
    await expectNoAxeViolations(el);
  });

  it("shows the connection state as it changes", async () => {
    const { el, client } = await studio(`${URLS} token-url="/t"`);
    const label = () => $(el, '[part="connection"]')!.textContent!.trim();
    expect(label()).to.equal("Connected");
    for (const [state, text] of [
      ["reconnecting", "Reconnecting…"],
      ["offline", "Offline"],
      ["connecting", "Connecting…"],
    ] as const) {
      client.setState({ connection: state });
      await elementUpdated(el);
      expect(label()).to.equal(text);
    }
    client.setState({ connection: "reconnecting", retryAt: Date.now() + 3_500 });
    await elementUpdated(el);
    expect(label()).to.equal("Reconnecting… retry in 4 s");
    await waitUntil(() => label() === "Reconnecting… retry in 3 s", "the countdown ticks", { timeout: 2500 });
  });

  it("never says Connected while sign-in failed, even with the socket up", async () => {
    const { el, client } = await studio(`${URLS} token-url="/t"`);
    client.setState({
      connection: "connected",
      authState: "failed",
      authMessage: "Could not sign in. The token provider failed: The token URL answered 404 Not Found",
    });
    await elementUpdated(el);
    expect($(el, '[part="connection"]')!.textContent!.trim()).to.equal("Not signed in");
    expect(el.shadowRoot!.textContent).not.to.contain("Connected");
    client.setState({ connection: "connected", authState: "signing-in" });
    await elementUpdated(el);
    expect($(el, '[part="connection"]')!.textContent!.trim()).to.equal("Signing in…");
  });

  it("a wrong api-url or a refused origin stops the studio before any job, told to the developer once", async () => {
    for (const [problem, code] of [
      ["origin", "ORIGIN_MISMATCH"],
      ["api-unreachable", "API_UNREACHABLE"],
    ] as const) {
      const { el, client } = await studio(`${URLS} token-url="/t"`);
      await waitUntil(() => $(el, "pixorly-prompt-box"), "the workspace");
      const { errors } = await developerChannel(el, async () => {
        client.setState({ apiProblem: problem });
        await elementUpdated(el);
        el.requestUpdate();
        await el.updateComplete;
      });
      expect(errors.map((e) => e.code)).to.deep.equal([code]);
      expect(notice(el)).to.equal(NEUTRAL);
      expect($(el, "pixorly-prompt-box"), "nothing to spend credits on").to.equal(null);
      expect($(el, '[part="connection"]')!.getAttribute("data-state")).to.equal("config-error");
    }
  });

  it("a lost backend is reported once per outage, not once per retry", async () => {
    const { el, client } = await studio(`${URLS} token-url="/t"`);
    const { errors } = await developerChannel(el, async () => {
      for (let retry = 1; retry <= 4; retry++) {
        client.setState({ connection: "reconnecting", retryAt: Date.now() + retry * 1000 });
        await elementUpdated(el);
      }
    });
    expect(errors.filter((e) => e.code === "BACKEND_UNREACHABLE")).to.have.length(1);
    expect(errors[0]!.message).to.contain("http://127.0.0.1:3210");
  });

  it("an expired session shows the auth message, emits pixorly-auth-expired once, and can try again", async () => {
    const { el, client } = await studio(`${URLS} token-url="/t"`);
    const expired = oneEvent(el, "pixorly-auth-expired");
    client.setState({ authState: "expired", authMessage: "Your session has expired. Sign in again to continue." });
    expect(((await expired) as CustomEvent).detail.state).to.equal("expired");
    await elementUpdated(el);
    expect(notice(el)).to.contain("Your session has expired.");
    expect($(el, "pixorly-prompt-box"), "no workspace without a session").to.equal(null);
    await expectNoAxeViolations(el);
    TestStudio.next = () => readyClient();
    $(el, '[part="notice"] button')!.click();
    await elementUpdated(el);
    await painted(el);
    expect(el.created).to.have.length(2);
    expect(notice(el)).to.equal("");
  });

  it('a token provider that throws: visitors see "Could not sign in."; the reason goes to the developer as SIGN_IN_FAILED', async () => {
    const { el, client } = await studio(`${URLS} token-url="/t"`);
    const { warnings, errors } = await developerChannel(el, async () => {
      client.setState({ authState: "failed", authMessage: "Could not sign in. The token provider failed: boom" });
      await elementUpdated(el);
    });
    expect(notice(el)).to.contain("Could not sign in.");
    expect(notice(el)).not.to.contain("boom");
    expect(errors.map((e) => e.code)).to.deep.equal(["SIGN_IN_FAILED"]);
    expect(warnings.join()).to.contain("The token provider failed: boom");
  });

  it("adds a status card for each created job, and for jobs already running", async () => {
    const client = readyClient();
    client.setResult(api.jobs.listActive, {}, [
      makeJob({ _id: "running", status: "processing", startedAt: Date.now() }),
    ]);
    client.setResult(
      api.jobs.get,
      { jobId: "running" },
      makeJob({ _id: "running", status: "processing", startedAt: Date.now() }),
    );
    client.setResult(api.jobs.get, { jobId: "new1" }, makeJob({ _id: "new1", status: "pending", queuePosition: 1 }));
    const { el } = await studio(`${URLS} token-url="/t"`, client);
    await waitUntil(() => el.shadowRoot!.querySelectorAll("pixorly-job-status").length === 1, "running job");
    el.dispatchEvent(
      new CustomEvent("pixorly-job-created", { detail: { jobId: "new1" }, bubbles: true, composed: true }),
    );
    await elementUpdated(el);
    const ids = [...el.shadowRoot!.querySelectorAll("pixorly-job-status")].map((s) => s.jobId);
    expect(ids).to.deep.equal(["new1", "running"]);
  });

  it("a job card's Retry is heard on the studio as pixorly-job-created { jobId, retryOf }, typed, and replaces the card", async () => {
    const client = readyClient();
    client.setResult(api.jobs.get, { jobId: "failed1" }, makeJob({ _id: "failed1", status: "failed" }));
    client.setResult(
      api.jobs.get,
      { jobId: "again1" },
      makeJob({ _id: "again1", status: "pending", queuePosition: 1 }),
    );
    client.onMutation(api.jobs.retry, () => "again1");
    const { el } = await studio(`${URLS} token-url="/t"`, client);
    el.dispatchEvent(
      new CustomEvent("pixorly-job-created", { detail: { jobId: "failed1" }, bubbles: true, composed: true }),
    );
    await waitUntil(() => $(el, "pixorly-job-status")?.shadowRoot?.querySelector("[part=retry-button]"), "retry");
    const heard: { jobId: string; retryOf?: string }[] = [];
    // No cast: the studio's events are typed by PixorlyEventMap.
    document.body.addEventListener("pixorly-job-created", (event) => heard.push(event.detail), { once: true });
    $(el, "pixorly-job-status")!.shadowRoot!.querySelector<HTMLButtonElement>("[part=retry-button]")!.click();
    await waitUntil(() => heard.length === 1, "pixorly-job-created from the card");
    expect(heard[0]).to.deep.equal({ jobId: "again1", retryOf: "failed1" });
    await elementUpdated(el);
    const ids = [...el.shadowRoot!.querySelectorAll("pixorly-job-status")].map((card) => card.jobId);
    expect(ids).to.deep.equal(["again1"]);
  });

  it("a page styles nested elements' parts through the studio (exportparts: job-cancel-button, job-image-base, prompt-box-submit)", async () => {
    const style = document.createElement("style");
    style.textContent = `
      test-studio::part(job-cancel-button) { background-color: rgb(1, 2, 3); }
      test-studio::part(job-image-base) { outline: 3px solid rgb(4, 5, 6); }
      test-studio::part(prompt-box-submit) { color: rgb(7, 8, 9); }
    `;
    document.head.append(style);
    try {
      const client = readyClient();
      client.setResult(api.jobs.get, { jobId: "run1" }, makeJob({ _id: "run1", status: "pending", queuePosition: 1 }));
      client.setResult(
        api.jobs.get,
        { jobId: "done1" },
        makeJob({ _id: "done1", status: "completed", resultImageIds: ["img1"], completedAt: Date.now() }),
      );
      const { el } = await studio(`${URLS} token-url="/t"`, client);
      for (const jobId of ["done1", "run1"])
        el.dispatchEvent(new CustomEvent("pixorly-job-created", { detail: { jobId }, bubbles: true, composed: true }));
      const card = (id: string) =>
        [...el.shadowRoot!.querySelectorAll("pixorly-job-status")].find((c) => c.jobId === id)?.shadowRoot;
      await waitUntil(() => card("run1")?.querySelector("[part=cancel-button]"), "the running job's cancel button");
      await waitUntil(
        () => card("done1")?.querySelector("pixorly-image")?.shadowRoot?.querySelector("[part~=base]"),
        "the image",
      );
      const cancel = card("run1")!.querySelector("[part=cancel-button]")!;
      expect(getComputedStyle(cancel).backgroundColor).to.equal("rgb(1, 2, 3)");
      const base = card("done1")!.querySelector("pixorly-image")!.shadowRoot!.querySelector("[part~=base]")!;
      expect(getComputedStyle(base).outlineColor).to.equal("rgb(4, 5, 6)");
      await waitUntil(() => $(el, "pixorly-prompt-box")?.shadowRoot?.querySelector("[part~=submit]"), "submit");
      const submit = $(el, "pixorly-prompt-box")!.shadowRoot!.querySelector("[part~=submit]")!;
      expect(getComputedStyle(submit).color).to.equal("rgb(7, 8, 9)");
      // A part the card has but the studio does not re-export under that name is not styled.
      expect(getComputedStyle(card("run1")!.querySelector("[part=status]")!).backgroundColor).to.not.equal(
        "rgb(1, 2, 3)",
      );
    } finally {
      style.remove();
    }
  });

  it("recent images: choosing one emits pixorly-image-selected out of the studio", async () => {
    const client = readyClient();
    client.setResult(
      api.images.list,
      { paginationOpts: { numItems: 12, cursor: null } },
      {
        page: [makeImage({ _id: "imgA", jobId: "jobA" }), makeImage({ _id: "imgB", jobId: "jobB" })],
        isDone: true,
        continueCursor: "",
      },
    );
    client.urls.set("imgA", PIXEL_URL);
    const { el } = await studio(`${URLS} token-url="/t"`, client);
    const strip = $(el, "pixorly-recent-results")!;
    await waitUntil(() => strip.shadowRoot!.querySelectorAll("button").length === 2, "thumbnails");
    const selected = oneEvent(document.body, "pixorly-image-selected");
    strip.shadowRoot!.querySelector("button")!.click();
    const event = (await selected) as CustomEvent<{ imageId: string; jobId: string; model: string }>;
    expect(event.detail).to.include({ imageId: "imgA", jobId: "jobA", model: "local/aurora" });
    await elementUpdated(strip);
    expect(strip.shadowRoot!.querySelector("button")!.getAttribute("aria-pressed")).to.equal("true");
    await expectNoAxeViolations(el);
  });

  it("theme: reflected, dark palette on request, overridable by the page", async () => {
    const { el } = await studio(`${URLS} token-url="/t" theme="dark"`);
    expect(getComputedStyle(el).getPropertyValue("--pixorly-color-bg").trim()).to.equal("#0e1014");
    await expectNoAxeViolations(el);
    el.theme = "light";
    await elementUpdated(el);
    expect(el.getAttribute("theme")).to.equal("light");
    expect(getComputedStyle(el).getPropertyValue("--pixorly-color-bg").trim()).to.equal("#f4f5f8");
    el.style.setProperty("--pixorly-color-accent", "rebeccapurple");
    expect(getComputedStyle(el).getPropertyValue("--pixorly-color-accent").trim()).to.equal("rebeccapurple");
  });

  it("fits 360 px: nothing sticks out sideways, even with finished jobs and images", async () => {
    const client = readyClient();
    const job = makeJob({
      _id: "done",
      status: "completed",
      resultImageIds: ["i1", "i2", "i3"],
      startedAt: 1,
      completedAt: 2,
    });
    client.setResult(api.jobs.listActive, {}, [job]);
    client.setResult(api.jobs.get, { jobId: "done" }, job);
    for (const id of ["i1", "i2", "i3"]) client.setResult(api.images.get, { imageId: id }, makeImage({ _id: id }));
    const { el } = await studio(`${URLS} token-url="/t"`, client, 360);
    await waitUntil(() => el.shadowRoot!.querySelector("pixorly-job-status")?.status === "completed", "job shown");
    const base = $(el, '[part="base"]')!;
    expect(base.scrollWidth).to.be.at.most(base.clientWidth);
    await expectNoAxeViolations(el);
  });

  it("closes its client when removed and opens a new one when put back", async () => {
    const { el } = await studio(`${URLS} token-url="/t"`);
    const parent = el.parentElement!;
    el.remove();
    parent.append(el);
    await el.updateComplete;
    await painted(el);
    expect(el.created).to.have.length(2);
  });

  it("paints its shell before it opens the client, and a studio removed before that opens none", async () => {
    TestStudio.next = () => readyClient();
    const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
    wrapper.innerHTML = `<test-studio ${URLS} token-url="/t"></test-studio>`;
    const el = wrapper.firstElementChild as TestStudio;
    await el.updateComplete;
    expect($(el, '[part="header"]'), "the shell is rendered").to.exist;
    expect(el.created, "no client before the first paint").to.have.length(0);
    await painted(el);
    expect(el.created).to.have.length(1);

    wrapper.innerHTML = `<test-studio ${URLS} token-url="/t"></test-studio>`;
    const gone = wrapper.firstElementChild as TestStudio;
    await gone.updateComplete;
    gone.remove();
    await painted(gone);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(gone.created, "removed before it painted").to.have.length(0);
  });

  it("opens its client in a document that gets no animation frames (a background tab)", async () => {
    TestStudio.next = () => readyClient();
    const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
    const frames = window.requestAnimationFrame;
    window.requestAnimationFrame = () => 0;
    try {
      wrapper.innerHTML = `<test-studio ${URLS} token-url="/t"></test-studio>`;
      const el = wrapper.firstElementChild as TestStudio;
      await el.updateComplete;
      await waitUntil(() => el.created.length === 1, "the client opens without a frame", { timeout: 1_000 });
    } finally {
      window.requestAnimationFrame = frames;
    }
  });
});

describe("<pixorly-studio> generating", () => {
  const request = {
    prompt: "a red kite over the sea",
    model: "local/aurora",
    parameters: { width: 1024, height: 1024 },
  };

  function submitFrom(el: TestStudio, runs: { model: unknown; request: unknown; idempotencyKey: string }[]) {
    const box = $(el, "pixorly-prompt-box")!;
    box.dispatchEvent(new CustomEvent("pixorly-submit", { detail: { runs }, bubbles: true, composed: true }));
    return box as HTMLElement & { submitting: boolean };
  }

  it("gives the prompt box the default model and the user key", async () => {
    const { el } = await studio(`${URLS} token-url="/t" default-model="local/mosaic"`);
    await waitUntil(
      () => ($(el, "pixorly-prompt-box") as unknown as { model?: { id: string } })?.model?.id === "local/mosaic",
      "model",
    );
    await waitUntil(() => $(el, "pixorly-prompt-box")!.getAttribute("user-key") === "user1", "user key");
    expect(($(el, "pixorly-model-picker") as unknown as { value: string }).value).to.equal("local/mosaic");
  });

  it("a submit creates the job with its idempotency key, announces it and shows its status", async () => {
    const { el, client } = await studio(`${URLS} token-url="/t"`);
    client.onMutation(api.jobs.create, () => "job-new");
    client.setResult(
      api.jobs.get,
      { jobId: "job-new" },
      makeJob({ _id: "job-new", status: "pending", queuePosition: 1 }),
    );
    await waitUntil(() => $(el, "pixorly-prompt-box"), "prompt box");
    const created = oneEvent(document.body, "pixorly-job-created");
    const box = submitFrom(el, [{ model: CATALOG[0], request, idempotencyKey: "key-1" }]);
    expect(box.submitting, "disabled while submitting").to.equal(true);
    const event = (await created) as CustomEvent<{ jobId: string; model: string }>;
    expect(event.detail).to.include({ jobId: "job-new", model: "local/aurora" });
    expect(client.mutations.find((m) => m.name === "jobs:create")!.args).to.deep.equal({
      ...request,
      idempotencyKey: "key-1",
    });
    await elementUpdated(el);
    expect([...el.shadowRoot!.querySelectorAll("pixorly-job-status")].map((s) => s.jobId)).to.deep.equal(["job-new"]);
    expect(box.submitting).to.equal(false);
  });

  it("a refused submit is shown by the prompt box and emitted as pixorly-error", async () => {
    const { el, client } = await studio(`${URLS} token-url="/t"`);
    client.onMutation(api.jobs.create, () => {
      throw new ConvexError({ code: "INSUFFICIENT_CREDITS", message: "You do not have enough credits for this." });
    });
    await waitUntil(() => $(el, "pixorly-prompt-box"), "prompt box");
    const error = oneEvent(el, "pixorly-error");
    const box = submitFrom(el, [{ model: CATALOG[0], request, idempotencyKey: "key-2" }]);
    expect(((await error) as CustomEvent).detail.code).to.equal("INSUFFICIENT_CREDITS");
    await waitUntil(
      () => box.shadowRoot!.textContent!.includes("You do not have enough credits for this."),
      "shown in the box",
    );
    expect(el.shadowRoot!.querySelectorAll("pixorly-job-status")).to.have.length(0);
  });

  it("comparison mode: the picker takes several models and the jobs show side by side", async () => {
    const { el, client } = await studio(`${URLS} token-url="/t"`);
    let n = 0;
    client.onMutation(api.jobs.create, () => `cmp-${++n}`);
    await waitUntil(() => $(el, '[part="compare-toggle"]'), "toggle");
    $(el, '[part="compare-toggle"]')!.click();
    await elementUpdated(el);
    const picker = $(el, "pixorly-model-picker") as unknown as HTMLElement & { compare: boolean };
    expect(picker.compare).to.equal(true);
    expect($(el, '[part="compare-toggle"]')!.getAttribute("aria-pressed")).to.equal("true");
    picker.dispatchEvent(
      new CustomEvent("pixorly-model-change", {
        detail: { values: ["local/aurora", "local/mosaic"], models: CATALOG },
        bubbles: true,
        composed: true,
      }),
    );
    await elementUpdated(el);
    const box = $(el, "pixorly-prompt-box") as unknown as { compareModels: { id: string }[] };
    expect(box.compareModels.map((m) => m.id)).to.deep.equal(["local/aurora", "local/mosaic"]);
    submitFrom(el, [
      { model: CATALOG[0], request, idempotencyKey: "a" },
      { model: CATALOG[1], request: { ...request, model: "local/mosaic" }, idempotencyKey: "b" },
    ]);
    await waitUntil(() => $(el, "pixorly-comparison"), "comparison shown");
    const comparison = $(el, "pixorly-comparison") as unknown as { runs: { jobId: string; model: { id: string } }[] };
    expect(comparison.runs.map((r) => [r.jobId, r.model.id])).to.deep.equal([
      ["cmp-1", "local/aurora"],
      ["cmp-2", "local/mosaic"],
    ]);
    const listed = [...el.shadowRoot!.querySelectorAll("pixorly-job-status")].map((s) => s.getAttribute("job-id"));
    expect(listed, "comparison runs are jobs too: they are in the jobs list").to.include.members(["cmp-1", "cmp-2"]);
  });

  it("comparison starts with no model ticked", async () => {
    const { el } = await studio(`${URLS} token-url="/t" default-model="local/mosaic"`);
    await waitUntil(() => $(el, '[part="compare-toggle"]'), "toggle");
    $(el, '[part="compare-toggle"]')!.click();
    await elementUpdated(el);
    const picker = $(el, "pixorly-model-picker") as unknown as { values: string[] };
    expect(picker.values).to.deep.equal([]);
  });
});

describe("<pixorly-studio> white label", () => {
  const title = (el: Element) => $(el, '[part="brand"]')?.textContent?.trim() ?? null;

  it("hide-brand and the brand slot work when the token allows white-labelling", async () => {
    const client = readyClient();
    client.whiteLabel = true;
    const { el } = await studio(`${URLS} token-url="/t" hide-brand`, client);
    await waitUntil(() => $(el, "pixorly-prompt-box"), "signed in");
    expect(title(el)).to.equal(null);
    el.hideBrand = false;
    el.innerHTML = '<span slot="brand">Acme Studio</span>';
    await elementUpdated(el);
    const slot = $(el, 'slot[name="brand"]') as HTMLSlotElement;
    expect(slot.assignedElements().map((e) => e.textContent)).to.deep.equal(["Acme Studio"]);
    await expectNoAxeViolations(el);
  });

  it("without the claim, hide-brand is refused: the title stays and the developer is told once", async () => {
    const client = readyClient();
    const { el } = await studio(`${URLS} token-url="/t"`, client);
    const { errors, warnings } = await developerChannel(el, async () => {
      el.hideBrand = true;
      for (let i = 0; i < 3; i++) {
        el.requestUpdate();
        await el.updateComplete;
      }
    });
    expect(title(el)).to.equal("Pixorly");
    expect(errors.filter((e) => e.code === "ATTRIBUTE_INVALID")).to.have.length(1);
    expect(warnings.join()).to.contain("whiteLabel");
  });
});
