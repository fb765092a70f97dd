import { expect, fixture, html, waitUntil } from "@open-wc/testing";
import { LitElement } from "lit";
import { FakeClient } from "../test/fake-client.js";
import { makeImage } from "../test/fixtures.js";
import { api } from "./api.js";
import { PaginatedQueryController } from "./paginated-query-controller.js";

class PagesHost extends LitElement {
  static override properties = { model: { type: String } };
  declare model: string;
  client: FakeClient | undefined;
  readonly images = new PaginatedQueryController(
    this,
    () => this.client,
    api.images.list,
    () => (this.model ? { model: this.model } : {}),
    () => 2,
  );
  override render() {
    return html`${this.images.loading ? "loading" : this.images.items.map((image) => image._id).join(",")}`;
  }
}
customElements.define("pages-host", PagesHost);

const page = (ids: string[], continueCursor: string, isDone = false) => ({
  page: ids.map((_id) => makeImage({ _id })),
  continueCursor,
  isDone,
});

describe("PaginatedQueryController", () => {
  it("loads page after page, keeps every page live, and starts over when the arguments change", async () => {
    const client = new FakeClient();
    const first = { paginationOpts: { numItems: 2, cursor: null } };
    const second = { paginationOpts: { numItems: 2, cursor: "c1" } };
    client.setResult(api.images.list, first, page(["a", "b"], "c1"));
    client.setResult(api.images.list, second, page(["c"], "c2", true));
    const el = document.createElement("pages-host") as PagesHost;
    el.client = client;
    await fixture(html`<div></div>`).then((wrapper) => wrapper.append(el));
    await waitUntil(() => el.shadowRoot!.textContent === "a,b");
    el.images.loadMore();
    await waitUntil(() => el.shadowRoot!.textContent === "a,b,c");
    expect(el.images.isDone).to.equal(true);
    // A new image at the top grows the first page; the overlap with page two shows once.
    client.setResult(api.images.list, first, page(["n", "a", "b", "c"], "c1"));
    await waitUntil(() => el.shadowRoot!.textContent === "n,a,b,c");
    expect(client.activeWatches("images:list")).to.equal(2);
    el.images.loadMore();
    expect(client.activeWatches("images:list")).to.equal(2, "nothing after the last page");
    el.model = "local/mosaic";
    await el.updateComplete;
    expect(client.activeWatches("images:list")).to.equal(1);
    expect(el.images.loading).to.equal(true);
    el.remove();
    expect(client.activeWatches()).to.equal(0);
  });

  it("read in willUpdate (before hostUpdate re-subscribes), new arguments are loading, not the old pages", async () => {
    class EarlyReader extends PagesHost {
      seen: string[] = [];
      protected override willUpdate(): void {
        const { loading, items, isDone } = this.images;
        this.seen.push(
          `${this.model ?? ""}:${loading ? "loading" : items.map((image) => image._id).join(",")}:${isDone}`,
        );
      }
    }
    customElements.define("pages-early-reader", EarlyReader);
    const client = new FakeClient();
    client.setResult(api.images.list, { paginationOpts: { numItems: 2, cursor: null } }, page(["a", "b"], "c1", true));
    const el = document.createElement("pages-early-reader") as EarlyReader;
    el.client = client;
    await fixture(html`<div></div>`).then((wrapper) => wrapper.append(el));
    await waitUntil(() => el.shadowRoot!.textContent === "a,b");
    el.model = "local/mosaic";
    await el.updateComplete;
    // The gallery switching to a filter showed the previous filter's images for that update.
    expect(el.seen.at(-1)).to.equal("local/mosaic:loading:false");
    expect(el.images.items).to.deep.equal([]);
    expect(el.shadowRoot!.textContent).to.equal("loading");
    expect(client.activeWatches("images:list")).to.equal(1);
  });

  it("reports a failed page", async () => {
    const client = new FakeClient();
    client.setError(api.images.list, { paginationOpts: { numItems: 2, cursor: null } }, new Error("boom"));
    const el = document.createElement("pages-host") as PagesHost;
    el.client = client;
    await fixture(html`<div></div>`).then((wrapper) => wrapper.append(el));
    await waitUntil(() => el.images.error !== undefined);
    expect(el.images.loading).to.equal(false);
  });
});
