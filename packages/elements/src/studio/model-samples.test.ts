import { expect, fixture, html as testHtml, waitUntil } from "@open-wc/testing";
import { LitElement } from "lit";
import { api } from "../client/api.js";
import { FakeClient } from "../test/fake-client.js";
import { makeImage } from "../test/fixtures.js";
import { ModelSamples } from "./model-samples.js";

/** A bare host for the controller: the client and user the studio would give it. */
class SamplesHost extends LitElement {
  client: FakeClient | undefined;
  userId = "";
  readonly samples = new ModelSamples(this, { client: () => this.client, userId: () => this.userId });
}
customElements.define("samples-host", SamplesHost);

const page = (images: ReturnType<typeof makeImage>[]) => ({ page: images, isDone: true, continueCursor: "" });
const RECENT = { paginationOpts: { numItems: 12, cursor: null } };

describe("ModelSamples", () => {
  beforeEach(() => localStorage.clear());

  it("a cloud model's first image in the recent list becomes its sample, remembered per account; built-in models are left out", async () => {
    const client = new FakeClient();
    client.setResult(
      api.images.list,
      RECENT,
      page([
        makeImage({ _id: "new-xl", model: "acme/studio-xl" }),
        makeImage({ _id: "aurora", model: "local/aurora" }),
        makeImage({ _id: "first-xl", model: "acme/studio-xl" }),
        makeImage({ _id: "sketch", model: "acme/sketch" }),
      ]),
    );
    const host = await fixture<SamplesHost>(testHtml`<samples-host></samples-host>`);
    expect(host.samples.value, "signed out: none").to.deep.equal({});
    host.client = client;
    host.userId = "user1";
    host.requestUpdate();
    await waitUntil(() => Object.keys(host.samples.value).length === 2, "the samples");
    expect(host.samples.value).to.deep.equal({ "acme/studio-xl": "first-xl", "acme/sketch": "sketch" });

    // Later the first image has left the recent list: the card keeps it.
    client.setResult(api.images.list, RECENT, page([makeImage({ _id: "newest-xl", model: "acme/studio-xl" })]));
    await host.updateComplete;
    expect(host.samples.value["acme/studio-xl"]).to.equal("first-xl");
    expect(JSON.parse(localStorage.getItem("pixorly:model-samples:v1:user1")!)).to.deep.equal({
      "acme/studio-xl": "first-xl",
      "acme/sketch": "sketch",
    });
    host.userId = "user2";
    expect(host.samples.value["acme/studio-xl"], "another account's pictures are not shown").to.equal("newest-xl");
  });
});
