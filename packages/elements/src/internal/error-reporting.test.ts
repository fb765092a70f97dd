import { expect, fixture, html, waitUntil } from "@open-wc/testing";
import { LitElement } from "lit";
import { attachErrorReporting, MAX_EVENTS, resetReportCount } from "./error-reporting.js";
import { ErrorReportingController } from "./error-reporting-controller.js";

const JWT = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ1c2VyXzEifQ.c2lnbmF0dXJl";
const DSN = "https://publickey@sentry.test/17";

class ReportingProbe extends LitElement {
  static loads = 0;
  readonly reporting = new ErrorReportingController(this, () => {
    ReportingProbe.loads++;
    return import("./error-reporting.js");
  });
}
customElements.define("pixorly-reporting-probe", ReportingProbe);

function recorder() {
  const sent: { url: string; body: string }[] = [];
  const fetch = async (url: string, init: { body: string }) => {
    sent.push({ url, body: init.body });
    return { ok: true, status: 200 };
  };
  return { sent, fetch };
}

const eventOf = (body: string) => JSON.parse(body.trimEnd().split("\n")[2]!);

describe("error reports from the elements", () => {
  let restoreUrl = "";
  beforeEach(() => {
    resetReportCount();
    restoreUrl = location.href;
    // The partner page's address, with a query and fragment that must never leave.
    history.replaceState(null, "", `${location.pathname}?visitor=ada%40example.com&session=s3cr3t#account`);
  });
  afterEach(() => history.replaceState(null, "", restoreUrl));

  it("sends a pixorly-error as a scrubbed event, without the page query or the visitor", async () => {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const { sent, fetch } = recorder();
    const stop = attachErrorReporting(host, DSN, { fetch });
    host.dispatchEvent(
      new CustomEvent("pixorly-error", {
        detail: { code: "AUTH", message: `token ${JWT} refused for ada@example.com` },
      }),
    );
    stop();
    expect(sent).to.have.length(1);
    expect(sent[0]!.url).to.equal("https://sentry.test/api/17/envelope/");
    const event = eventOf(sent[0]!.body);
    expect(event.tags).to.include({ service: "elements", kind: "pixorly-error", code: "AUTH", element: "div" });
    expect(event.request.url).to.equal(location.origin + location.pathname);
    expect(event).not.to.have.property("user");
    for (const secret of [JWT, "ada@example.com", "ada%40example.com", "s3cr3t", "visitor=", "#account"])
      expect(sent[0]!.body).not.to.contain(secret);
  });

  it("reports uncaught errors from its own scripts only, at most MAX_EVENTS a page", async () => {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const { sent, fetch } = recorder();
    // Its own event target: an error event on the real window would fail the test as an uncaught error.
    const page = new EventTarget();
    const stop = attachErrorReporting(host, DSN, {
      fetch,
      scriptBase: "https://cdn.pixorly.test/elements/",
      errorSource: page,
    });
    const ours = new Error("boom in the studio");
    ours.stack = "Error: boom\n    at render (https://cdn.pixorly.test/elements/pixorly.js:1:200)";
    page.dispatchEvent(
      new ErrorEvent("error", { error: ours, filename: "https://cdn.pixorly.test/elements/pixorly.js" }),
    );
    page.dispatchEvent(
      new ErrorEvent("error", { error: new Error("the page’s own bug"), filename: "https://partner.test/app.js" }),
    );
    for (let i = 0; i < MAX_EVENTS + 5; i++)
      host.dispatchEvent(new CustomEvent("pixorly-error", { detail: { code: "X", message: `problem ${i}` } }));
    stop();
    expect(sent).to.have.length(MAX_EVENTS);
    expect(eventOf(sent[0]!.body).exception.values[0].value).to.equal("boom in the studio");
    expect(sent.map((s) => s.body).join()).not.to.contain("page’s own bug");
  });

  it("loads and sends nothing without the report-errors attribute", async () => {
    const realFetch = window.fetch;
    const calls: string[] = [];
    window.fetch = (input: RequestInfo | URL) => (calls.push(String(input)), Promise.resolve(new Response("{}")));
    try {
      ReportingProbe.loads = 0;
      const probe = await fixture<ReportingProbe>(html`<pixorly-reporting-probe></pixorly-reporting-probe>`);
      probe.dispatchEvent(new CustomEvent("pixorly-error", { detail: { code: "X", message: "nobody hears this" } }));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(ReportingProbe.loads).to.equal(0);
      expect(calls).to.deep.equal([]);

      const opted = await fixture<ReportingProbe>(
        html`<pixorly-reporting-probe report-errors=${DSN}></pixorly-reporting-probe>`,
      );
      // Loading the reporter's chunk can take seconds on a busy machine (three engines at once on two cores).
      await waitUntil(() => ReportingProbe.loads === 1, "the reporter loads with the attribute", { timeout: 10_000 });
      // The reporter attaches once its chunk has run: the problem is raised until a report goes out (no fixed
      // sleep a busy machine can outrun).
      await waitUntil(
        () => {
          opted.dispatchEvent(new CustomEvent("pixorly-error", { detail: { code: "X", message: "heard" } }));
          return calls.length > 0;
        },
        "a report sent",
        { timeout: 10_000 },
      );
      expect(calls[0]).to.equal("https://sentry.test/api/17/envelope/");
      expect(calls.every((url) => url === "https://sentry.test/api/17/envelope/")).to.equal(true);
    } finally {
      window.fetch = realFetch;
    }
  });

  it("says once that a bad DSN is ignored", async () => {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const warn = console.warn;
    const warnings: string[] = [];
    console.warn = (text: string) => warnings.push(text);
    try {
      attachErrorReporting(host, "not-a-dsn")();
    } finally {
      console.warn = warn;
    }
    expect(warnings[0]).to.match(/report-errors: the value is not a URL/);
  });
});
