import { elementUpdated, expect, fixture, html, oneEvent, waitUntil } from "@open-wc/testing";
import { sendKeys } from "@web/test-runner-commands";
import { ConvexError } from "convex/values";
import { api } from "../client/api.js";
import { expectNoAxeViolations } from "../test/axe.js";
import { FakeClient, provideClient } from "../test/fake-client.js";
import { makeImage, PIXEL_URL } from "../test/fixtures.js";
import type { PixorlyRecentResults } from "./recent-results.component.js";
import "./recent-results.js";

const LIST_ARGS = { paginationOpts: { numItems: 12, cursor: null } };

async function mount(client: FakeClient): Promise<PixorlyRecentResults> {
  const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 360px"></div>`);
  provideClient(wrapper, client);
  const el = document.createElement("pixorly-recent-results");
  wrapper.append(el);
  await el.updateComplete;
  return el;
}

describe("<pixorly-recent-results>", () => {
  it("says where images will appear before there are any", async () => {
    const client = new FakeClient();
    client.setResult(api.images.list, LIST_ARGS, { page: [], isDone: true, continueCursor: "" });
    const el = await mount(client);
    await waitUntil(() => el.shadowRoot!.textContent!.includes("Your images will appear here."));
    await expectNoAxeViolations(el);
  });

  it("lists images live and is chosen from the keyboard", async () => {
    const client = new FakeClient();
    client.urls.set("a", PIXEL_URL);
    client.urls.set("b", PIXEL_URL);
    client.setResult(api.images.list, LIST_ARGS, {
      page: [makeImage({ _id: "a", jobId: "ja" })],
      isDone: true,
      continueCursor: "",
    });
    const el = await mount(client);
    await waitUntil(() => el.shadowRoot!.querySelectorAll("button").length === 1, "first image");
    client.setResult(api.images.list, LIST_ARGS, {
      page: [makeImage({ _id: "b", jobId: "jb", prompt: "a green hill" }), makeImage({ _id: "a", jobId: "ja" })],
      isDone: true,
      continueCursor: "",
    });
    await waitUntil(() => el.shadowRoot!.querySelectorAll("button").length === 2, "the new image arrives");
    el.shadowRoot!.querySelector("button")!.focus();
    const selected = oneEvent(el, "pixorly-image-selected");
    await sendKeys({ press: "Enter" });
    expect(((await selected) as CustomEvent).detail).to.include({ imageId: "b", jobId: "jb" });
    await elementUpdated(el);
    expect(el.shadowRoot!.querySelector("button")!.getAttribute("aria-pressed")).to.equal("true");
    await expectNoAxeViolations(el);
  });

  it("shows a failed listing in plain words", async () => {
    const client = new FakeClient();
    client.setError(
      api.images.list,
      LIST_ARGS,
      new ConvexError({ code: "FORBIDDEN", message: 'This token does not allow "images:read".' }),
    );
    const el = await mount(client);
    await waitUntil(() => el.shadowRoot!.textContent!.includes("does not allow"));
  });
});
