import { expect, fixture, html, waitUntil } from "@open-wc/testing";
import { LitElement } from "lit";
import { FakeClient } from "../test/fake-client.js";
import { api, type Job } from "./api.js";
import { QueryController, SKIP } from "./query-controller.js";

class QueryHost extends LitElement {
  static override properties = { jobId: { type: String } };
  declare jobId: string;
  client: FakeClient | undefined;
  readonly job = new QueryController(
    this,
    () => this.client,
    api.jobs.get,
    () => (this.jobId ? { jobId: this.jobId } : SKIP),
  );
  override render() {
    return html`${this.job.loading ? "loading" : (this.job.value?.status ?? "none")}`;
  }
}
customElements.define("query-host", QueryHost);

const job = (id: string, status: Job["status"]) => ({ _id: id, status }) as Job;

describe("QueryController", () => {
  it("subscribes, re-renders on results, follows argument changes and unsubscribes on disconnect", async () => {
    const client = new FakeClient();
    client.setResult(api.jobs.get, { jobId: "a" }, job("a", "pending"));
    client.setResult(api.jobs.get, { jobId: "b" }, job("b", "completed"));
    const el = document.createElement("query-host") as QueryHost;
    el.client = client;
    el.jobId = "a";
    await fixture(html`<div></div>`).then((wrapper) => wrapper.append(el));
    await waitUntil(() => el.shadowRoot!.textContent === "pending");
    client.setResult(api.jobs.get, { jobId: "a" }, job("a", "processing"));
    await waitUntil(() => el.shadowRoot!.textContent === "processing");
    el.jobId = "b";
    await waitUntil(() => el.shadowRoot!.textContent === "completed");
    expect(client.activeWatches("jobs:get")).to.equal(1);
    el.remove();
    expect(client.activeWatches()).to.equal(0);
  });

  it("read in willUpdate (before hostUpdate re-subscribes), a new argument is loading, not the old result", async () => {
    class EarlyReader extends QueryHost {
      seen: string[] = [];
      protected override willUpdate(): void {
        this.seen.push(`${this.jobId}:${this.job.loading ? "loading" : (this.job.value?.status ?? "none")}`);
      }
    }
    customElements.define("query-early-reader", EarlyReader);
    const client = new FakeClient();
    client.setResult(api.jobs.get, { jobId: "a" }, job("a", "pending"));
    const el = document.createElement("query-early-reader") as EarlyReader;
    el.client = client;
    el.jobId = "a";
    await fixture(html`<div></div>`).then((wrapper) => wrapper.append(el));
    await waitUntil(() => el.shadowRoot!.textContent === "pending");
    el.jobId = "b";
    await el.updateComplete;
    // The card of a job that was re-pointed showed the previous job's status over an empty headline.
    expect(el.seen.at(-1)).to.equal("b:loading");
    expect(el.job.value).to.equal(undefined);
    expect(el.shadowRoot!.textContent).to.equal("loading");
  });

  it("stays idle while the args say skip", async () => {
    const client = new FakeClient();
    const el = document.createElement("query-host") as QueryHost;
    el.client = client;
    await fixture(html`<div></div>`).then((wrapper) => wrapper.append(el));
    await el.updateComplete;
    expect(client.activeWatches()).to.equal(0);
    expect(el.job.loading).to.equal(false);
  });
});
