import { expect, fixture, html, waitUntil } from "@open-wc/testing";
import { api } from "../client/api.js";
import { expectNoAxeViolations } from "../test/axe.js";
import { FakeClient, provideClient } from "../test/fake-client.js";
import { makeImage, PIXEL_URL } from "../test/fixtures.js";
import type { PixorlyImage } from "./image.component.js";
import "./image.js";

async function mount(client: FakeClient, setup: (el: PixorlyImage) => void): Promise<PixorlyImage> {
  const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 200px"></div>`);
  provideClient(wrapper, client);
  const el = document.createElement("pixorly-image");
  setup(el);
  wrapper.append(el);
  await el.updateComplete;
  return el;
}

const part = (el: PixorlyImage, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part="${name}"]`);

describe("<pixorly-image>", () => {
  it("shows the ThumbHash placeholder while the URL is on its way, labelled for screen readers", async () => {
    const client = new FakeClient();
    client.holdUrls();
    const el = await mount(client, (e) => (e.image = makeImage()));
    expect(part(el, "placeholder")!.getAttribute("src")).to.match(/^data:image\/png/);
    expect(part(el, "base")!.getAttribute("aria-label")).to.contain("lighthouse");
    await expectNoAxeViolations(el);
  });

  it("looks the image up by id, then shows the signed image", async () => {
    const client = new FakeClient();
    client.setResult(api.images.get, { imageId: "img1" }, makeImage());
    client.urls.set("img1", PIXEL_URL);
    const el = await mount(client, (e) => (e.imageId = "img1"));
    await waitUntil(() => el.loaded, "loaded");
    await el.updateComplete;
    expect(part(el, "placeholder")).to.equal(null);
    expect(part(el, "image")!.getAttribute("alt")).to.contain("lighthouse");
    await expectNoAxeViolations(el);
  });

  it("falls back to the original when the resized variant fails (an edge without transforms)", async () => {
    const client = new FakeClient();
    client.urls.set("img1", PIXEL_URL);
    client.resizedUrls.set("img1", "data:image/png;base64,AAAA");
    const el = await mount(client, (e) => (e.image = makeImage()));
    await waitUntil(() => el.loaded, "loaded from the original");
    expect(part(el, "image")!.getAttribute("src")).to.equal(PIXEL_URL);
  });

  it("says so when the image cannot load at all, or is not readable", async () => {
    const client = new FakeClient();
    client.urls.set("img1", "data:image/png;base64,AAAA");
    const el = await mount(client, (e) => (e.image = makeImage()));
    await waitUntil(() => el.shadowRoot!.textContent!.includes("Image could not load"), "error note");
    const other = await mount(client, (e) => (e.image = makeImage({ _id: "theirs" })));
    await waitUntil(() => other.shadowRoot!.textContent!.includes("Image not available"), "missing note");
    await expectNoAxeViolations(other);
  });

  describe("an image that cannot load says why, after one retry with a fresh URL", () => {
    const realFetch = window.fetch;
    afterEach(() => {
      window.fetch = realFetch;
    });
    /** A URL the test server answers 404 to: the `<img>` fails; what the probe hears is up to the test. */
    const BROKEN = `${location.origin}/__pixorly-test/missing.png`;

    for (const [answer, reason, note] of [
      [
        () =>
          new Response('{"code":"FORBIDDEN","message":"This URL has expired; ask for a new one."}', { status: 403 }),
        "expired",
        "Image link expired",
      ],
      [
        () => new Response('{"code":"FORBIDDEN","message":"The signature does not match."}', { status: 403 }),
        "forbidden",
        "Image not allowed on this site",
      ],
      [() => new Response("", { status: 404 }), "gone", "Image was deleted"],
      [
        () => {
          throw new TypeError("Failed to fetch");
        },
        "unreachable",
        "Image server unreachable",
      ],
    ] as const) {
      it(`${reason}`, async () => {
        const client = new FakeClient();
        client.urls.set("img1", BROKEN);
        window.fetch = async (input, init) => (String(input) === BROKEN ? answer() : realFetch(input, init));
        const events: { imageId: string; reason: string; code: string }[] = [];
        const el = await mount(client, (e) => {
          e.image = makeImage();
          e.requestWidth = 0;
          e.addEventListener("pixorly-image-unavailable", (event) => events.push((event as CustomEvent).detail));
        });
        await waitUntil(() => el.shadowRoot!.querySelector(".note"), "a note", { timeout: 5000 });
        expect(el.shadowRoot!.querySelector(".note")!.textContent!.trim()).to.equal(note);
        expect(el.shadowRoot!.querySelector(".note")!.getAttribute("data-reason")).to.equal(reason);
        expect(client.forgotten, "one retry with a fresh URL").to.deep.equal(["img1"]);
        expect(client.urlRequests, "the first URL and one fresh one").to.have.length(2);
        expect(events).to.have.length(1);
        expect(events[0]).to.include({ imageId: "img1", reason, code: "IMAGE_UNAVAILABLE" });
        await expectNoAxeViolations(el);
      });
    }

    it("a fresh URL that loads is shown, with no note and no event", async () => {
      const client = new FakeClient();
      client.urls.set("img1", BROKEN);
      // The edge signs a new URL that works (a key rotated meanwhile, an expiry passed).
      const forget = client.forgetSignedUrl.bind(client);
      client.forgetSignedUrl = (id) => {
        forget(id);
        client.urls.set("img1", PIXEL_URL);
      };
      const events: unknown[] = [];
      const el = await mount(client, (e) => {
        e.image = makeImage();
        e.requestWidth = 0;
        e.addEventListener("pixorly-image-unavailable", (event) => events.push(event));
      });
      await waitUntil(() => client.forgotten.length === 1, "asked for a fresh URL", { timeout: 5000 });
      await waitUntil(() => el.loaded, "the fresh URL loads");
      expect(el.shadowRoot!.querySelector(".note")).to.equal(null);
      expect(events).to.have.length(0);
    });
  });

  it('an unknown id says "Image not found"', async () => {
    const client = new FakeClient();
    client.setResult(api.images.get, { imageId: "nope" }, null);
    const el = await mount(client, (e) => (e.imageId = "nope"));
    await waitUntil(() => part(el, "base")?.getAttribute("aria-label") === "Image not found", "not found");
  });

  it("offers CDN variants through srcset/sizes, lazily, with its size stated so nothing jumps", async () => {
    const client = new FakeClient();
    client.urls.set("img1", PIXEL_URL);
    client.resizedUrls.set("img1", PIXEL_URL);
    const el = await mount(client, (e) => {
      e.image = makeImage({ width: 1024, height: 768 });
      e.sizes = "50vw";
      e.requestWidth = 512;
    });
    await waitUntil(
      () => (part(el, "image")?.getAttribute("srcset")?.match(/ \d+w/g) ?? []).length === 3,
      "every variant in srcset",
    );
    const img = part(el, "image")!;
    expect(img.getAttribute("srcset")).to.contain("256w").and.contain("512w").and.contain("1024w");
    expect(img.getAttribute("sizes")).to.equal("50vw");
    expect(img.getAttribute("loading")).to.equal("lazy");
    expect([img.getAttribute("width"), img.getAttribute("height")]).to.deep.equal(["1024", "768"]);
    expect(client.urlRequests.map((r) => r.transform)).to.deep.include.members([
      { w: 256, f: "auto" },
      { w: 512, f: "auto" },
      { w: 1024, f: "auto" },
    ]);
  });
});
